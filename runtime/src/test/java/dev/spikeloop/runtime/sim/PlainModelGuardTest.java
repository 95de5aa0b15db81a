package dev.spikeloop.runtime.sim;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerDetail;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.network.SecondSynapse;
import dev.spikeloop.runtime.fp.GradientEngine;
import dev.spikeloop.runtime.fp.GradientMode;
import dev.spikeloop.runtime.fp.TtfsLoss;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The FP engine and the float simulator refuse, by name, what they do not model yet (second synapses); membrane readouts run. */
class PlainModelGuardTest {
    private static FloatNetwork net(LayerDetail hidden) {
        double[][] w = {{1, 1}, {1, 1}};
        double[][] rec = {{0.5, 0.1}, {0.1, 0.5}};
        return new FloatNetwork(2, 0.02, List.of(
                new LayerSpec("hidden", 2, 0.005, 0.01, 1, w, rec, hidden),
                new LayerSpec("out", 1, 0.005, 0.01, 1, new double[][] {{1, 1}}, null)));
    }

    @Test
    void extendedNetworksAreRefusedWithEveryConstructNamed() {
        SecondSynapse second = new SecondSynapse(new double[] {0.002, 0.002}, new double[][] {{1, 0}, {0, 1}}, null);
        FloatNetwork n = net(new LayerDetail(new double[] {0.005, 0.004}, null, null, new double[] {0.1, 0}, true, true,
                false, second));
        InputSpikes in = InputSpikes.ofTimes(new double[] {0.001}, new double[] {});
        String m = assertThrows(UnsupportedOperationException.class, () -> new EventSimulator().simulate(n, in))
                .getMessage();
        assertTrue(m.startsWith("the float simulator"), m);
        assertTrue(m.contains("layer 0 ('hidden'): a second synapse."), m);
        m = assertThrows(UnsupportedOperationException.class, () -> new GradientEngine(GradientMode.FP)
                .simulateAndGradient(n, in, new TtfsLoss(0, 0.005))).getMessage();
        assertTrue(m.contains("a second synapse"), m);
        FloatNetwork readout = new FloatNetwork(2, 0.02, List.of(net(LayerDetail.PLAIN).layer(0),
                net(LayerDetail.PLAIN).layer(1).withDetail(new LayerDetail(null, null, null, null, false, false, false))));
        // a membrane readout is modelled (MembraneReadout): it runs and never spikes
        assertEquals(0, new EventSimulator().simulate(readout, in).count(1));
    }

    @Test
    void plainNetworksPerNeuronValuesBiasesSelfConnectionsAndInstantSynapsesRun() {
        InputSpikes in = InputSpikes.ofTimes(new double[] {0.001}, new double[] {0.002});
        for (LayerDetail d : List.of(LayerDetail.PLAIN, new LayerDetail(null, null, null, null, true, true, true),
                new LayerDetail(new double[] {0.005, 0.004}, new double[] {0.01, 0.02}, new double[] {1, 0.8},
                        new double[] {0.1, 0}, true, true, false))) {
            FloatNetwork n = net(d);
            new EventSimulator().simulate(n, in);
            new GradientEngine(GradientMode.FP).simulateAndGradient(n, in, new TtfsLoss(0, 0.005));
        }
    }
}
