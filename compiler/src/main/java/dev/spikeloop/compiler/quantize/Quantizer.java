package dev.spikeloop.compiler.quantize;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.validate.ConfigValidator;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Rounds a float network to integers with given scales and measures what was lost. */
final class Quantizer {
    private final FloatNetwork net;
    private final ChipMapping map;
    private final CompileOptions options;
    private final ChipProfile profile;
    private final int hidden;
    /** Synaptic currents per hidden neuron: 2 when some hidden layer has a second synapse. */
    private final int synapses;
    private final int[] weightsIn;
    private final int[] weightsRec;
    private final int[] weightsOut;
    private final Map<ChipMatrix, ChipAccumulator> chip = new EnumMap<>(ChipMatrix.class);

    private Quantizer(FloatNetwork net, ChipMapping map, CompileOptions options) {
        this.net = net;
        this.map = map;
        this.options = options;
        this.profile = options.chipProfile();
        this.hidden = map.hidden();
        this.synapses = net.layers().stream().anyMatch(x -> x.detail().synapse2() != null) ? 2 : 1;
        this.weightsIn = new int[map.inputs() * hidden * synapses];
        this.weightsRec = new int[hidden * hidden * synapses];
        this.weightsOut = new int[hidden * map.outputs()];
        for (ChipMatrix m : ChipMatrix.values()) {
            chip.put(m, new ChipAccumulator());
        }
    }

    /**
     * Quantises {@code net} with the dashes, gains, scales and shifts of {@code scales}; thresholds
     * are recomputed as {@code round(scale * threshold)} (identical for a fresh compilation, and
     * following a changed threshold when re-quantising).
     */
    static Compilation quantize(FloatNetwork net, ChipMapping map, QuantizationScales scales, CompileOptions options) {
        return new Quantizer(net, map, options).run(scales);
    }

