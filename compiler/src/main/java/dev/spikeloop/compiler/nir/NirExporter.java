package dev.spikeloop.compiler.nir;

import dev.spikeloop.chipconfig.io.AtomicFiles;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a float network as a NIR graph file (HDF5, the layout of the {@code nir} Python package):
 * {@code Input -> Linear -> CubaLIF -> ... -> Output}, with a {@code Linear} node from a layer to
 * itself for recurrent weights.
 *
 * <p>Each CubaLIF gets {@code r = 1} and {@code w_in = tau_syn}, so that NIR's
 * {@code tau_syn I' = -I + w_in S} makes the current jump by exactly the float weight, and the
 * weights are written unchanged; {@code v_leak = v_reset = 0}. {@link NirImporter} reads it back to
 * the same network (the recurrent diagonal as 0).
 */
public final class NirExporter {
    /** The NIR version written into the file. */
    public static final String NIR_VERSION = "1.0.0";

    private NirExporter() {
    }

    /** Writes {@code net} to {@code path} atomically. */
    public static void write(FloatNetwork net, Path path) throws IOException {
        Path abs = path.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        // jhdf writes to a path; write a private temp file, then move it into place atomically
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".nir.tmp");
        try {
            try (WritableHdfFile file = HdfFile.write(tmp)) {
                fill(file, net);
            }
            AtomicFiles.write(path, out -> Files.copy(tmp, out));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void fill(WritableHdfFile file, FloatNetwork net) {
        file.putDataset("version", NIR_VERSION);
        WritableGroup graph = file.putGroup("node");
        graph.putDataset("type", "NIRGraph");
        WritableGroup nodes = graph.putGroup("nodes");
        List<String[]> edges = new ArrayList<>();
        List<String> names = names(net);

        WritableGroup in = nodes.putGroup("input");
        in.putDataset("type", NirNodeType.INPUT.nirName());
        in.putDataset("shape", new long[] {net.inputs()});
        String previous = "input";
        for (int l = 0; l < net.layerCount(); l++) {
            LayerSpec layer = net.layer(l);
            String name = names.get(l);
            String w = "w_" + name;
            linear(nodes.putGroup(w), layer.weights());
            neurons(nodes.putGroup(name), layer);
            edges.add(new String[] {previous, w});
            edges.add(new String[] {w, name});
            if (layer.recurrent() != null) {
                String r = "rec_" + name;
                double[][] rec = LayerSpecs.copyWithZeroDiagonal(layer.recurrent());
                linear(nodes.putGroup(r), rec);
                edges.add(new String[] {name, r});
                edges.add(new String[] {r, name});
            }
            previous = name;
        }
        WritableGroup out = nodes.putGroup("output");
        out.putDataset("type", NirNodeType.OUTPUT.nirName());
        out.putDataset("shape", new long[] {net.outputLayer().size()});
        edges.add(new String[] {previous, "output"});
        graph.putDataset("edges", edges.toArray(new String[0][]));
    }

    private static void linear(WritableGroup g, double[][] w) {
        g.putDataset("type", NirNodeType.LINEAR.nirName());
        g.putDataset("weight", w);
    }

    private static void neurons(WritableGroup g, LayerSpec layer) {
        int n = layer.size();
        g.putDataset("type", NirNodeType.CUBA_LIF.nirName());
        g.putDataset("tau_syn", filled(n, layer.tauSyn()));
        g.putDataset("tau_mem", filled(n, layer.tauMem()));
        g.putDataset("r", filled(n, 1.0));
        g.putDataset("v_leak", filled(n, 0.0));
        g.putDataset("v_threshold", filled(n, layer.threshold()));
        g.putDataset("v_reset", filled(n, 0.0));
        g.putDataset("w_in", filled(n, layer.tauSyn()));
    }

    /** Node names: the layer names when they are usable and unique, else {@code layer<i>}. */
    private static List<String> names(FloatNetwork net) {
        Set<String> used = new HashSet<>(List.of("input", "output"));
        List<String> names = new ArrayList<>();
        for (int l = 0; l < net.layerCount(); l++) {
            String n = net.layer(l).name();
            if (n == null || n.isBlank() || n.contains("/") || n.contains(".") || used.contains(n)
                    || used.contains("w_" + n) || used.contains("rec_" + n)) {
                n = "layer" + l;
            }
            used.add(n);
            used.add("w_" + n);
            used.add("rec_" + n);
            names.add(n);
        }
        return names;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** Small helpers on layer matrices. */
    private static final class LayerSpecs {
        private LayerSpecs() {
        }

        static double[][] copyWithZeroDiagonal(double[][] m) {
            double[][] c = new double[m.length][];
            for (int i = 0; i < m.length; i++) {
                c[i] = m[i].clone();
                c[i][i] = 0;
            }
            return c;
        }
    }
}
