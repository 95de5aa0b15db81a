package dev.spikeloop.compiler.nir;

import dev.spikeloop.chipconfig.io.AtomicFiles;
import dev.spikeloop.compiler.hdf5.Hdf5Group;
import dev.spikeloop.compiler.hdf5.Hdf5Writer;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerDetail;
import dev.spikeloop.network.InvalidNetworkException;
import dev.spikeloop.network.LayerSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a float network as a NIR graph file in the layout {@code nir.write} (the {@code nir} Python
 * package) produces: root dataset {@code version}, group {@code node} ({@code type = NIRGraph}) with
 * {@code nodes} and an n x 2 {@code edges} list, the graph being
 * {@code input -> w_<layer> (Linear) -> <layer> -> ... -> output}, with a {@code rec_<layer>}
 * Linear node from a layer to itself for recurrent weights.
 *
 * <p>Names: the layer names are kept as node names (dotted names included). A layer without a name,
 * or whose name collides with another node ({@code input}, {@code output}, another layer's name or
 * its {@code w_}/{@code rec_} node), is named {@code layer<i>} (made unique); {@link #write} returns
 * a note for each such rename. A name HDF5 cannot store ({@code /}, {@code .}, NUL) is refused.
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
 * <p>The HDF5 is written by {@link Hdf5Writer}, as h5py writes it where it matters to readers:
 * strings ({@code version}, every {@code type}, {@code edges}) are variable-length UTF-8, so h5py
 * returns {@code bytes} for them as for files written by {@code nir.write}; numbers are float64,
 * shapes int64; there are no attributes. The file is written atomically.
 */
public final class NirExporter {
    /** The NIR version written into the file: the release the producers' files carry ({@code nir} 1.0.7). */
    public static final String NIR_VERSION = "1.0.7";

    private NirExporter() {
    }

    /**
     * Writes {@code net} to {@code path} atomically.
     *
     * @return one note per layer whose name could not be kept, and one for a readout decision rule NIR cannot
     *         carry (readout windows, the max score); empty when nothing was lost
     * @throws InvalidNetworkException when the network cannot be written as NIR (a name HDF5 cannot
     *                                 store, a non-finite value, a second synaptic current); the message
     *                                 names the layer (callers add the file, which may be a staged one)
     */
    public static List<String> write(FloatNetwork net, Path path) throws IOException {
        List<String> notes = new ArrayList<>();
        byte[] bytes;
        try {
            // the weight arrays are shared and may have changed since the network was built: check again
            FloatNetwork checked = new FloatNetwork(net.inputs(), net.tEnd(), net.layers());
            bytes = Hdf5Writer.encode(graph(checked, names(checked, notes)));
            LayerDetail out = checked.outputLayer().detail();
            if (out.readoutWindows() > 1 || out.maxScore()) {
                // NIR describes the neurons, not how a host decides from them: the LI nodes are written, the rule is not
                notes.add("the readout's decision rule (" + (out.readoutWindows() > 1 ? out.readoutWindows()
                        + " windows per class" : "max score") + ") is not part of NIR and is not written; the LI "
                        + "neurons are");
            }
        } catch (InvalidNetworkException e) {
            throw new InvalidNetworkException("cannot export the network as NIR: " + e.getMessage(), e);
        }
        AtomicFiles.write(path, out -> out.write(bytes));
        return List.copyOf(notes);
    }

    private static Hdf5Group graph(FloatNetwork net, List<String> names) {
        Hdf5Group file = new Hdf5Group();
        file.putString("version", NIR_VERSION);
        Hdf5Group graph = file.group("node");
        graph.putString("type", "NIRGraph");
        Hdf5Group nodes = graph.group("nodes");
        List<String[]> edges = new ArrayList<>();

        Hdf5Group in = nodes.group("input");
        in.putString("type", "Input");
        in.putInt64("shape", new long[] {net.inputs()});
        String previous = "input";
        for (int l = 0; l < net.layerCount(); l++) {
            LayerSpec layer = net.layer(l);
            if (layer.detail().synapse2() != null) {
                throw new InvalidNetworkException("layer " + l + " ('" + layer.name() + "') has a second synaptic"
                        + " current (synapse2); NIR has no neuron type with two synaptic currents");
            }
            String name = names.get(l);
            String w = "w_" + name;
            double f = chargeFactor(layer);
            linear(nodes.group(w), scaled(layer.weights(), f, false));
            neurons(nodes.group(name), layer);
            edges.add(new String[] {previous, w});
            edges.add(new String[] {w, name});
            if (layer.recurrent() != null) {
                String r = "rec_" + name;
                linear(nodes.group(r), scaled(layer.recurrent(), f, !layer.countsSelfConnections()));
                edges.add(new String[] {name, r});
                edges.add(new String[] {r, name});
            }
            previous = name;
        }
        Hdf5Group out = nodes.group("output");
        out.putString("type", "Output");
        out.putInt64("shape", new long[] {net.outputLayer().size()});
        edges.add(new String[] {previous, "output"});
        graph.putStrings("edges", edges.toArray(new String[0][]));
        return file;
    }

    /** Float weight to NIR weight: 1 for CubaLIF; tau_syn for LIF/LI (the jump carries the current's charge). */
    private static double chargeFactor(LayerSpec layer) {
        return layer.detail().instantSynapse() || !layer.isSpiking() ? layer.tauSyn() : 1.0;
    }

    private static void linear(Hdf5Group g, double[][] w) {
        g.putString("type", "Linear");
        g.putFloat64("weight", w);
    }

    private static void neurons(Hdf5Group g, LayerSpec layer) {
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
            g.putString("type", "LI");
            g.putFloat64("tau", tauMem);
            g.putFloat64("r", filled(n, 1.0));
            g.putFloat64("v_leak", bias);
            return;
        }
        if (layer.detail().instantSynapse()) {
            g.putString("type", "LIF");
            g.putFloat64("tau", tauMem);
        } else {
            g.putString("type", "CubaLIF");
            g.putFloat64("tau_syn", tauSyn);
            g.putFloat64("tau_mem", tauMem);
            g.putFloat64("w_in", tauSyn);
        }
        g.putFloat64("r", filled(n, 1.0));
        g.putFloat64("v_leak", bias);
        g.putFloat64("v_threshold", threshold);
        g.putFloat64("v_reset", filled(n, 0.0));
    }

    /**
     * Node names: the layer names as they are, unless missing or colliding with another node (then
     * {@code layer<i>}, made unique, with a note); a name HDF5 cannot store is refused.
     */
    private static List<String> names(FloatNetwork net, List<String> notes) {
        Set<String> used = new HashSet<>(List.of("input", "output"));
        for (int l = 0; l < net.layerCount(); l++) {
            String n = net.layer(l).name();
            String problem = null;
            if (n != null && !n.isEmpty()) {
                problem = Hdf5Group.nameProblem(n);
                if (problem == null) {
                    problem = Hdf5Group.nameProblem("rec_" + n); // the longest node name made from it
                }
            }
            if (problem != null) {
                throw new InvalidNetworkException("layer " + l + " ('" + n + "'): its name cannot be a NIR node name: "
                        + problem + "; rename the layer");
            }
        }
        List<String> names = new ArrayList<>();
        for (int l = 0; l < net.layerCount(); l++) {
            String n = net.layer(l).name();
            if (n == null || n.isEmpty() || collides(n, used)) {
                String fresh = "layer" + l;
                for (int k = 2; collides(fresh, used); k++) {
                    fresh = "layer" + l + "_" + k;
                }
                notes.add(n == null || n.isEmpty() ? "layer " + l + " has no name: written as NIR node '" + fresh + "'"
                        : "layer " + l + " ('" + n + "'): the name is taken by another node; written as NIR node '"
                        + fresh + "'");
                n = fresh;
            }
            used.add(n);
            used.add("w_" + n);
            used.add("rec_" + n);
            names.add(n);
        }
        return names;
    }

    private static boolean collides(String n, Set<String> used) {
        return used.contains(n) || used.contains("w_" + n) || used.contains("rec_" + n);
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
        Arrays.fill(a, v);
        return a;
    }
}
