package dev.spikeloop.compiler.probe;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerDetail;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.network.SecondSynapse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reset note recommends fine-tuning in the loop exactly where the FP engine models the network:
 * per-neuron values, biases, self-connections and a membrane readout yes; a second synapse no.
 */
class ResetProbeFineTunableTest {
    private static FloatNetwork net(LayerDetail hidden, LayerDetail out) {
        return new FloatNetwork(2, 0.02, List.of(
                new LayerSpec("h", 2, 0.005, 0.01, 1, new double[][] {{1, 1}, {1, 1}},
                        new double[][] {{0.5, 0.1}, {0.1, 0.5}}, hidden),
                new LayerSpec("o", 1, 0.005, 0.01, 1, new double[][] {{1, 1}}, null, out)));
    }

    @Test
    void fineTunableFollowsWhatTheFpEngineModels() {
        LayerDetail perNeuron = new LayerDetail(new double[] {0.005, 0.004}, new double[] {0.01, 0.02},
                new double[] {1, 0.8}, new double[] {0.2, -0.1}, true, true, false);
        assertTrue(ResetProbe.fineTunable(net(LayerDetail.PLAIN, LayerDetail.PLAIN)));
        assertTrue(ResetProbe.fineTunable(net(perNeuron, new LayerDetail(null, null, null, new double[] {0.3}, false,
                true, false))));
        LayerDetail second = perNeuron.withSynapse2(new SecondSynapse(new double[] {0.002, 0.002},
                new double[][] {{1, 0}, {0, 1}}, null));
        assertTrue(ResetProbe.fineTunable(net(second, LayerDetail.PLAIN)));   // modelled since issue 17
        // a membrane readout fed by a hidden layer is modelled (finetune --loss membrane)
        assertTrue(ResetProbe.fineTunable(net(LayerDetail.PLAIN, new LayerDetail(null, null, null, null, false, false,
                false))));
    }
}