    private Compilation run(QuantizationScales given) {
        List<LayerScale> layerScales = new ArrayList<>();
        List<LayerReport> layerReports = new ArrayList<>();
        List<MatrixReport> matrixReports = new ArrayList<>();
        List<LayerSpec> equivalent = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int l = 0; l < net.layerCount(); l++) {
            LayerSpec layer = net.layer(l);
            LayerScale s0 = given.layer(l);
            long th = Rounding.halfAway(s0.scale() * layer.threshold());
            int threshold = (int) Math.max(1, Math.min(profile.stateMax(), th));
            LayerScale s;
            if (s0.neurons() == null && layer.isPlain()) {
                s = new LayerScale(s0.dashSyn(), s0.dashMem(), s0.gain(), s0.scale(), threshold, s0.pspRatio());
            } else {
                s = perNeuronScale(layer, s0, threshold, notes);
            }
            layerScales.add(s);

            ChipMatrix ffMatrix = map.feedForwardMatrix(l);
            double[][] wq = new double[layer.size()][];
            matrixReports.add(quantizeMatrix(l, layer, false, ffMatrix, given.shift(ffMatrix), s, wq));
            double[][] rq = null;
            if (layer.recurrent() != null) {
                rq = new double[layer.size()][];
                matrixReports.add(quantizeMatrix(l, layer, true, ChipMatrix.REC, given.shiftRec(), s, rq));
            }
            double[][] wq2 = null;
            double[][] rq2 = null;
            if (layer.detail().synapse2() != null) {
                wq2 = new double[layer.size()][];
                matrixReports.add(quantizeMatrix(l, layer, false, 1, ffMatrix, given.shift(ffMatrix), s, wq2));
                if (layer.detail().synapse2().recurrent() != null) {
                    rq2 = new double[layer.size()][];
                    matrixReports.add(quantizeMatrix(l, layer, true, 1, ChipMatrix.REC, given.shiftRec(), s, rq2));
                }
            }
            if (s.neurons() == null) {
                double tauSynChip = Decays.tau(s.dashSyn(), options.dt());
                double tauMemChip = Decays.tau(s.dashMem(), options.dt());
                double thresholdChip = threshold / s.scale();
                layerReports.add(new LayerReport(layer.name(), map.placement(l), layer.tauSyn(), s.dashSyn(), tauSynChip,
                        layer.tauMem(), s.dashMem(), tauMemChip, layer.threshold(), threshold,
                        (thresholdChip - layer.threshold()) / layer.threshold(), s.scale(), s.gain()));
                // with PSP peak matching the chip realises pspRatio times the weights under its own time constants
                equivalent.add(new LayerSpec(layer.name(), layer.size(), tauSynChip, tauMemChip, thresholdChip,
                        scaled(wq, s.pspRatio()), scaled(rq, s.pspRatio())));
            } else {
                layerReports.add(worstNeuronReport(l, layer, s));
                equivalent.add(perNeuronEquivalent(layer, s, wq, rq, wq2, rq2));
            }
            if (layer.isSpiking()) {
                resolutionNote(notes, layer, s);
            }
            if (!layer.isSpiking()) {
                notes.add("layer '" + layer.name() + "': a non-spiking readout: its output neurons get the largest"
                        + " threshold (" + profile.stateMax() + ") and are read by their membrane state"
                        + " (emulate --states-out), not their spikes");
            } else if (th < 1 || th > profile.stateMax()) {
                notes.add("layer '" + layer.name() + "': threshold " + th + " clamped to " + threshold);
            } else if (threshold < 64) {
                notes.add(String.format(Locale.ROOT, "layer '%s': integer threshold is only %d: its weights are very"
                        + " large against its threshold, so the membrane has little resolution", layer.name(), threshold));
            }
        }
        QuantizationScales scales = new QuantizationScales(layerScales, given.shiftIn(), given.shiftRec(), given.shiftOut());
        addNotes(notes, layerReports, matrixReports);
        ChipConfig config = buildConfig(scales);
        ConfigValidator.validate(config, "compiled configuration");
        List<ChipMatrixReport> chipReports = new ArrayList<>();
        for (ChipMatrix m : ChipMatrix.values()) {
            chipReports.add(chip.get(m).report(m, scales.shift(m)));
        }
        CompilationReport report = new CompilationReport(options.dt(), options.profile(), map.inputs(), hidden,
                map.outputs(), layerReports, matrixReports, chipReports, notes);
        return new Compilation(config, report, scales, map, options, new FloatNetwork(net.inputs(), net.tEnd(), equivalent));
    }

    /**
     * Per-neuron thresholds {@code round(lambda threshold_i)} and biases: the membrane settles at
     * {@code bias_i}, i.e. {@code lambda bias_i} integer units, which a per-step increment B reaches
     * under the decay {@code 1 - 2^-dash_mem} when {@code B = lambda bias_i 2^-dash_mem}.
     */
    private LayerScale perNeuronScale(LayerSpec layer, LayerScale s0, int threshold, List<String> notes) {
        NeuronDecays nd = s0.neurons() != null ? s0.neurons() : NeuronDecays.of(layer, options);
        int n = layer.size();
        int[] thresholds = new int[n];
        int[] biases = layer.detail().bias() == null ? null : new int[n];
        int clippedBias = 0;
        int coarseBias = 0;
        for (int i = 0; i < n; i++) {
            if (!layer.isSpiking()) {
                thresholds[i] = profile.stateMax();
            } else {
                long t = Rounding.halfAway(s0.scale() * layer.thresholdOf(i));
                thresholds[i] = (int) Math.max(1, Math.min(profile.stateMax(), t));
            }
            if (biases != null) {
                double exact = s0.scale() * layer.biasOf(i) * Math.scalb(1.0, -nd.dashMem()[i]);
                long b = Rounding.halfAway(exact);
                int q = (int) Math.max(profile.stateMin(), Math.min(profile.stateMax(), b));
                clippedBias += q != b ? 1 : 0;
                coarseBias += exact != 0 && Math.abs(q - exact) > 0.05 * Math.abs(exact) ? 1 : 0;
                biases[i] = q;
            }
        }
        if (clippedBias > 0) {
            notes.add("layer '" + layer.name() + "': " + clippedBias + " bias(es) clipped to the 16-bit range");
        }
        if (coarseBias > 0) {
            notes.add("layer '" + layer.name() + "': " + coarseBias + " bias(es) rounded by more than 5% (a bias is"
                    + " added to the membrane each step as lambda * bias * 2^-dash_mem integer units)");
        }
        return new LayerScale(nd.dashSyn()[0], nd.dashMem()[0], nd.gain()[0], s0.scale(), thresholds[0],
                nd.psp()[0], nd, thresholds, biases);
    }

    /**
     * Notes a layer whose currents stay coarse against their decay ({@link CurrentResolution}) even at
     * the scale chosen for it: the scale chooser raises lambda towards the target K, so this happens
     * only where the 16-bit threshold or the weights' range stopped it.
     */
    private void resolutionNote(List<String> notes, LayerSpec layer, LayerScale s) {
        NeuronDecays nd = s.neurons() != null ? s.neurons() : NeuronDecays.of(layer, options);
        CurrentResolution.Worst w = CurrentResolution.worst(layer, nd, options.weightQuantile(), s.scale());
        if (w.ratio() < CurrentResolution.NOTE_RATIO) {
            notes.add(String.format(Locale.ROOT, "layer '%s': %s current is coarse against its decay: the largest"
                    + " weight gives %.2g x 2^dash_syn (2^%d) integer units at lambda = %.0f; the chip decays a current"
                    + " by at least 1 per step, so currents below about 2 x 2^dash_syn lose charge (half of it at 1 x)"
                    + " and larger ones gain up to ~10%%; a larger dt helps", layer.name(), w.synapse() == 2 ? "the second synaptic"
                    : "the synaptic", w.ratio(), w.dash(), s.scale()));
        }
    }

    /** The layer report of a per-neuron layer: per quantity, the neuron whose chip value is furthest off. */
    private LayerReport worstNeuronReport(int l, LayerSpec layer, LayerScale s) {
        int ws = 0;
        int wm = 0;
        int wt = 0;
        double es = -1;
        double em = -1;
        double et = -1;
        for (int i = 0; i < layer.size(); i++) {
            double ts = NeuronDecays.tauSyn(layer, i, options.dt());
            double e1 = Math.abs(Decays.tau(s.dashSynOf(i), options.dt()) - ts) / ts;
            double e2 = Math.abs(Decays.tau(s.dashMemOf(i), options.dt()) - layer.tauMemOf(i)) / layer.tauMemOf(i);
            double e3 = Math.abs(s.thresholdOf(i) / s.scale() - layer.thresholdOf(i)) / layer.thresholdOf(i);
            if (e1 > es) {
                es = e1;
                ws = i;
            }
            if (e2 > em) {
                em = e2;
                wm = i;
            }
            if (e3 > et) {
                et = e3;
                wt = i;
            }
        }
        double thChip = s.thresholdOf(wt) / s.scale();
        return new LayerReport(layer.name() + (layer.isPlain() ? "" : " (per neuron: worst)"), map.placement(l),
                NeuronDecays.tauSyn(layer, ws, options.dt()), s.dashSynOf(ws), Decays.tau(s.dashSynOf(ws), options.dt()),
                layer.tauMemOf(wm), s.dashMemOf(wm), Decays.tau(s.dashMemOf(wm), options.dt()),
                layer.thresholdOf(wt), s.thresholdOf(wt), (thChip - layer.thresholdOf(wt)) / layer.thresholdOf(wt),
                s.scale(), s.gainOf(0));
    }

    /** The float network the chip stands for, neuron by neuron. */
    private LayerSpec perNeuronEquivalent(LayerSpec layer, LayerScale s, double[][] wq, double[][] rq, double[][] wq2,
                                          double[][] rq2) {
        int n = layer.size();
        double[] ts = new double[n];
        double[] tm = new double[n];
        double[] th = new double[n];
        double[] bias = s.biases() == null ? null : new double[n];
        double[] psp = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = Decays.tau(s.dashSynOf(i), options.dt());
            tm[i] = Decays.tau(s.dashMemOf(i), options.dt());
            th[i] = s.thresholdOf(i) / s.scale();
            psp[i] = s.pspRatioOf(i);
            if (bias != null) {
                bias[i] = s.biasOf(i) * Math.scalb(1.0, s.dashMemOf(i)) / s.scale();
            }
        }
        dev.spikeloop.network.SecondSynapse syn2 = null;
        if (wq2 != null) {
            double[] ts2 = new double[n];
            for (int i = 0; i < n; i++) {
                ts2[i] = Decays.tau(s.neurons().dashSyn2()[i], options.dt());
            }
            syn2 = new dev.spikeloop.network.SecondSynapse(ts2, wq2, rq2);
        }
        // values shared by every neuron stay scalars, so a layer that is per-neuron only in name (e.g. an
        // instantaneous synapse, now a real one) is the plain model again
        var d = new dev.spikeloop.network.LayerDetail(varying(ts), varying(tm), varying(th),
                bias == null || java.util.Arrays.stream(bias).allMatch(b -> b == 0) ? null : bias,
                layer.countsSelfConnections(), layer.isSpiking(), false, syn2, layer.detail().maxScore(),
                        layer.detail().readoutWindows());
        return new LayerSpec(layer.name(), n, ts[0], tm[0], th[0], NeuronDecays.scaleRows(wq, psp), NeuronDecays.scaleRows(rq, psp), d);
    }

    /** Null when every value equals the first. */
    private static double[] varying(double[] v) {
        for (double x : v) {
            if (Double.compare(x, v[0]) != 0) {
                return v;
            }
        }
        return null;
    }

    private void addNotes(List<String> notes, List<LayerReport> layers, List<MatrixReport> matrices) {
        // A spike is only seen at the end of the step in which the membrane crossed the threshold and
        // reaches the next layer in the following step: on average half a step later than in float time.
        notes.add("spikes between layers are delayed to the next step boundary (on average dt/2 per layer-to-layer"
                + " hop, " + (map.layerCount() - 1) + " hop(s) from the first hidden layer to the outputs)");
        if (map.layerCount() > 2) {
            notes.add("hidden layers after the first are blocks of the recurrent matrix (" + (map.layerCount() - 2)
                    + " such layer(s)); they share weight_shift_rec with any recurrent weights");
        }
        for (LayerReport l : layers) {
            tauNote(notes, l.name(), "tauSyn", l.tauSynError());
            tauNote(notes, l.name(), "tauMem", l.tauMemError());
        }
        double worst = DtAdvisor.maxTauError(net, options.dt(), profile.maxDash());
        if (worst > 0.1) {
            // name exactly the step --dt auto picks (same ceiling and cap), not some other good step
            var auto = DtAdvisor.autoDt(net, DtAdvisor.AUTO_CEILING, profile.maxDash());
            if (auto.isPresent()) {
                double autoError = DtAdvisor.maxTauError(net, auto.getAsDouble(), profile.maxDash());
                if (autoError < worst / 2) {
                    notes.add(String.format(Locale.ROOT, "dt = %.4g s would realise every time constant within %.0f%%"
                            + " (now %.0f%%; --dt auto picks it)", auto.getAsDouble(), 100 * autoError, 100 * worst));
                }
            }
        }

        for (MatrixReport m : matrices) {
            if (m.clipped() > 0) {
                notes.add(m.name() + ": " + m.clipped() + " weight(s) clipped to the 8-bit range");
            }
            if (m.entries() > 0 && m.zeroed() > 0.05 * m.entries()) {
                notes.add(String.format(Locale.ROOT, "%s: %d of %d weights rounded to 0", m.name(), m.zeroed(), m.entries()));
            }
        }
    }

    private void tauNote(List<String> notes, String layer, String which, double error) {
        if (Math.abs(error) > 0.1) {
            notes.add(String.format(Locale.ROOT, "layer '%s': %s is %+.0f%% off on the chip at dt = %s s"
                    + " (the bit-shift decays realise only dt / -ln(1 - 2^-dash))", layer, which, 100 * error, options.dt()));
        }
    }

    private static double[][] scaled(double[][] m, double f) {
        if (m == null || f == 1.0) {
            return m;
        }
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = new double[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                out[i][j] = f * m[i][j];
            }
        }
        return out;
    }

    /** Quantises one float matrix into its chip matrix, fills {@code out} with the float equivalent. */
    private MatrixReport quantizeMatrix(int l, LayerSpec layer, boolean recurrent, ChipMatrix matrix, int shift,
                                        LayerScale s, double[][] out) {
        return quantizeMatrix(l, layer, recurrent, 0, matrix, shift, s, out);
    }

    /** As above for synapse {@code syn} (0, or 1 for the layer's second synapse). */
    private MatrixReport quantizeMatrix(int l, LayerSpec layer, boolean recurrent, int syn, ChipMatrix matrix, int shift,
                                        LayerScale s, double[][] out) {
        var s2 = layer.detail().synapse2();
        double[][] w = syn == 1 ? (recurrent ? s2.recurrent() : s2.weights())
                : recurrent ? layer.recurrent() : layer.weights();
        boolean skipDiagonal = recurrent && !layer.countsSelfConnections();
        double sumSq = 0;
        double sumSqErr = 0;
        double maxErr = 0;
        double maxW = 0;
        int maxInt = 0;
        int clipped = 0;
        int zeroed = 0;
        int entries = 0;
        ChipAccumulator acc = chip.get(matrix);
        for (int i = 0; i < w.length; i++) {
            out[i] = new double[w[i].length];
            double factor = Math.scalb(s.scale() * (syn == 1 ? s.neurons().gain2()[i] : s.gainOf(i)), -shift);
            double step = 1.0 / factor;
            for (int j = 0; j < w[i].length; j++) {
                if (skipDiagonal && i == j) {
                    continue; // the model ignores self-connections; the chip's diagonal stays 0
                }
                double x = w[i][j] * factor;
                long r = Rounding.halfAway(x);
                int q = (int) Math.max(profile.weightMin(), Math.min(profile.weightMax(), r));
                if (q != r) {
                    clipped++;
                }
                if (q == 0 && w[i][j] != 0) {
                    zeroed++;
                }
                store(l, recurrent, syn, i, j, q);
                acc.add(x, q, q != r);
                double wq = q * step;
                out[i][j] = wq;
                double err = wq - w[i][j];
                sumSq += w[i][j] * w[i][j];
                sumSqErr += err * err;
                maxErr = Math.max(maxErr, Math.abs(err));
                maxW = Math.max(maxW, Math.abs(w[i][j]));
                maxInt = Math.max(maxInt, Math.abs(q));
                entries++;
            }
        }
        double rel = sumSq > 0 ? Math.sqrt(sumSqErr / sumSq) : 0;
        return new MatrixReport(layer.name(), (syn == 1 ? "synapse2." : "") + (recurrent ? "recurrent" : "weights"),
                matrix, shift, entries, maxW, maxInt, rel, maxErr, clipped, zeroed);
    }

    /** Puts integer weight q (to neuron i of layer l from j) at its place in the flat chip arrays. */
    private void store(int l, boolean recurrent, int syn, int i, int j, int q) {
        int sCount = synapses;
        if (map.isOutput(l)) {
            int pre = map.offset(l - 1) + j;
            weightsOut[pre * map.outputs() + i] = q;
        } else if (recurrent) {
            int off = map.offset(l);
            weightsRec[((off + j) * hidden + off + i) * sCount + syn] = q;
        } else if (l == 0) {
            weightsIn[(j * hidden + map.offset(0) + i) * sCount + syn] = q;
        } else {
            weightsRec[((map.offset(l - 1) + j) * hidden + map.offset(l) + i) * sCount + syn] = q;
        }
    }

    private ChipConfig buildConfig(QuantizationScales scales) {
        ChipConfig.Builder b = ChipConfig.newBuilder()
                .setFormatVersion(ConfigValidator.FORMAT_VERSION)
                .setProfile(options.profile())
                .setDtSeconds(options.dt())
                .setNumInputs(map.inputs())
                .setNumHidden(hidden)
                .setNumOutputs(map.outputs())
                .setNumSynapses(synapses)
                .setWeightShiftIn(scales.shiftIn())
                .setWeightShiftRec(scales.shiftRec())
                .setWeightShiftOut(scales.shiftOut());
        for (int v : weightsIn) {
            b.addWeightsIn(v);
        }
        for (int v : weightsRec) {
            b.addWeightsRec(v);
        }
        for (int v : weightsOut) {
            b.addWeightsOut(v);
        }
        boolean anyBias = false;
        boolean anyOutBias = false;
        for (int l = 0; l < net.layerCount(); l++) {
            LayerScale s = scales.layer(l);
            for (int i = 0; i < net.layer(l).size(); i++) {
                if (map.isOutput(l)) {
                    b.addDashMemOut(s.dashMemOf(i)).addDashSynOut(s.dashSynOf(i)).addThresholdOut(s.thresholdOf(i));
                    anyOutBias |= s.biasOf(i) != 0;
                } else {
                    b.addDashMem(s.dashMemOf(i)).addDashSyn(s.dashSynOf(i)).addThreshold(s.thresholdOf(i));
                    if (synapses == 2) {
                        // a neuron without a second synapse gets weight 0 there; its dash is the first one's
                        int[] ds2 = s.neurons() == null ? null : s.neurons().dashSyn2();
                        b.addDashSyn(ds2 == null ? s.dashSynOf(i) : ds2[i]);
                    }
                    anyBias |= s.biasOf(i) != 0;
                }
            }
        }
        // biases: all H (or O) values, or none when all are zero
        for (int l = 0; l < net.layerCount(); l++) {
            LayerScale s = scales.layer(l);
            for (int i = 0; i < net.layer(l).size(); i++) {
                if (map.isOutput(l) && anyOutBias) {
                    b.addBiasOut(s.biasOf(i));
                } else if (!map.isOutput(l) && anyBias) {
                    b.addBias(s.biasOf(i));
                }
            }
        }
        return b.build();
    }

    /** Integer-domain error of one chip matrix. */
    private static final class ChipAccumulator {
        private double sumSq;
        private double sumSqErr;
        private int nonZero;
        private int maxInt;
        private int clipped;

        void add(double exact, int q, boolean wasClipped) {
            sumSq += exact * exact;
            sumSqErr += (q - exact) * (q - exact);
            nonZero += q != 0 ? 1 : 0;
            maxInt = Math.max(maxInt, Math.abs(q));
            clipped += wasClipped ? 1 : 0;
        }

        ChipMatrixReport report(ChipMatrix m, int shift) {
            return new ChipMatrixReport(m, shift, nonZero, maxInt, sumSq > 0 ? Math.sqrt(sumSqErr / sumSq) : 0, clipped);
        }
    }
}
