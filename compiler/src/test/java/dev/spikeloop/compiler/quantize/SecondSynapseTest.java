package dev.spikeloop.compiler.quantize;

import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.emulator.xylo.XyloEmulator;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerDetail;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.network.SecondSynapse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A second synaptic time constant compiles onto the chip's second synaptic state by the documented formula. */
class SecondSynapseTest {
    @Test
    void secondSynapseUsesTheSecondStateWithItsOwnDashAndGain() {
        FloatNetwork net = Networks.withSecondSynapse(0.02);
        LayerSpec h = net.layer(0);
        double[][] w2 = h.detail().synapse2().weights();
        Compilation c = NetworkCompiler.compile(net, CompileOptions.defaults());
        ChipConfig cfg = c.config();
        int hid = cfg.getNumHidden();
        assertEquals(2, cfg.getNumSynapses());
        assertEquals(2 * hid, cfg.getDashSynCount());
        assertEquals(2 * 4 * hid, cfg.getWeightsInCount());
        assertEquals(2 * hid * hid, cfg.getWeightsRecCount());
        LayerScale s = c.scales().layer(0);
        int ds2 = Decays.nearestDash(0.02, 0.001, 15);
        assertEquals(ds2, cfg.getDashSyn(1));
        assertEquals(s.dashSynOf(0), cfg.getDashSyn(0));
        double g2 = Decays.gain(ds2, s.dashMemOf(0));
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 4; j++) {
                long expected2 = Rounding.halfAway(Math.scalb(s.scale() * g2 * w2[i][j], -cfg.getWeightShiftIn()));
                long expected1 = Rounding.halfAway(Math.scalb(s.scale() * s.gainOf(i) * h.weights()[i][j],
                        -cfg.getWeightShiftIn()));
                assertEquals(Math.max(-128, Math.min(127, expected2)), cfg.getWeightsIn((j * hid + i) * 2 + 1));
                assertEquals(Math.max(-128, Math.min(127, expected1)), cfg.getWeightsIn((j * hid + i) * 2));
            }
        }
        assertTrue(c.report().matrices().stream().anyMatch(m -> m.name().endsWith("synapse2.weights")),
                c.report().matrices().toString());
        // the emulator runs it, and the second synapse drives the neurons: silencing it changes the activity
        SpikeRaster in = SpikeRaster.fromDense(new int[][] {{1, 1, 1, 1}, {}, {1, 1, 1, 1}});
        long with = new XyloEmulator(cfg).run(in, 60, null).hidden().totalCount();
        ChipConfig.Builder off = cfg.toBuilder();
        for (int k = 1; k < off.getWeightsInCount(); k += 2) {
            off.setWeightsIn(k, 0);
        }
        long without = new XyloEmulator(off.build()).run(in, 60, null).hidden().totalCount();
        assertTrue(with != without, with + " vs " + without);
        // the output layer cannot have one (the chip's output neurons have a single synapse)
        LayerSpec o = net.outputLayer();
        double[] tauOut = {0.02, 0.02};
        var bad = new LayerSpec(o.name(), o.size(), o.tauSyn(), o.tauMem(), o.threshold(), o.weights(), null,
                LayerDetail.PLAIN.withSynapse2(new SecondSynapse(tauOut, o.weights(), null)));
        var problems = dev.spikeloop.compiler.drc.DesignRuleCheck.check(net.inputs(), List.of(net.layer(0), bad),
                CompileOptions.defaults());
        assertTrue(problems.toString().contains("synaptic currents"), problems.toString());
    }
}
