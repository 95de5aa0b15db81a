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
        this.weightsIn = new int[map.inputs() * hidden];
        this.weightsRec = new int[hidden * hidden];
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
            LayerScale s = new LayerScale(s0.dashSyn(), s0.dashMem(), s0.gain(), s0.scale(), threshold, s0.pspRatio());
            layerScales.add(s);

            ChipMatrix ffMatrix = map.feedForwardMatrix(l);
            double[][] wq = new double[layer.size()][];
            matrixReports.add(quantizeMatrix(l, layer, false, ffMatrix, given.shift(ffMatrix), s, wq));
            double[][] rq = null;
            if (layer.recurrent() != null) {
                rq = new double[layer.size()][];
                matrixReports.add(quantizeMatrix(l, layer, true, ChipMatrix.REC, given.shiftRec(), s, rq));
            }
            double tauSynChip = Decays.tau(s.dashSyn(), options.dt());
            double tauMemChip = Decays.tau(s.dashMem(), options.dt());
            double thresholdChip = threshold / s.scale();
            layerReports.add(new LayerReport(layer.name(), map.placement(l), layer.tauSyn(), s.dashSyn(), tauSynChip,
                    layer.tauMem(), s.dashMem(), tauMemChip, layer.threshold(), threshold,
                    (thresholdChip - layer.threshold()) / layer.threshold(), s.scale(), s.gain()));
            // with PSP peak matching the chip realises pspRatio times the weights under its own time constants
            equivalent.add(new LayerSpec(layer.name(), layer.size(), tauSynChip, tauMemChip, thresholdChip,
                    scaled(wq, s.pspRatio()), scaled(rq, s.pspRatio())));
            if (th < 1 || th > profile.stateMax()) {
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
            DtAdvisor.Suggestion s = DtAdvisor.suggest(net, Math.max(options.dt(), CompileOptions.DEFAULT_DT),
                    profile.maxDash());
            if (s.maxError() < worst / 2) {
                notes.add(String.format(Locale.ROOT, "dt = %.4g s would realise every time constant within %.0f%%"
                        + " (now %.0f%%; --dt auto picks it)", s.dt(), 100 * s.maxError(), 100 * worst));
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
        double[][] w = recurrent ? layer.recurrent() : layer.weights();
        double factor = Math.scalb(s.scale() * s.gain(), -shift);
        double step = 1.0 / factor;
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
            for (int j = 0; j < w[i].length; j++) {
                if (recurrent && i == j) {
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
                store(l, recurrent, i, j, q);
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
        return new MatrixReport(layer.name(), recurrent ? "recurrent" : "weights", matrix, shift, entries, maxW, maxInt,
                rel, maxErr, clipped, zeroed);
    }

    /** Puts integer weight q (to neuron i of layer l from j) at its place in the flat chip arrays. */
    private void store(int l, boolean recurrent, int i, int j, int q) {
        if (map.isOutput(l)) {
            int pre = map.offset(l - 1) + j;
            weightsOut[pre * map.outputs() + i] = q;
        } else if (recurrent) {
            int off = map.offset(l);
            weightsRec[(off + j) * hidden + off + i] = q;
        } else if (l == 0) {
            weightsIn[j * hidden + map.offset(0) + i] = q;
        } else {
            weightsRec[(map.offset(l - 1) + j) * hidden + map.offset(l) + i] = q;
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
                .setNumSynapses(1)
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
        for (int l = 0; l < net.layerCount(); l++) {
            LayerScale s = scales.layer(l);
            for (int i = 0; i < net.layer(l).size(); i++) {
                if (map.isOutput(l)) {
                    b.addDashMemOut(s.dashMem()).addDashSynOut(s.dashSyn()).addThresholdOut(s.threshold());
                } else {
                    b.addDashMem(s.dashMem()).addDashSyn(s.dashSyn()).addThreshold(s.threshold());
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
