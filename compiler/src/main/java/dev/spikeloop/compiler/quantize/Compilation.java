package dev.spikeloop.compiler.quantize;

import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of compiling a float network.
 *
 * @param config          the chip configuration (valid for its profile)
 * @param report          what was lost
 * @param scales          every scale and shift used; pass this compilation to
 *                        {@link NetworkCompiler#requantize} to quantise updated weights the same way
 * @param mapping         where each layer lives on the chip
 * @param options         the options used
 * @param chipEquivalent  the float network the configuration stands for: the chip's time constants,
 *                        thresholds {@code thresholdInt / scale} and the rounded weights in float
 *                        units (recurrent diagonals 0). Simulating it in float time separates the
 *                        quantisation error from the time-step error.
 */
public record Compilation(ChipConfig config, CompilationReport report, QuantizationScales scales,
                          ChipMapping mapping, CompileOptions options, FloatNetwork chipEquivalent) {

    /**
     * The float network the chip stands for when it runs {@code net}'s weights quantised with these
     * scales, before rounding: the chip's time constants, {@code net}'s thresholds, and {@code net}'s
     * weights times each layer's {@link LayerScale#pspRatio()} (1 unless
     * {@link CompileOptions#matchPsp()}). For gradients of chip-in-the-loop training on unrounded
     * shadow weights; {@link #chipEquivalent()} is the same for the rounded weights.
     *
     * @throws IllegalArgumentException when {@code net} does not have the compiled shape
     */
    public FloatNetwork chipForm(FloatNetwork net) {
        return chipFormOf(net);
    }

    /** This compilation with another report (more notes). */
    public Compilation withReport(CompilationReport newReport) {
        return new Compilation(config, newReport, scales, mapping, options, chipEquivalent);
    }

    private FloatNetwork chipFormOf(FloatNetwork net) {
        mapping.requireSameShape(net);
        List<LayerSpec> layers = new ArrayList<>();
        for (int l = 0; l < net.layerCount(); l++) {
            LayerSpec a = net.layer(l);
            LayerSpec c = chipEquivalent.layer(l);
            LayerScale s = scales.layer(l);
            if (s.neurons() != null || !a.isPlain()) {
                // per-neuron values: the chip's time constants and biases per neuron, net's thresholds and weights
                double[][] w = new double[a.size()][];
                double[][] r = a.recurrent() == null ? null : new double[a.size()][];
                for (int i = 0; i < a.size(); i++) {
                    w[i] = times(new double[][] {a.weights()[i]}, s.pspRatioOf(i))[0];
                    if (r != null) {
                        r[i] = times(new double[][] {a.recurrent()[i]}, s.pspRatioOf(i))[0];
                    }
                }
                var s2 = a.detail().synapse2() == null ? null : new dev.spikeloop.network.SecondSynapse(
                        c.detail().synapse2().tauSyn(), a.detail().synapse2().weights(), a.detail().synapse2().recurrent());
                var d = new dev.spikeloop.network.LayerDetail(c.detail().tauSyn(), c.detail().tauMem(),
                        a.detail().threshold(), c.detail().bias(), a.countsSelfConnections(), a.isSpiking(), false, s2,
                        a.detail().maxScore(),
                        a.detail().readoutWindows());
                layers.add(new LayerSpec(a.name(), a.size(), c.tauSyn(), c.tauMem(), a.threshold(), w, r, d));
                continue;
            }
            double f = s.pspRatio();
            layers.add(new LayerSpec(a.name(), a.size(), c.tauSyn(), c.tauMem(), a.threshold(),
                    times(a.weights(), f), times(a.recurrent(), f)));
        }
        return new FloatNetwork(net.inputs(), net.tEnd(), layers);
    }

    private static double[][] times(double[][] m, double f) {
        if (m == null || f == 1.0) {
            return m;
        }
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] *= f;
            }
        }
        return out;
    }
}
