package dev.spikeloop.compiler.drc;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.compiler.fanout.FanOut;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.Decays;
import dev.spikeloop.compiler.quantize.NeuronDecays;
import dev.spikeloop.compiler.quantize.WeightStats;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The design-rule check: everything about a float network that the chip cannot hold, found in one
 * pass so the user sees every problem at once. It runs on raw layers (as an importer builds them,
 * possibly with NaN or wrong shapes) as well as on valid {@link FloatNetwork}s, and always before
 * anything is written.
 *
 * <p>Rules: at least one hidden layer (outputs are fed only by hidden neurons); at most the
 * profile's input channels, hidden neurons (all hidden layers together) and output neurons; no
 * recurrent weights on the output layer; finite numbers; time constants and thresholds > 0; each
 * time constant within the range the bit-shift decays cover at this dt ({@link Decays#minTau},
 * {@link Decays#maxTau}); and weights not so large against the layer's threshold that even the
 * largest weight shift with a threshold of 1 cannot hold them:
 * {@code g |w| / threshold <= weightMax << maxWeightShift}, with g the synaptic gain
 * ({@link Decays#gain}); nor so small that even the largest 16-bit threshold leaves the largest
 * weight below half an integer step ({@code threshold <= 2 g max|w| stateMax}).
 *
 * <p>Placement rules of the profile: on profiles whose input weights reach only the first N hidden
 * neurons, the first hidden layer (placed first) has at most N neurons; on profiles whose output
 * weights come only from the last N, the last hidden layer (placed last) has at most N. Fan-out
 * ({@link FanOut}): each hidden neuron drives at most the profile's fan-out, and all
 * hidden-to-hidden weights together fit the recurrent weight memory, unless the options ask to
 * prune to these limits ({@link CompileOptions#pruneFanout()}). Aliases: the float network has
 * none, so the one-alias rule cannot be broken by a compilation.
 */
public final class DesignRuleCheck {
    private DesignRuleCheck() {
    }

    /** Every problem of a valid float network. */
    public static List<DrcProblem> check(FloatNetwork net, CompileOptions options) {
        return check(net.inputs(), net.layers(), options);
    }

    /** Throws {@link CompilationException} listing every problem, if there is any. */
    public static void requireValid(String source, FloatNetwork net, CompileOptions options) {
        requireValid(source, net.inputs(), net.layers(), options);
    }

    /** Throws {@link CompilationException} listing every problem of raw layers, if there is any. */
    public static void requireValid(String source, int inputs, List<LayerSpec> layers, CompileOptions options) {
        List<DrcProblem> problems = check(inputs, layers, options);
        if (!problems.isEmpty()) {
            throw new CompilationException(source, problems);
        }
    }

    /** Every problem of raw layers (the last one is the output layer). */
    public static List<DrcProblem> check(int inputs, List<LayerSpec> layers, CompileOptions options) {
        ChipProfile p = options.chipProfile();
        List<DrcProblem> problems = new ArrayList<>();
        if (inputs < 1 || inputs > p.maxInputs()) {
            problems.add(new DrcProblem("network", "input channels", Integer.toString(inputs),
                    "1.." + p.maxInputs() + " on " + p.name()));
        }
        if (layers == null || layers.isEmpty()) {
            problems.add(new DrcProblem("network", "layers", "none", "at least one hidden layer and an output layer"));
            return problems;
        }
        int last = layers.size() - 1;
        if (last < 1) {
            problems.add(new DrcProblem("network", "hidden layers", "0",
                    "at least 1: the chip's output neurons are fed only by hidden neurons"));
        }
        checkCounts(problems, layers, p);
        checkProjections(problems, layers, p);
        int fanIn = inputs;
        for (int l = 0; l <= last; l++) {
            LayerSpec layer = layers.get(l);
            Integer size = checkLayer(problems, l, layer, l == last, fanIn, options);
            fanIn = size == null ? -1 : size;
        }
        if (!options.pruneFanout() && FanOut.wellFormed(inputs, layers)) {
            checkFanOut(problems, layers, p);
        }
        if (problems.isEmpty()) {
            checkOutputsCanFire(problems, layers);
        }
        return problems;
    }

    private static void checkProjections(List<DrcProblem> problems, List<LayerSpec> layers, ChipProfile p) {
        int last = layers.size() - 1;
        if (last < 1) {
            return;
        }
        LayerSpec first = layers.get(0);
        if (p.restrictsInput() && first != null && first.size() > p.inputReach()) {
            problems.add(new DrcProblem(where(0, first) + " (fed by the inputs)", "hidden neurons",
                    Integer.toString(first.size()), "1.." + p.inputReach() + " on " + p.name()
                            + ": input weights reach only the first " + p.inputReach() + " hidden neurons"));
        }
        LayerSpec feeding = layers.get(last - 1);
        if (p.restrictsOutput() && feeding != null && feeding.size() > p.outputReach()) {
            problems.add(new DrcProblem(where(last - 1, feeding) + " (feeds the outputs)", "hidden neurons",
                    Integer.toString(feeding.size()), "1.." + p.outputReach() + " on " + p.name()
                            + ": output weights come only from the last " + p.outputReach() + " hidden neurons"));
        }
    }

    private static void checkFanOut(List<DrcProblem> problems, List<LayerSpec> layers, ChipProfile p) {
        FanOut f = FanOut.of(layers);
        for (int l = 0; l < f.perNeuron().size(); l++) {
            int[] c = f.perNeuron().get(l);
            for (int j = 0; j < c.length; j++) {
                if (c[j] > p.maxFanOut()) {
                    problems.add(new DrcProblem(where(l, layers.get(l)) + " neuron " + j, "fan-out",
                            c[j] + " non-zero outgoing weights", "0.." + p.maxFanOut() + " on " + p.name()
                                    + " (compile with --prune-fanout to keep the strongest)"));
                }
            }
        }
        if (f.hiddenToHidden() > p.recurrentBudget()) {
            problems.add(new DrcProblem("network", "hidden-to-hidden weights", Long.toString(f.hiddenToHidden()),
                    "0.." + p.recurrentBudget() + " on " + p.name() + " (recurrent weight memory: " + p.avgFanOut()
                            + " per hidden neuron x " + p.maxHidden() + "; compile with --prune-fanout to keep the strongest)"));
        }
    }

    /**
     * A chip none of whose outputs can ever fire is a design error, whatever the weights' scale: a
     * neuron fires only through a positive bias or a positive weight from an input or from a neuron
     * that can fire itself (recurrent ones included). Propagates "can fire" layer by layer. A
     * non-spiking (membrane) readout counts as answering when any weight from a firing neuron, or a
     * bias, moves its membrane.
     */
    private static void checkOutputsCanFire(List<DrcProblem> problems, List<LayerSpec> layers) {
        boolean[] previous = null; // null: the inputs, which all spike
        for (int l = 0; l < layers.size(); l++) {
            LayerSpec layer = layers.get(l);
            boolean[] fires = new boolean[layer.size()];
            boolean readout = !layer.isSpiking();
            for (int i = 0; i < fires.length; i++) {
                fires[i] = readout ? anyNonZero(layer.weights()[i], previous) || layer.biasOf(i) != 0
                        : anyPositive(layer.weights()[i], previous) || layer.biasOf(i) > 0;
            }
            for (boolean changed = layer.recurrent() != null; changed; ) {
                changed = false;
                for (int i = 0; i < fires.length; i++) {
                    if (!fires[i] && anyPositive(layer.recurrent()[i], fires)) {
                        fires[i] = true;
                        changed = true;
                    }
                }
            }
            int count = 0;
            for (boolean f : fires) {
                count += f ? 1 : 0;
            }
            if (count == 0) {
                problems.add(new DrcProblem(where(l, layer) + (l == layers.size() - 1 ? " (output layer)" : ""),
                        "neurons that can fire", "none (no positive weight from "
                        + (l == 0 ? "an input" : "a neuron of the layer before that can fire") + ")",
                        "at least one, else no output neuron ever fires and every sample scores 'none'"));
                return;
            }
            previous = fires;
        }
    }

    private static boolean anyNonZero(double[] row, boolean[] sourceFires) {
        for (int j = 0; j < row.length; j++) {
            if (row[j] != 0 && (sourceFires == null || sourceFires[j])) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyPositive(double[] row, boolean[] sourceFires) {
        for (int j = 0; j < row.length; j++) {
            if (row[j] > 0 && (sourceFires == null || sourceFires[j])) {
                return true;
            }
        }
        return false;
    }

    private static void checkCounts(List<DrcProblem> problems, List<LayerSpec> layers, ChipProfile p) {
        int last = layers.size() - 1;
        long hidden = 0;
        StringBuilder parts = new StringBuilder();
        for (int l = 0; l < last; l++) {
            LayerSpec layer = layers.get(l);
            if (layer != null && layer.size() > 0) {
                hidden += layer.size();
                parts.append(parts.length() == 0 ? "" : " + ").append(where(l, layer)).append(' ').append(layer.size());
            }
        }
        if (hidden > p.maxHidden()) {
            problems.add(new DrcProblem("hidden layers (" + parts + ")", "hidden neurons", Long.toString(hidden),
                    "1.." + p.maxHidden() + " on " + p.name()));
        }
        LayerSpec out = layers.get(last);
        if (out != null && out.size() > p.maxOutputs()) {
            problems.add(new DrcProblem(where(last, out) + " (output layer)", "output neurons",
                    Integer.toString(out.size()), "1.." + p.maxOutputs() + " on " + p.name()));
        }
    }

    /** Checks one layer; returns its size when usable as the next layer's fan-in, else null. */
    private static Integer checkLayer(List<DrcProblem> problems, int l, LayerSpec layer, boolean output, int fanIn,
                                      CompileOptions o) {
        if (layer == null) {
            problems.add(new DrcProblem("layer " + l, "layer", "missing", "a layer"));
            return null;
        }
        String where = where(l, layer);
        if (layer.size() < 1) {
            problems.add(new DrcProblem(where, "size", Integer.toString(layer.size()), ">= 1"));
            return null;
        }
        boolean tausOk = true;
        boolean thresholdOk = true;
        if (layer.isPlain()) {
            tausOk = checkTau(problems, where, "tauSyn", layer.tauSyn(), o);
            tausOk &= checkTau(problems, where, "tauMem", layer.tauMem(), o);
            thresholdOk = Double.isFinite(layer.threshold()) && layer.threshold() > 0;
            if (!thresholdOk) {
                problems.add(new DrcProblem(where, "threshold", fmt(layer.threshold()), "a finite number > 0"));
            }
        } else {
            // per-neuron arrays neuron by neuron, scalars once; an instantaneous synapse (NIR LIF) gets the
            // fastest dash whatever its nominal tauSyn
            var d = layer.detail();
            if (!d.instantSynapse()) {
                tausOk = d.tauSyn() == null ? checkTau(problems, where, "tauSyn", layer.tauSyn(), o)
                        : perNeuronTaus(problems, where, "tauSyn", d.tauSyn(), o);
            }
            tausOk &= d.tauMem() == null ? checkTau(problems, where, "tauMem", layer.tauMem(), o)
                    : perNeuronTaus(problems, where, "tauMem", d.tauMem(), o);
            if (d.synapse2() != null) {
                if (output) {
                    problems.add(new DrcProblem(where + " (output layer)", "synaptic currents", "2",
                            "1: the chip's output neurons have one synapse"));
                } else if (o.chipProfile().maxSynapses() < 2) {
                    problems.add(new DrcProblem(where, "synaptic currents", "2", o.chipProfile().maxSynapses()
                            + " on " + o.chipProfile().name()));
                }
                if (d.synapse2().tauSyn() != null) {
                    tausOk &= perNeuronTaus(problems, where, "synapse2.tauSyn", d.synapse2().tauSyn(), o);
                }
            }
            for (int i = 0; i < layer.size(); i++) {
                double th = layer.thresholdOf(i);
                if (!(Double.isFinite(th) && th > 0)) {
                    problems.add(new DrcProblem(where + " neuron " + i, "threshold", fmt(th), "a finite number > 0"));
                    thresholdOk = false;
                }
                if (!Double.isFinite(layer.biasOf(i))) {
                    problems.add(new DrcProblem(where + " neuron " + i, "bias", fmt(layer.biasOf(i)), "a finite number"));
                }
            }
        }
        boolean weightsOk = fanIn < 0 || checkMatrix(problems, where, "weights", layer.weights(), layer.size(), fanIn);
        boolean recurrentOk = true;
        if (layer.recurrent() != null) {
            if (output) {
                problems.add(new DrcProblem(where + " (output layer)", "recurrent weights", "present",
                        "none: the chip's output neurons have no recurrent connections"));
                recurrentOk = false;
            } else {
                recurrentOk = checkMatrix(problems, where, "recurrent", layer.recurrent(), layer.size(), layer.size());
            }
        }
        if (tausOk && thresholdOk && weightsOk && recurrentOk && fanIn >= 0) {
            checkWeightRange(problems, where, layer, o);
        }
        return layer.size();
    }

    private static boolean perNeuronTaus(List<DrcProblem> problems, String where, String name, double[] taus,
                                         CompileOptions o) {
        boolean ok = true;
        for (int i = 0; i < taus.length; i++) {
            ok &= checkTau(problems, where + " neuron " + i, name, taus[i], o);
        }
        return ok;
    }

    private static boolean checkTau(List<DrcProblem> problems, String where, String name, double tau, CompileOptions o) {
        int maxDash = o.chipProfile().maxDash();
        if (!Double.isFinite(tau) || tau <= 0) {
            problems.add(new DrcProblem(where, name, fmt(tau) + " s", "a finite number > 0"));
            return false;
        }
        if (!Decays.inRange(tau, o.dt(), maxDash)) {
            problems.add(new DrcProblem(where, name, fmt(tau) + " s",
                    fmt(Decays.minTau(o.dt())) + ".." + fmt(Decays.maxTau(o.dt(), maxDash)) + " s at dt = "
                            + fmt(o.dt()) + " s (bit-shift decays " + Decays.MIN_DASH + ".." + maxDash + ": "
                            + fmt(Decays.tau(Decays.MIN_DASH, o.dt())) + ".." + fmt(Decays.tau(maxDash, o.dt())) + " s)"));
            return false;
        }
        return true;
    }

    private static boolean checkMatrix(List<DrcProblem> problems, String where, String name, double[][] m,
                                       int rows, int cols) {
        if (m == null) {
            problems.add(new DrcProblem(where, name, "missing", rows + " x " + cols + " matrix"));
            return false;
        }
        if (m.length != rows) {
            problems.add(new DrcProblem(where, name + " rows", Integer.toString(m.length), rows + " (the layer size)"));
            return false;
        }
        boolean ok = true;
        for (int i = 0; i < rows; i++) {
            if (m[i] == null || m[i].length != cols) {
                problems.add(new DrcProblem(where + " " + name + " row " + i, "columns",
                        m[i] == null ? "missing" : Integer.toString(m[i].length), Integer.toString(cols)));
                ok = false;
                continue;
            }
            for (int j = 0; j < cols; j++) {
                if (!Double.isFinite(m[i][j])) {
                    problems.add(new DrcProblem(where + " " + name + " row " + i + " column " + j, "weight",
                            Double.toString(m[i][j]), "a finite number"));
                    ok = false;
                }
            }
        }
        return ok;
    }

    private static void checkWeightRange(List<DrcProblem> problems, String where, LayerSpec layer, CompileOptions o) {
        ChipProfile p = o.chipProfile();
        int maxDash = p.maxDash();
        double g;
        double minThreshold = layer.threshold();
        double maxThresholdOf = layer.threshold();
        if (layer.isPlain()) {
            int ds = Decays.nearestDash(layer.tauSyn(), o.dt(), maxDash);
            int dm = Decays.nearestDash(layer.tauMem(), o.dt(), maxDash);
            g = Decays.gain(ds, dm)
                    * (o.matchPsp() ? Decays.pspPeakRatio(layer.tauSyn(), layer.tauMem(), ds, dm, o.dt()) : 1.0);
        } else {
            // per-neuron values: the largest gain and the extreme thresholds bound every neuron
            g = NeuronDecays.of(layer, o).maxGain();
            for (int i = 0; i < layer.size(); i++) {
                minThreshold = Math.min(minThreshold, layer.thresholdOf(i));
                maxThresholdOf = Math.max(maxThresholdOf, layer.thresholdOf(i));
            }
            if (!layer.isSpiking()) {
                return; // a membrane readout's threshold is never reached; its scale follows the weights
            }
        }
        boolean skipDiagonal = !layer.countsSelfConnections();
        double limit = (double) p.weightMax() * (1 << p.maxWeightShift());
        double[][][] mats = {layer.weights(), layer.recurrent()};
        double reference = WeightStats.quantileAbs(o.weightQuantile(), mats, new boolean[] {false, skipDiagonal});
        double largest = WeightStats.quantileAbs(1.0, mats, new boolean[] {false, skipDiagonal});
        // Even with the largest 16-bit threshold and shift 0, the largest weight must round to a
        // non-zero integer, or the layer can never be driven: the threshold is unrepresentable.
        double maxThreshold = 2 * g * largest * p.stateMax();
        if (largest > 0 && maxThresholdOf > maxThreshold) {
            problems.add(new DrcProblem(where, "threshold", fmt(maxThresholdOf),
                    "<= " + fmt(maxThreshold) + " for its largest weight " + fmt(largest)
                            + " (else every weight rounds to 0 against an integer threshold of at most " + p.stateMax()
                            + ")"));
        }
        if (g * reference / minThreshold <= limit) {
            return;
        }
        double maxWeight = limit * minThreshold / g;
        String allowed = "|w| <= " + fmt(maxWeight) + " at threshold " + fmt(minThreshold)
                + " (integer threshold 1, weight " + p.weightMax() + " << " + p.maxWeightShift() + ")";
        for (int m = 0; m < mats.length; m++) {
            double[][] w = mats[m];
            if (w == null) {
                continue;
            }
            String name = m == 0 ? "weights" : "recurrent";
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < w[i].length; j++) {
                    if (!(m == 1 && i == j && skipDiagonal) && Math.abs(w[i][j]) > maxWeight) {
                        problems.add(new DrcProblem(where + " " + name + " row " + i + " column " + j, "weight",
                                fmt(w[i][j]), allowed));
                    }
                }
            }
        }
    }

    static String where(int l, LayerSpec layer) {
        return layer.name() == null ? "layer " + l : "layer " + l + " '" + layer.name() + "'";
    }

    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        // Trailing zeros go from the mantissa only: "9.29433e-10" keeps its exponent's 0.
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceFirst("\\.?0+$", "");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }
}
