package dev.spikeloop.compiler.nir;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.network.LayerDetail;
import dev.spikeloop.network.LayerSpec;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.exceptions.HdfException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a NIR graph (the HDF5 files written by the {@code nir} Python package, as used by snnTorch,
 * Norse, Rockpool, Sinabs, NIRTorch) into the float model of fp-lif-model.md with the extensions of
 * {@link LayerDetail}.
 *
 * <p>Nested subgraphs are flattened first ({@link NirGraphReader}). Supported: chains
 * {@code Input -> W -> N -> W -> N ... -> Output}, W an {@code Affine} (any bias) or {@code Linear}
 * node, optionally with {@code Scale} nodes and 1-D {@code Flatten} nodes around it, N a
 * {@code CubaLIF}, {@code LIF} or {@code IF} node, the last one may be an {@code LI} readout; a
 * neuron node may feed itself through one more W node (recurrent weights, the diagonal kept). Every
 * node the chip cannot run is named with its type and the reason, all in one message.
 *
 * <p>Scaling (NIR: {@code tau_syn I' = -I + w_in S}, {@code tau_mem v' = (v_leak - v) + r I}, S the
 * Affine's output: weighted spikes of area a plus the bias b; float model: I jumps by W per spike,
 * {@code tau_mem V' = -V + I + bias}): {@code W_ij = a r_i w_in_i w_ij / tau_syn_i},
 * {@code bias_i = v_leak_i + r_i w_in_i b_i}, thresholds and time constants per neuron as given. A
 * LIF node ({@code tau v' = (v_leak - v) + r S}) has no synaptic current: it gets
 * {@code tau_mem = tau}, an instantaneous synapse ({@code options.lifTauSyn()}) and
 * {@code W = a r w / tau_syn}, the same total charge per spike. The spike area a is 1 (NIR's Dirac
 * spikes) unless snnTorch's convention is detected (see {@link NirImportOptions#spikeArea()}).
 */
public final class NirImporter {
    /** snnTorch's export step (its {@code export_to_nir} writes r = tau/dt, w_in = tau_syn/dt with this dt). */
    static final double SNNTORCH_DT = 1e-4;

    private final String source;
    private final NirImportOptions options;
    private final NirGraph graph;
    private final Map<String, List<String>> succ = new LinkedHashMap<>();
    private final Map<String, List<String>> pred = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<SourceLayer> sources = new ArrayList<>();
    private double area = 1.0;
    /** Columns of the first weights: the network's input channels. */
    private int fanInOfFirst;
    /** Scale factors met on the way (per channel), applied to the next weights' columns or rows. */
    private double[] pendingScale;

    private NirImporter(String source, NirImportOptions options, NirGraph graph) {
        this.source = source;
        this.options = options;
        this.graph = graph;
        for (String n : graph.nodes().keySet()) {
            succ.put(n, new ArrayList<>());
            pred.put(n, new ArrayList<>());
        }
        for (String[] e : graph.edges()) {
            if (succ.containsKey(e[0]) && pred.containsKey(e[1])) {
                succ.get(e[0]).add(e[1]);
                pred.get(e[1]).add(e[0]);
            }
        }
        problems.addAll(graph.problems());
    }

    /**
     * Reads {@code path}.
     *
     * @throws InvalidNirException naming the file and every node it cannot map, with the reason
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
            NirGraph graph = NirGraphReader.read(file, source);
            return new NirImporter(source, options, graph).build();
        } catch (HdfException e) {
            throw new InvalidNirException(source + ": not a readable HDF5 (NIR) file: " + e.getMessage(), e);
        }
    }

    private String type(String node) {
        return graph.nodes().get(node).type();
    }

    private Group group(String node) {
        return graph.nodes().get(node).group();
    }

    private boolean isWeights(String node) {
        String t = type(node);
        return t.equals("Affine") || t.equals("Linear");
    }

    private boolean isNeurons(String node) {
        String t = type(node);
        return t.equals("CubaLIF") || t.equals("LIF") || t.equals("IF") || t.equals("LI");
    }

    /** Scale nodes and Flatten nodes of 1-D data are identities up to a per-channel factor. */
    private boolean isPassThrough(String node) {
        return type(node).equals("Scale") || type(node).equals("Flatten") && !flattensImages(node);
    }

    private ImportedNetwork build() {
        checkNodeTypes();
        List<String> inputs = ofType("Input");
        List<String> outputs = ofType("Output");
        if (inputs.size() != 1) {
            problems.add(inputs.isEmpty() ? "the graph has no Input node" + graph.oldVersionHint()
                    : "the graph has " + inputs.size() + " Input nodes " + inputs + "; the chip takes one input vector");
        }
        if (outputs.size() != 1) {
            problems.add(outputs.isEmpty() ? "the graph has no Output node" + graph.oldVersionHint()
                    : "the graph has " + outputs.size() + " Output nodes " + outputs + "; the chip has one readout");
        }
        if (!problems.isEmpty()) {
            throw InvalidNirException.of(source, problems);
        }
        detectConvention();
        List<LayerSpec> layers = walk(inputs.get(0), outputs.get(0));
        if (problems.isEmpty() && layers.size() == 1) {
            problems.add("node '" + sources.get(0).node() + "' (" + sources.get(0).type() + ") is the graph's only"
                    + " neuron layer: the chip's output neurons are fed only by hidden neurons, so it needs a hidden"
                    + " layer before the readout");
        }
        if (!problems.isEmpty()) {
            throw InvalidNirException.of(source, problems);
        }
        return new ImportedNetwork(source, layers.isEmpty() ? 0 : fanInOfFirst, options.tEnd(), layers, notes, sources,
                area);
    }

    private List<String> ofType(String t) {
        return graph.nodes().values().stream().filter(n -> n.type().equals(t)).map(NirGraph.Node::name).toList();
    }

    /** Every node type the chip cannot run, each named with the reason (all at once). */
    private void checkNodeTypes() {
        for (NirGraph.Node n : graph.nodes().values()) {
            String why = switch (n.type()) {
                case "Input", "Output", "Affine", "Linear", "CubaLIF", "LIF", "IF", "LI", "Scale" -> null;
                case "Flatten" -> flattensImages(n.name()) ? "flattens a multi-dimensional (image) tensor; the chip's"
                        + " inputs and neurons are one vector, so only 1-D Flatten is an identity" : null;
                case "Conv1d", "Conv2d" -> "a convolution: the chip has dense weight matrices only (at most "
                        + ChipProfile.XYLO_AUDIO2.maxInputs() + " inputs and " + ChipProfile.XYLO_AUDIO2.maxHidden()
                        + " hidden neurons), no weight sharing";
                case "SumPool2d", "AvgPool2d" -> "pooling over an image: the chip has no spatial operations";
                case "Threshold" -> "a stateless Heaviside threshold: every chip neuron integrates (has a membrane"
                        + " state), so it has no exact equivalent";
                case "Delay" -> "a synaptic delay: the chip has no delay lines";
                case "I" -> "a pure integrator without spikes: only the readout may be non-spiking (use LI)";
                case "CubaLI" -> "a non-spiking current-based integrator: only an LI readout is supported";
                default -> "not a NIR node type the chip can run (supported: Input, Output, Affine, Linear, Scale,"
                        + " 1-D Flatten, CubaLIF, LIF, IF, LI readout)";
            };
            if (why != null) {
                problems.add("node '" + n.name() + "' (" + n.type() + "): " + why);
            }
            if (isNeuronType(n.type())) {
                int[] dims = neuronDims(n.name());
                if (dims.length > 1 && Arrays.stream(dims).filter(d -> d > 1).count() > 1) {
                    problems.add("node '" + n.name() + "' (" + n.type() + "): neurons arranged as "
                            + Arrays.toString(dims) + " (an image feature map); the chip's neurons are one vector");
                }
            }
            if (n.type().equals("LI") && !succ.get(n.name()).stream().allMatch(s -> type(s).equals("Output"))) {
                problems.add("node '" + n.name() + "' (LI) feeds " + succ.get(n.name()) + ": a non-spiking leaky"
                        + " integrator can only be the readout (feeding the Output node); the chip's neurons pass"
                        + " on spikes, not membrane values");
            }
        }
    }

    private static boolean isNeuronType(String t) {
        return t.equals("CubaLIF") || t.equals("LIF") || t.equals("IF") || t.equals("LI");
    }

    private int[] neuronDims(String node) {
        Group g = group(node);
        for (String p : List.of("v_threshold", "tau_mem", "tau", "r")) {
            Dataset d = HdfValues.dataset(g, p, where(node));
            if (d != null) {
                return HdfValues.dims(d);
            }
        }
        return new int[0];
    }

    private boolean flattensImages(String node) {
        Dataset d = HdfValues.dataset(group(node), "input_type", where(node));
        if (d != null) {
            double[] v = HdfValues.doubles(d, where(node) + " input_type");
            if (Arrays.stream(v).filter(x -> x > 1).count() > 1) {
                return true;
            }
        }
        // no (usable) input type: an image when a convolution or pooling comes before it
        for (String p : pred.get(node)) {
            String t = type(p);
            if (t.startsWith("Conv") || t.endsWith("Pool2d") || isNeurons(p) && neuronDims(p).length > 1) {
                return true;
            }
        }
        return false;
    }

    /**
     * snnTorch's {@code export_to_nir} writes {@code r = tau / dt} and {@code w_in = tau_syn / dt}
     * with dt = 1e-4: its spikes are unit pulses one step long, i.e. of area dt. Detected when every
     * neuron node satisfies this; then every weight is scaled by the spike area.
     */
    private void detectConvention() {
        if (!Double.isNaN(options.spikeArea())) {
            area = options.spikeArea();
            if (area != 1) {
                notes.add(String.format(Locale.ROOT, "spike area %s (given): every weight scaled by it", area));
            }
            return;
        }
        boolean any = false;
        boolean all = true;
        for (NirGraph.Node n : graph.nodes().values()) {
            if (n.type().equals("CubaLIF") || n.type().equals("LIF")) {
                any = true;
                boolean cuba = n.type().equals("CubaLIF");
                double[] tau = rawParam(n.name(), cuba ? "tau_mem" : "tau");
                double[] r = rawParam(n.name(), "r");
                all &= ratioIs(r, tau, SNNTORCH_DT);
                if (cuba) {
                    all &= ratioIs(rawParam(n.name(), "w_in"), rawParam(n.name(), "tau_syn"), SNNTORCH_DT);
                }
            }
        }
        if (any && all) {
            area = SNNTORCH_DT;
            notes.add("snnTorch convention detected (r = tau/dt, w_in = tau_syn/dt with dt = 1e-4 s): a spike is a unit"
                    + " pulse one 1e-4 s step long, so every weight is scaled by its area 1e-4 (one input spike moves the"
                    + " membrane by w, as in snnTorch); compile with --dt 0.0001 to keep snnTorch's step");
        }
    }

    private static boolean ratioIs(double[] num, double[] den, double dt) {
        if (num == null || den == null || num.length == 0 || den.length == 0) {
            return false;
        }
        int n = Math.max(num.length, den.length);
        for (int i = 0; i < n; i++) {
            double a = num[Math.min(i, num.length - 1)];
            double b = den[Math.min(i, den.length - 1)] / dt;
            if (!(Math.abs(a - b) <= 1e-3 * Math.abs(b))) {
                return false;
            }
        }
        return true;
    }

    private double[] rawParam(String node, String name) {
        Dataset d = HdfValues.dataset(group(node), name, where(node));
        return d == null ? null : HdfValues.doubles(d, where(node) + " " + name);
    }

    // ---- the chain ----

    private List<LayerSpec> walk(String input, String output) {
        List<LayerSpec> layers = new ArrayList<>();
        Set<String> visited = new LinkedHashSet<>(List.of(input, output));
        String stage = input;
        int fanIn = -1;
        while (true) {
            String recurrent = isNeurons(stage) ? recurrentWeights(stage) : null;
            List<String> next = new ArrayList<>(succ.get(stage));
            next.remove(recurrent);
            if (next.contains(stage)) {
                problems.add("node '" + stage + "' (" + type(stage) + ") feeds itself directly, without weights"
                        + graph.oldVersionHint());
                next.remove(stage);
            }
            if (next.size() != 1) {
                problems.add("node '" + stage + "' (" + type(stage) + ") feeds " + next.size() + " node(s) " + next
                        + "; the chip runs one chain from Input to Output (no branches)");
                break;
            }
            if (recurrent != null) {
                visited.add(recurrent);
            }
            String n = skipPassThrough(next.get(0), visited);
            if (n == null) {
                break;
            }
            if (n.equals(output)) {
                if (layers.isEmpty()) {
                    problems.add("the Input node '" + input + "' feeds the Output node '" + output
                            + "' directly; at least one neuron layer is needed");
                } else {
                    checkOutputShape(output, layers.get(layers.size() - 1).size());
                }
                break;
            }
            if (!visited.add(n)) {
                problems.add("node '" + n + "' (" + type(n) + ") is reached twice: a loop other than a neuron"
                        + " node's own recurrent weights");
                break;
            }
            double[][] w;
            double[] bias = null;
            String neurons;
            if (isWeights(n)) {
                w = weights(n, -1);
                if (w == null) {
                    break;
                }
                bias = affineBias(n, w.length);
                applyPendingToColumns(n, w);
                List<String> after = succ.get(n);
                if (after.size() != 1) {
                    problems.add("weights '" + n + "' feed " + after.size() + " node(s) " + after
                            + "; expected exactly one neuron node");
                    break;
                }
                neurons = skipPassThrough(after.get(0), visited);
                if (neurons == null) {
                    break;
                }
                applyPendingToRows(n, w, bias);
                if (!isNeurons(neurons) || neurons.equals(output)) {
                    problems.add("weights '" + n + "' feed '" + neurons + "' (" + type(neurons)
                            + "); expected a CubaLIF, LIF, IF or LI node");
                    break;
                }
                if (!visited.add(neurons)) {
                    problems.add("node '" + neurons + "' is reached twice");
                    break;
                }
            } else if (isNeurons(n)) {
                // Input -> neurons (or neurons -> neurons): one-to-one connections
                int from = stage.equals(input) ? inputShape(input) : layers.get(layers.size() - 1).size();
                int size = neuronDims(n).length == 0 ? from : neuronCount(n); // scalar parameters: as many as fed
                if (size != from) {
                    problems.add("node '" + stage + "' feeds '" + n + "' (" + type(n) + ") without weights but has "
                            + from + " channels for its " + size + " neurons");
                    break;
                }
                w = identity(size);
                applyPendingToColumns(n, w);
                notes.add("node '" + n + "' is fed by '" + stage + "' without weights: read as one-to-one weights 1");
                neurons = n;
            } else {
                problems.add("node '" + stage + "' feeds '" + n + "' (" + type(n) + "); expected weights"
                        + " (Affine/Linear) or neurons");
                break;
            }
            if (layers.isEmpty()) {
                fanIn = w[0].length;
                fanInOfFirst = fanIn;
                checkInputShape(input, fanIn);
            } else if (w[0].length != layers.get(layers.size() - 1).size()) {
                problems.add("node '" + n + "' has " + w[0].length + " columns but its source has "
                        + layers.get(layers.size() - 1).size() + " neurons");
                break;
            }
            String rec = recurrentWeights(neurons);
            List<String> inbound = new ArrayList<>(pred.get(neurons));
            inbound.remove(rec);
            if (inbound.remove(neurons)) {
                problems.add("node '" + neurons + "' (" + type(neurons) + ") feeds itself directly, without a weight"
                        + " node (an identity recurrence; the chip's recurrence goes through weights)"
                        + graph.oldVersionHint());
                break;
            }
            if (inbound.size() != 1) {
                problems.add("node '" + neurons + "' (" + type(neurons) + ") has inputs " + pred.get(neurons)
                        + "; expected one feed-forward weight node and at most one recurrent one");
                break;
            }
            double[][] r = null;
            double[] recBias = null;
            if (rec != null) {
                r = weights(rec, w.length);
                if (r == null) {
                    break;
                }
                recBias = affineBias(rec, w.length);
                visited.add(rec);
            }
            if (type(neurons).equals("LI") && !succ.get(neurons).equals(List.of(output))) {
                break; // already reported by checkNodeTypes
            }
            LayerSpec layer = layer(neurons, w, bias, r, recBias, rec);
            if (layer == null) {
                break;
            }
            layers.add(layer);
            stage = neurons;
        }
        Set<String> left = new LinkedHashSet<>(graph.nodes().keySet());
        left.removeAll(visited);
        if (problems.isEmpty() && !left.isEmpty()) {
            problems.add("node(s) " + left + " are not on the chain from '" + input + "' to '" + output + "'");
        }
        return layers;
    }

    /** Follows Scale / 1-D Flatten nodes, collecting Scale factors; returns the first other node. */
    private String skipPassThrough(String n, Set<String> visited) {
        while (isPassThrough(n)) {
            visited.add(n);
            if (type(n).equals("Scale")) {
                double[] s = rawParam(n, "scale");
                if (s == null) {
                    problems.add("node '" + n + "' (Scale) has no 'scale'");
                    return null;
                }
                pendingScale = pendingScale == null ? s : multiply(pendingScale, s);
                notes.add("node '" + n + "' (Scale) folded into the neighbouring weights");
            } else {
                notes.add("node '" + n + "' (Flatten of 1-D data) read as an identity");
            }
            List<String> s = succ.get(n);
            if (s.size() != 1) {
                problems.add("node '" + n + "' (" + type(n) + ") feeds " + s.size() + " node(s) " + s + "; expected one");
                return null;
            }
            n = s.get(0);
        }
        return n;
    }

    private static double[] multiply(double[] a, double[] b) {
        int n = Math.max(a.length, b.length);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = a[Math.min(i, a.length - 1)] * b[Math.min(i, b.length - 1)];
        }
        return out;
    }

    /** A Scale before the weights scales their input channels (columns). */
    private void applyPendingToColumns(String node, double[][] w) {
        if (pendingScale == null) {
            return;
        }
        double[] s = pendingScale;
        pendingScale = null;
        if (s.length != 1 && s.length != w[0].length) {
            problems.add("a Scale before '" + node + "' has " + s.length + " factors for " + w[0].length + " channels");
            return;
        }
        for (double[] row : w) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= s[s.length == 1 ? 0 : j];
            }
        }
    }

    /** A Scale after the weights scales their outputs (rows and bias). */
    private void applyPendingToRows(String node, double[][] w, double[] bias) {
        if (pendingScale == null) {
            return;
        }
        double[] s = pendingScale;
        pendingScale = null;
        if (s.length != 1 && s.length != w.length) {
            problems.add("a Scale after '" + node + "' has " + s.length + " factors for " + w.length + " outputs");
            return;
        }
        for (int i = 0; i < w.length; i++) {
            double f = s[s.length == 1 ? 0 : i];
            for (int j = 0; j < w[i].length; j++) {
                w[i][j] *= f;
            }
            if (bias != null) {
                bias[i] *= f;
            }
        }
    }

    private static double[][] identity(int n) {
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) {
            w[i][i] = 1;
        }
        return w;
    }

    /** The weight node through which {@code neurons} feeds itself, or null. */
    private String recurrentWeights(String neurons) {
        String found = null;
        for (String s : succ.get(neurons)) {
            if (isWeights(s) && succ.get(s).equals(List.of(neurons)) && pred.get(s).equals(List.of(neurons))) {
                found = s;
            }
        }
        return found;
    }

    private int neuronCount(String node) {
        int[] dims = neuronDims(node);
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    private int inputShape(String input) {
        Dataset d = HdfValues.dataset(group(input), "shape", where(input));
        if (d == null) {
            return -1;
        }
        long n = 1;
        for (double v : HdfValues.doubles(d, where(input) + " shape")) {
            n *= (long) v;
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    private void checkInputShape(String input, int fanIn) {
        Dataset d = HdfValues.dataset(group(input), "shape", where(input));
        if (d == null) {
            return;
        }
        double[] shape = HdfValues.doubles(d, where(input) + " shape");
        long n = 1;
        for (double v : shape) {
            n *= (long) v;
        }
        if (n == fanIn) {
            return;
        }
        if (Arrays.stream(shape).anyMatch(v -> (long) v == fanIn)) {
            notes.add("Input '" + input + "' has shape " + Arrays.toString(shape) + ": read as " + fanIn
                    + " channels, the first weights' columns (the other dimensions, e.g. time or batch, are not"
                    + " part of the network)" + graph.oldVersionHint());
            return;
        }
        problems.add("Input '" + input + "' has shape " + Arrays.toString(shape) + " but the first weights take "
                + fanIn + " channels");
    }

    private void checkOutputShape(String output, int size) {
        Dataset d = HdfValues.dataset(group(output), "shape", where(output));
        if (d == null) {
            return;
        }
        double[] shape = HdfValues.doubles(d, where(output) + " shape");
        long n = 1;
        for (double v : shape) {
            n *= (long) v;
        }
        if (n != size && !(shape.length > 0 && (long) shape[shape.length - 1] == size)) {
            problems.add("Output '" + output + "' has shape " + Arrays.toString(shape) + " but its source has " + size
                    + " neurons");
        }
    }

    /** The weight matrix of a weight node (rows checked when {@code rows >= 0}), or null after a problem. */
    private double[][] weights(String name, int rows) {
        Dataset d = HdfValues.dataset(group(name), "weight", where(name));
        if (d == null) {
            problems.add("node '" + name + "' (" + type(name) + ") has no 'weight'");
            return null;
        }
        int[] dims = HdfValues.dims(d);
        if (dims.length != 2) {
            problems.add("node '" + name + "' (" + type(name) + "): weight has shape " + Arrays.toString(dims)
                    + "; expected a matrix (out x in)");
            return null;
        }
        double[][] w = HdfValues.matrix(d, where(name) + " weight");
        if (w.length == 0 || (rows >= 0 && (w.length != rows || w[0].length != rows))) {
            problems.add("node '" + name + "' weight is " + w.length + " x " + (w.length == 0 ? 0 : w[0].length)
                    + ", expected " + rows + " x " + rows + " (recurrent weights)");
            return null;
        }
        return w;
    }

    private double[] affineBias(String name, int n) {
        if (!type(name).equals("Affine")) {
            return null;
        }
        double[] b = rawParam(name, "bias");
        if (b == null) {
            return null;
        }
        if (b.length == 1 && n > 1) {
            double[] x = new double[n];
            Arrays.fill(x, b[0]);
            return x;
        }
        if (b.length != n) {
            problems.add("node '" + name + "': bias has " + b.length + " values for " + n + " outputs");
            return null;
        }
        return b.clone();
    }

    // ---- neuron parameters ----

    private LayerSpec layer(String name, double[][] w, double[] bias, double[][] rec, double[] recBias, String recNode) {
        int n = w.length;
        String t = type(name);
        int[] dims = neuronDims(name);
        int declared = 1;
        for (int d : dims) {
            declared *= d;
        }
        if (dims.length > 0 && declared != n && declared != 1) {
            problems.add("node '" + name + "' (" + t + ") has " + declared + " neurons but the weights feeding it have "
                    + n + " rows");
            return null;
        }
        double[] r = param(name, "r", n, t.equals("IF") || t.equals("LI") ? 1.0 : null);
        double[] vLeak = t.equals("IF") ? new double[n] : param(name, "v_leak", n, 0.0);
        double[] threshold = t.equals("LI") ? null : param(name, "v_threshold", n, null);
        double[] vReset = t.equals("LI") ? null : resetOf(name, n);
        double[] wIn = t.equals("CubaLIF") ? param(name, "w_in", n, 1.0) : ones(n);
        double[] tauSyn;
        double[] tauMem;
        boolean instant = !t.equals("CubaLIF");
        double dt = options.dt();
        if (t.equals("CubaLIF")) {
            tauSyn = param(name, "tau_syn", n, null);
            tauMem = param(name, "tau_mem", n, null);
        } else {
            tauSyn = filled(n, options.lifTauSyn());
            if (t.equals("IF")) {
                double slowest = dev.spikeloop.compiler.quantize.Decays.tau(ChipProfile.XYLO_AUDIO2.maxDash(), dt);
                tauMem = filled(n, slowest);
                notes.add(String.format(Locale.ROOT, "node '%s' (IF) has no leak: the chip's slowest membrane decay"
                        + " (tau = %.4g s at dt = %.4g s) stands in for it", name, slowest, dt));
            } else {
                tauMem = param(name, "tau", n, null);
            }
            notes.add(String.format(Locale.ROOT, "node '%s' (%s) has no synaptic current: an instantaneous synapse"
                    + " (the chip's fastest, dash 1) carries each spike's charge", name, t));
        }
        if (r == null || threshold == null && !t.equals("LI") || tauMem == null || tauSyn == null || vLeak == null
                || wIn == null) {
            return null;
        }
        double[][] ws = new double[n][];
        double[][] rs = rec == null ? null : new double[n][];
        double[] b = new double[n];
        boolean anyBias = false;
        boolean selfRec = false;
        boolean synapticBias = false;
        for (int i = 0; i < n; i++) {
            // W = a r w_in w / tau_syn (CubaLIF); instantaneous synapse: the same charge a r w (tau_mem / tau) / tau_syn,
            // i.e. a r w / tau_syn for LIF/LI (tau_mem = tau) and a r w tau_mem / tau_syn for IF (v' = r I)
            double chargeToMem = t.equals("IF") ? tauMem[i] : 1.0;
            double f = area * r[i] * wIn[i] * chargeToMem / tauSyn[i];
            ws[i] = scale(w[i], f);
            if (rec != null) {
                rs[i] = scale(rec[i], f);
                selfRec |= rec[i][i] != 0;
            }
            double affine = (bias == null ? 0 : bias[i]) + (recBias == null ? 0 : recBias[i]);
            // a constant input b: v settles at v_leak + r w_in b (IF: grows at r b, i.e. tau_mem r b per tau_mem)
            b[i] = vLeak[i] + r[i] * wIn[i] * affine * (t.equals("IF") ? tauMem[i] : 1.0);
            anyBias |= b[i] != 0;
            synapticBias |= affine != 0 && t.equals("CubaLIF");
        }
        if (synapticBias) {
            notes.add("node '" + name + "' (CubaLIF): the Affine bias enters through the synaptic current, where it"
                    + " builds up with tau_syn; the chip adds it to the membrane at once (the same value after a few"
                    + " tau_syn from the start)");
        }
        if (anyBias && Arrays.stream(vLeak).anyMatch(v -> v != 0)) {
            notes.add("node '" + name + "': v_leak folded into the bias (the membrane settles at v_leak; exact)");
        }
        if (selfRec) {
            notes.add("node '" + name + "': the recurrent weights '" + recNode + "' have a non-zero diagonal"
                    + " (self-connections); kept on the chip's recurrent diagonal");
        }
        double thresholdUnit = 1;
        if (t.equals("LI")) {
            // no threshold: the membrane's unit (which the compiler maps to its threshold target, 1/8 of
            // the 16-bit range) is four times the largest jump one spike from every source gives, so the
            // integer membrane holds 32 such volleys before it saturates
            double maxJump = 0;
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < ws[i].length; j++) {
                    sum += Math.abs(ws[i][j]) * tauSyn[i] / tauMem[i];
                }
                maxJump = Math.max(maxJump, sum);
            }
            thresholdUnit = maxJump > 0 ? 4 * maxJump : 1;
            threshold = filled(n, thresholdUnit);
            notes.add("node '" + name + "' (LI readout): mapped to output neurons that never spike (largest threshold);"
                    + " read their membrane states (emulate --states-out): the largest membrane is the LI's decision,"
                    + " as the membranes are the LI's, scaled");
        }
        if (vReset != null && Arrays.stream(vReset).anyMatch(v -> v != 0)) {
            notes.add("node '" + name + "': v_reset is non-zero; the chip subtracts the threshold instead");
        }
        sources.add(new SourceLayer(name, t, vReset));
        LayerDetail detail = new LayerDetail(perNeuron(tauSyn), perNeuron(tauMem), perNeuron(threshold),
                anyBias ? b : null, selfRec, !t.equals("LI"), instant);
        return new LayerSpec(name, n, tauSyn[0], tauMem[0], threshold[0], ws, rs, detail);
    }

    private double[] resetOf(String name, int n) {
        Dataset d = HdfValues.dataset(group(name), "v_reset", where(name));
        if (d == null) {
            if (graph.isOldVersion()) {
                notes.add("node '" + name + "' has no v_reset (NIR " + graph.version() + " predates it): read as reset to 0");
            }
            return new double[n];
        }
        return param(name, "v_reset", n, 0.0);
    }

    /** Null when every value equals the first (the layer's scalar then says it all). */
    private static double[] perNeuron(double[] v) {
        for (double x : v) {
            if (Double.compare(x, v[0]) != 0) {
                return v;
            }
        }
        return null;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    private static double[] ones(int n) {
        return filled(n, 1.0);
    }

    private static double[] scale(double[] row, double f) {
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = f * row[j];
        }
        return out;
    }

    /** A per-neuron parameter (n values in any shape, or one to broadcast); {@code fallback} when absent. */
    private double[] param(String node, String name, int n, Double fallback) {
        Dataset d = HdfValues.dataset(group(node), name, where(node));
        double[] v;
        if (d == null) {
            if (fallback == null) {
                problems.add("node '" + node + "' (" + type(node) + ") has no parameter '" + name + "'");
                return null;
            }
            v = new double[] {fallback};
        } else {
            v = HdfValues.doubles(d, where(node) + " " + name);
        }
        if (v.length == 1 && n != 1) {
            return filled(n, v[0]);
        }
        if (v.length != n) {
            problems.add("node '" + node + "': " + name + " has " + v.length + " values for " + n + " neurons");
            return null;
        }
        return v;
    }

    private String where(String node) {
        return source + ": node '" + node + "'";
    }
}
