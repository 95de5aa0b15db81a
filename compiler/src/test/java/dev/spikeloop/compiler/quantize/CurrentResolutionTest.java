package dev.spikeloop.compiler.quantize;

import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.network.FloatNetwork;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scale chooser keeps each synapse's largest integer current at 8 x 2^dash_syn or more
 * ({@link CurrentResolution}), where the 16-bit threshold allows, and notes the layer where it does not.
 */
class CurrentResolutionTest {
    /** Largest |w_int << shift| / 2^dash_syn of synapse {@code syn} over the hidden neurons' input weights. */
    private static double inputRatio(ChipConfig cfg, int syn) {
        int hid = cfg.getNumHidden();
        double k = 0;
        for (int j = 0; j < cfg.getNumInputs(); j++) {
            for (int i = 0; i < hid; i++) {
                int w = cfg.getWeightsIn((j * hid + i) * 2 + syn);
                k = Math.max(k, Math.abs(Math.scalb((double) w, cfg.getWeightShiftIn() - cfg.getDashSyn(i * 2 + syn))));
            }
        }
        return k;
    }

    @Test
    void aShortStepRaisesTheScaleUntilBothSynapsesResolveTheirDecay() {
        // at 0.1 ms the default scale (threshold 4096) gave the 20 ms synapse (dash 8) currents of a fraction of 2^8
        Compilation c = NetworkCompiler.compile(Networks.withSecondSynapse(0.005), CompileOptions.defaults().withDt(1e-4));
        LayerScale s = c.scales().layer(0);
        assertTrue(s.threshold() > 4096, "threshold " + s.threshold());
        double k1 = inputRatio(c.config(), 0);
        double k2 = inputRatio(c.config(), 1);
        // input and recurrent weights share the target; either one reaches it, and each is at least near it
        assertTrue(Math.max(k1, k2) >= 0.95 * CurrentResolution.TARGET_RATIO || s.threshold() == 32767, k1 + " / " + k2);
        assertTrue(c.report().notes().stream().noneMatch(n -> n.contains("coarse")), c.report().notes().toString());
    }

    @Test
    void whereTheThresholdLimitStopsItTheReportSaysSo() {
        Compilation c = NetworkCompiler.compile(Networks.withSecondSynapse(0.05), CompileOptions.defaults().withDt(1e-4));
        assertEquals(32767, c.scales().layer(0).threshold());
        assertTrue(inputRatio(c.config(), 1) < CurrentResolution.NOTE_RATIO);
        assertTrue(c.report().notes().stream().anyMatch(n -> n.startsWith("layer 'h0': the second synaptic current is"
                + " coarse against its decay")), c.report().notes().toString());
    }

    @Test
    void layersWhoseCurrentsAreFineKeepTheDefaultScale() {
        // at 1 ms the dashes are small (2, 3) and one weight's current is many times 2^dash
        FloatNetwork net = Networks.withSecondSynapse(0.005);
        Compilation c = NetworkCompiler.compile(net, CompileOptions.defaults());
        assertEquals(4096, c.scales().layer(0).threshold());
        assertEquals(4096, c.scales().layer(1).threshold());
        assertTrue(inputRatio(c.config(), 0) >= CurrentResolution.TARGET_RATIO);
    }
}
