package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.SecondSynapse;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The second synapse's weights are parameters: they follow every layer's own block and precede the
 * thresholds, so a network without one keeps its old vector (saved states still load); a gradient step
 * on the flattened vector moves them.
 */
class ParameterVectorSecondSynapseTest {
    @Test
    void secondSynapseWeightsAreLaidOutAfterTheLayersAndRoundTrip() {
        Random rnd = new Random(8);
        FloatNetwork plain = RandomNetworks.network(rnd, new int[] {4, 6, 3}, true, 0.005, 0.010, 0.04);
        FloatNetwork net = SecondSynapseGradientTest.withSecondSynapse(plain, rnd, 0.002, true);
        ParameterVector v = new ParameterVector(true);
        int old = 6 * 4 + 6 * 6 + 3 * 6 + 2;
        assertEquals(old, v.size(plain));                            // unchanged for networks without one
        assertEquals(old + 6 * 4 + 6 * 6, v.size(net));
        assertEquals(6 * 4 + 6 * 6 + 3 * 6, v.synapse2Offset(net, 0));
        assertEquals(-1, v.synapse2Offset(net, 1));
        assertEquals(v.size(net) - 2, v.thresholdOffset(net, 0));
        assertEquals(v.weightOffset(plain, 1), v.weightOffset(net, 1));
        double[] flat = v.flatten(net);
        SecondSynapse s = net.layer(0).detail().synapse2();
        assertEquals(s.weights()[1][2], flat[v.synapse2Offset(net, 0) + 4 + 2]);
        assertEquals(s.recurrent()[2][3], flat[v.synapse2Offset(net, 0) + 24 + 2 * 6 + 3]);
        assertEquals(net, v.unflatten(net, flat));
        assertArrayEquals(flat, v.flatten(v.unflatten(net, flat)));
    }

    @Test
    void aGradientStepMovesTheSecondSynapse() {
        Random rnd = new Random(21);
        FloatNetwork net = null;
        Gradients g = null;
        for (int trial = 0; trial < 20; trial++) {
            FloatNetwork plain = RandomNetworks.network(rnd, new int[] {4, 6, 3}, true, 0.005, 0.010, 0.04);
            net = SecondSynapseGradientTest.withSecondSynapse(plain, rnd, 0.002, true);
            InputSpikes in = RandomNetworks.input(rnd, 4, 0.04);
            g = new GradientEngine(GradientMode.ADJOINT).simulateAndGradient(net, in, new TtfsLoss(0, 0.004));
            if (ParameterVector.rms(g.weights2().get(0)) > 0) {
                break;
            }
        }
        ParameterVector v = new ParameterVector(false);
        double[] grad = v.flattenGradient(net, g);
        int off = v.synapse2Offset(net, 0);
        assertEquals(g.weights2().get(0)[3][1], grad[off + 3 * 4 + 1]);
        assertEquals(g.recurrent2().get(0)[1][4], grad[off + 24 + 6 + 4]);
        double[] p = v.flatten(net);
        for (int k = 0; k < p.length; k++) {
            p[k] -= 0.1 * grad[k];
        }
        SecondSynapse moved = v.unflatten(net, p).layer(0).detail().synapse2();
        assertNotEquals(java.util.Arrays.deepToString(net.layer(0).detail().synapse2().weights()),
                java.util.Arrays.deepToString(moved.weights()));
        assertArrayEquals(net.layer(0).detail().synapse2().tauSyn(), moved.tauSyn());
        assertTrue(ParameterVector.rms(g.weights2().get(0)) > 0);
        String json = GradientsJson.toJson(new dev.spikeloop.runtime.sim.EventSimulator().simulate(net,
                RandomNetworks.input(new Random(1), 4, 0.04)), g, GradientMode.ADJOINT);
        assertTrue(json.contains("\"gradSynapse2Weights\"") && json.contains("\"gradSynapse2Recurrent\""), json);
    }
}
