package dev.spikeloop.compiler.nir;

import dev.spikeloop.network.LayerSpec;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a NIR graph (the HDF5 files written by the {@code nir} Python package, as used by snnTorch,
 * Norse, Rockpool, Sinabs, ...) into the float model of fp-lif-model.md.
 *
 * <p>Supported graphs are chains {@code Input -> W -> N -> W -> N ... -> Output}, where W is an
 * {@code Affine} (zero bias) or {@code Linear} node and N a {@code CubaLIF} or {@code LIF} node; a
 * neuron node may also feed itself through one more W node (recurrent weights). Any other node
 * type, branch or shape is refused with a message naming the node.
 *
 * <p>Scaling (NIR: {@code tau_syn I' = -I + w_in S}, {@code tau_mem v' = (v_leak - v) + r I}, S the
 * weighted input spikes; float model: I jumps by W per spike, {@code tau_mem V' = -V + I}): a NIR
 * weight w from j to neuron i becomes {@code W_ij = r_i * w_in_i * w_ij / tau_syn}, thresholds are
 * kept, v_leak and v_reset must be 0 (NIR's reset to 0 at the crossing equals the float model's reset
 * by subtraction, since V equals the threshold there). A LIF node ({@code tau v' = (v_leak - v) + r I})
 * gets {@code tau_mem = tau}, {@code tau_syn = options.lifTauSyn()} and {@code W = r w / tau_syn}, which
 * moves the membrane by the same total amount per spike (exact as tau_syn tends to 0).
 */
public final class NirImporter {
    private final String source;
    private final NirImportOptions options;
    private final Map<String, NirNodeType> types = new LinkedHashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, List<String>> succ = new LinkedHashMap<>();
    private final Map<String, List<String>> pred = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private NirImporter(String source, NirImportOptions options) {
        this.source = source;
        this.options = options;
    }

    /**
     * Reads {@code path}.
     *
     * @throws InvalidNirException naming the file and every node it cannot map
     */
    public static ImportedNetwork read(Path path, NirImportOptions options) {
        String source = path.toString();
        if (Files.isDirectory(path)) {
            throw new InvalidNirException("cannot read NIR file " + source + ": is a folder, not a file");
        }
        if (!Files.isRegularFile(path)) {
            throw new InvalidNirException(source + ": no such file");
        }
        try (HdfFile file = new HdfFile(path)) {
            return new NirImporter(source, options).read(file);
        } catch (HdfException e) {
            throw new InvalidNirException(source + ": not a readable HDF5 (NIR) file: " + e.getMessage(), e);
        }
    }

    private ImportedNetwork read(HdfFile file) {
        Group graph = group(file, "node", "the file");
        String graphType = HdfValues.string(HdfValues.required(graph, "type", where("node")), where("node/type"));
        if (!graphType.equals("NIRGraph")) {
            throw new InvalidNirException(source + ": the top node has type '" + graphType + "', expected NIRGraph");
        }
        readNodes(group(graph, "nodes", "node"));
        readEdges(graph);
        return build();
    }

    private void readNodes(Group nodes) {
        List<String> unsupported = new ArrayList<>();
        for (Map.Entry<String, Node> e : nodes.getChildren().entrySet()) {
            String name = e.getKey();
            if (!(e.getValue() instanceof Group g)) {
                throw new InvalidNirException(source + ": node '" + name + "' is not a group");
            }
            String type = HdfValues.string(HdfValues.required(g, "type", where(name)), where(name) + " type");
            var t = NirNodeType.byNirName(type);
            if (t.isEmpty()) {
                unsupported.add("node '" + name + "' has type " + type);
                continue;
            }
            types.put(name, t.get());
            groups.put(name, g);
            succ.put(name, new ArrayList<>());
            pred.put(name, new ArrayList<>());
        }
        if (!unsupported.isEmpty()) {
            throw new InvalidNirException(source + ": unsupported NIR node type(s): " + String.join("; ", unsupported)
                    + ". Supported: " + String.join(", ", NirNodeType.supportedNames())
                    + " (chains Input -> Affine/Linear -> CubaLIF/LIF ... -> Output, optionally recurrent)");
        }
    }

    private void readEdges(Group graph) {
        Dataset d = HdfValues.required(graph, "edges", where("node"));
        for (String[] edge : HdfValues.stringPairs(d, where("node/edges"))) {
            for (String end : edge) {
                if (!types.containsKey(end)) {
                    throw new InvalidNirException(source + ": edge " + edge[0] + " -> " + edge[1]
                            + " names an unknown node '" + end + "'");
                }
            }
            succ.get(edge[0]).add(edge[1]);
            pred.get(edge[1]).add(edge[0]);
        }
    }

    private ImportedNetwork build() {
        String input = single(NirNodeType.INPUT);
        String output = single(NirNodeType.OUTPUT);
        int inputs = shapeSize(input);
        Set<String> visited = new LinkedHashSet<>(List.of(input));
        List<LayerSpec> layers = new ArrayList<>();
        String stage = input;
        int fanIn = inputs;
        while (true) {
            String recurrent = types.get(stage).isNeurons() ? recurrentWeights(stage) : null;
            List<String> next = new ArrayList<>(succ.get(stage));
            next.remove(recurrent);
            if (next.size() != 1) {
                throw structure("node '" + stage + "' feeds " + next.size() + " node(s) " + next
                        + "; only a single chain from Input to Output is supported");
            }
            String n = next.get(0);
            if (recurrent != null) {
                visited.add(recurrent);
            }
            if (n.equals(output)) {
                if (layers.isEmpty()) {
                    throw structure("the Input node feeds the Output node directly; at least one neuron layer is needed");
                }
                int outSize = shapeSizeOr(output, fanIn);
                if (outSize != fanIn) {
                    throw structure("node '" + output + "' has shape " + outSize + " but its source '" + stage
                            + "' has " + fanIn + " neurons");
                }
                visited.add(output);
                break;
            }
            if (!types.get(n).isWeights()) {
                throw structure("node '" + stage + "' feeds '" + n + "' (" + types.get(n).nirName()
                        + ") directly; an Affine or Linear node must come between");
            }
            String neurons = onlySuccessor(n);
            if (!types.get(neurons).isNeurons() || visited.contains(neurons)) {
                throw structure("weights '" + n + "' feed '" + neurons + "' (" + types.get(neurons).nirName()
                        + "); expected a new CubaLIF or LIF node");
            }
            double[][] w = weights(n, fanIn, -1);
            String rec = recurrentWeights(neurons);
            List<String> inbound = new ArrayList<>(pred.get(neurons));
            inbound.remove(rec);
            if (inbound.size() != 1 || pred.get(n).size() != 1) {
                throw structure("node '" + neurons + "' has inputs " + pred.get(neurons)
                        + "; expected one feed-forward weight node (and at most one recurrent one)");
            }
            double[][] r = rec == null ? null : weights(rec, w.length, w.length);
            layers.add(layer(neurons, w, r));
            visited.add(n);
            visited.add(neurons);
            stage = neurons;
            fanIn = w.length;
        }
        Set<String> left = new LinkedHashSet<>(types.keySet());
        left.removeAll(visited);
        if (!left.isEmpty()) {
            throw structure("node(s) " + left + " are not on the chain from '" + input + "' to '" + output + "'");
        }
        if (!problems.isEmpty()) {
            throw InvalidNirException.of(source, problems);
        }
        return new ImportedNetwork(source, inputs, options.tEnd(), layers, notes);
    }

    /** The weight node through which {@code neurons} feeds itself, or null. */
    private String recurrentWeights(String neurons) {
        String found = null;
        for (String s : succ.get(neurons)) {
            if (types.get(s).isWeights() && succ.get(s).equals(List.of(neurons)) && pred.get(s).equals(List.of(neurons))) {
                if (found != null) {
                    throw structure("node '" + neurons + "' has two recurrent weight nodes ('" + found + "', '" + s + "')");
                }
                found = s;
            }
        }
        return found;
    }

    private String onlySuccessor(String name) {
        List<String> s = succ.get(name);
        if (s.size() != 1) {
            throw structure("node '" + name + "' feeds " + s.size() + " node(s) " + s + "; expected exactly one");
        }
        return s.get(0);
    }

    private String single(NirNodeType type) {
        List<String> found = types.entrySet().stream().filter(e -> e.getValue() == type).map(Map.Entry::getKey).toList();
        if (found.size() != 1) {
            throw structure("the graph has " + found.size() + " " + type.nirName() + " node(s) " + found + "; expected exactly one");
        }
        return found.get(0);
    }

    private int shapeSize(String name) {
        int size = shapeSizeOr(name, -1);
        if (size < 1) {
            throw structure("node '" + name + "' has no usable 'shape'");
        }
        return size;
    }

    private int shapeSizeOr(String name, int fallback) {
        Dataset d = HdfValues.dataset(groups.get(name), "shape", where(name));
        if (d == null) {
            return fallback;
        }
        long size = 1;
        for (double v : HdfValues.doubles(d, where(name) + " shape")) {
            size *= (long) v;
        }
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    /** The weight matrix of a weight node, checked against the expected columns (and rows when >= 0). */
    private double[][] weights(String name, int cols, int rows) {
        Group g = groups.get(name);
        double[][] w = HdfValues.matrix(HdfValues.required(g, "weight", where(name)), where(name) + " weight");
        if (w.length == 0 || w[0].length != cols || (rows >= 0 && w.length != rows)) {
            throw structure("node '" + name + "' weight is " + w.length + " x " + (w.length == 0 ? 0 : w[0].length)
                    + ", expected " + (rows >= 0 ? rows : "n") + " x " + cols);
        }
        if (types.get(name) == NirNodeType.AFFINE) {
            Dataset b = HdfValues.dataset(g, "bias", where(name));
            double[] bias = b == null ? new double[0] : HdfValues.doubles(b, where(name) + " bias");
            int nonZero = 0;
            int first = -1;
            for (int i = 0; i < bias.length; i++) {
                if (bias[i] != 0) {
                    nonZero++;
                    first = first < 0 ? i : first;
                }
            }
            if (nonZero > 0) {
                problems.add(String.format(Locale.ROOT, "node '%s': bias[%d] = %s and %d more non-zero (allowed: 0;"
                        + " the float model has no bias current)", name, first, bias[first], nonZero - 1));
            }
        }
        return w;
    }

    private LayerSpec layer(String name, double[][] w, double[][] rec) {
        Group g = groups.get(name);
        int n = w.length;
        boolean cuba = types.get(name) == NirNodeType.CUBA_LIF;
        double tauSyn;
        double tauMem;
        double[] wIn;
        if (cuba) {
            tauSyn = uniform(name, "tau_syn", param(name, g, "tau_syn", n, null));
            tauMem = uniform(name, "tau_mem", param(name, g, "tau_mem", n, null));
            wIn = param(name, g, "w_in", n, 1.0);
        } else {
            tauSyn = options.lifTauSyn();
            tauMem = uniform(name, "tau", param(name, g, "tau", n, null));
            wIn = param(name, g, "w_in", n, 1.0);
            notes.add(String.format(Locale.ROOT, "node '%s' (LIF) has no synaptic current: given tau_syn = %.4g s,"
                    + " weights scaled by r / tau_syn so each spike moves the membrane by the same amount", name, tauSyn));
        }
        double[] r = param(name, g, "r", n, null);
        double threshold = uniform(name, "v_threshold", param(name, g, "v_threshold", n, null));
        mustBeZero(name, "v_leak", param(name, g, "v_leak", n, 0.0), "the float model has no leak potential");
        mustBeZero(name, "v_reset", param(name, g, "v_reset", n, 0.0),
                "the float model resets by subtracting the threshold, which equals a reset to 0 at the crossing");
        // An invalid tau_syn is reported by the design-rule check; don't smear NaN over every weight too.
        double perTau = tauSyn > 0 && Double.isFinite(tauSyn) ? 1 / tauSyn : 1;
        double[][] ws = new double[n][];
        double[][] rs = rec == null ? null : new double[n][];
        for (int i = 0; i < n; i++) {
            double f = r[i] * wIn[i] * perTau;
            ws[i] = scale(w[i], f);
            if (rec != null) {
                rs[i] = scale(rec[i], f);
                rs[i][i] = 0; // the float model ignores self-connections
            }
        }
        return new LayerSpec(name, n, tauSyn, tauMem, threshold, ws, rs);
    }

    private static double[] scale(double[] row, double f) {
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = f * row[j];
        }
        return out;
    }

    /** A per-neuron parameter (length n, or 1 to broadcast); {@code fallback} when absent (null: required). */
    private double[] param(String node, Group g, String name, int n, Double fallback) {
        Dataset d = HdfValues.dataset(g, name, where(node));
        double[] v;
        if (d == null) {
            if (fallback == null) {
                throw new InvalidNirException(where(node) + ": missing parameter '" + name + "'");
            }
            v = new double[] {fallback};
        } else {
            v = HdfValues.doubles(d, where(node) + " " + name);
        }
        if (v.length == 1 && n != 1) {
            double[] b = new double[n];
            java.util.Arrays.fill(b, v[0]);
            return b;
        }
        if (v.length != n) {
            throw structure("node '" + node + "': " + name + " has " + v.length + " values for " + n + " neurons");
        }
        return v;
    }

    /** One value for the whole layer (the float model shares it); differing neurons are a problem. */
    private double uniform(String node, String name, double[] v) {
        for (int i = 1; i < v.length; i++) {
            if (!(Math.abs(v[i] - v[0]) <= 1e-9 * Math.abs(v[0])) && !(Double.isNaN(v[i]) && Double.isNaN(v[0]))) {
                problems.add(String.format(Locale.ROOT, "node '%s' neuron %d: %s = %s differs from neuron 0's %s"
                        + " (allowed: one value per layer in the float model)", node, i, name, v[i], v[0]));
                break;
            }
        }
        return v[0];
    }

    private void mustBeZero(String node, String name, double[] v, String why) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0) {
                problems.add(String.format(Locale.ROOT, "node '%s' neuron %d: %s = %s (allowed: 0; %s)", node, i, name,
                        v[i], why));
                return;
            }
        }
    }

    private Group group(Group parent, String name, String where) {
        Node n = parent.getChildren().get(name);
        if (!(n instanceof Group g)) {
            throw new InvalidNirException(source + ": " + where + " has no group '" + name + "'; not a NIR graph file");
        }
        return g;
    }

    private String where(String node) {
        return source + ": node '" + node + "'";
    }

    private InvalidNirException structure(String message) {
        return new InvalidNirException(source + ": " + message);
    }
}
