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
 * {@code input -> w_<layer> (Linear) -> <layer> -> ... -> output}, with a {@code rec_<layer>}
 * Linear node from a layer to itself for recurrent weights. Layer names are kept as node names
 * (dotted names included); only a name that HDF5 cannot hold ({@code /}, empty) or that collides
 * with another node is replaced by {@code layer<i>}.
 *
 * <p>Neurons: a layer with a synaptic current becomes a {@code CubaLIF} with {@code r = 1} and
 * {@code w_in = tau_syn}, so that NIR's {@code tau_syn I' = -I + w_in S} makes the current jump by
 * exactly the float weight, and the weights are written unchanged; a layer whose source had no
 * synaptic current ({@code instantSynapse}) becomes a {@code LIF} ({@code tau = tau_mem}, {@code r = 1},
 * weights {@code W tau_syn}, the same charge per spike); a non-spiking readout becomes an {@code LI}.
 * Per-neuron values are written per neuron, a bias as {@code v_leak} (exact: the membrane settles
 * there), {@code v_reset = 0}. The recurrent diagonal is written when the layer counts
 * self-connections, else as 0. {@link NirImporter} reads the file back to the same network.
 *
 * <p>Limits of jhdf 0.9.4, the HDF5 writer: strings are fixed-length UTF-8 (h5py writes
 * variable-length ones; {@code nir.read} accepts both, h5py returns {@code numpy.bytes_} for them).
 * jhdf's private root attribute {@code _jHDF} is removed.
 */
public final class NirExporter {
    /** The NIR version written into the file: the release current readers ({@code nir} 1.0.x) write. */
    public static final String NIR_VERSION = "1.0.7";

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
                file.removeAttribute("_jHDF"); // a writer's private mark, not part of the NIR layout
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
        in.putDataset("type", "Input");
        in.putDataset("shape", new long[] {net.inputs()});
        String previous = "input";
        for (int l = 0; l < net.layerCount(); l++) {
            LayerSpec layer = net.layer(l);
            String name = names.get(l);
            String w = "w_" + name;
            double f = chargeFactor(layer);
            linear(nodes.putGroup(w), scaled(layer.weights(), f, false));
            neurons(nodes.putGroup(name), layer);
            edges.add(new String[] {previous, w});
            edges.add(new String[] {w, name});
            if (layer.recurrent() != null) {
                String r = "rec_" + name;
                linear(nodes.putGroup(r), scaled(layer.recurrent(), f, !layer.countsSelfConnections()));
                edges.add(new String[] {name, r});
                edges.add(new String[] {r, name});
            }
            previous = name;
        }
        WritableGroup out = nodes.putGroup("output");
        out.putDataset("type", "Output");
        out.putDataset("shape", new long[] {net.outputLayer().size()});
        edges.add(new String[] {previous, "output"});
        graph.putDataset("edges", edges.toArray(new String[0][]));
    }

    /** Float weight to NIR weight: 1 for CubaLIF; tau_syn for LIF/LI (the jump carries the current's charge). */
    private static double chargeFactor(LayerSpec layer) {
        return layer.detail().instantSynapse() || !layer.isSpiking() ? layer.tauSyn() : 1.0;
    }

    private static void linear(WritableGroup g, double[][] w) {
        g.putDataset("type", "Linear");
        g.putDataset("weight", w);
    }

    private static void neurons(WritableGroup g, LayerSpec layer) {
        int n = layer.size();
        double[] tauSyn = new double[n];
        double[] tauMem = new double[n];
        double[] threshold = new double[n];
        double[] bias = new double[n];
        for (int i = 0; i < n; i++) {
            tauSyn[i] = layer.tauSynOf(i);
            tauMem[i] = layer.tauMemOf(i);
            threshold[i] = layer.thresholdOf(i);
            bias[i] = layer.biasOf(i);
        }
        if (!layer.isSpiking()) {
            g.putDataset("type", "LI");
            g.putDataset("tau", tauMem);
            g.putDataset("r", filled(n, 1.0));
            g.putDataset("v_leak", bias);
            return;
        }
        if (layer.detail().instantSynapse()) {
            g.putDataset("type", "LIF");
            g.putDataset("tau", tauMem);
        } else {
            g.putDataset("type", "CubaLIF");
            g.putDataset("tau_syn", tauSyn);
            g.putDataset("tau_mem", tauMem);
            g.putDataset("w_in", tauSyn);
        }
        g.putDataset("r", filled(n, 1.0));
        g.putDataset("v_leak", bias);
        g.putDataset("v_threshold", threshold);
        g.putDataset("v_reset", filled(n, 0.0));
    }

    /**
     * Node names: the layer names, kept as they are (dots included), unless HDF5 cannot hold them
     * or they collide with another node; then {@code layer<i>}.
     */
    private static List<String> names(FloatNetwork net) {
        Set<String> used = new HashSet<>(List.of("input", "output"));
        List<String> names = new ArrayList<>();
        for (int l = 0; l < net.layerCount(); l++) {
            String n = net.layer(l).name();
            if (n == null || n.isBlank() || n.contains("/") || n.equals(".") || used.contains(n)
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

    private static double[][] scaled(double[][] m, double f, boolean zeroDiagonal) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
            for (int j = 0; j < c[i].length; j++) {
                c[i][j] *= f;
            }
            if (zeroDiagonal) {
                c[i][i] = 0;
            }
        }
        return c;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
