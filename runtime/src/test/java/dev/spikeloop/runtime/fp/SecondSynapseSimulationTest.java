package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerDetail;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.network.SecondSynapse;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.LifKernel;
import dev.spikeloop.runtime.sim.SpikeRecord;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The float simulator with a second synapse: exact crossings (the membrane written out from every
 * spike is at the threshold at each spike and below it everywhere else on a fine grid), and the same
 * spikes as one synapse when the two synaptic time constants are equal.
 */
class SecondSynapseSimulationTest {

    @Test
    void equalSynapticTimeConstantsGiveTheSpikesOfTheSummedWeights() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 5; trial++) {
            FloatNetwork plain = RandomNetworks.network(rnd, new int[] {4, 6, 3}, true, 0.005, 0.010, 0.04);
            LayerSpec h = plain.layer(0);
            double[][] w2 = new double[6][4];
            double[][] r2 = new double[6][6];
            double[][] wSum = new double[6][];
            double[][] rSum = new double[6][];
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 4; j++) {
                    w2[i][j] = 0.4 * h.threshold() * (rnd.nextDouble() - 0.4);
                }
                for (int j = 0; j < 6; j++) {
                    r2[i][j] = i == j ? 0 : 0.3 * h.threshold() * (rnd.nextDouble() - 0.5);
                }
                wSum[i] = h.weights()[i].clone();
                rSum[i] = h.recurrent()[i].clone();
                for (int j = 0; j < 4; j++) {
                    wSum[i][j] += w2[i][j];
                }
                for (int j = 0; j < 6; j++) {
                    rSum[i][j] += r2[i][j];
                }
            }
            double[] ts = new double[6];
            java.util.Arrays.fill(ts, h.tauSyn());
            FloatNetwork two = plain.withLayer(0, h.withDetail(LayerDetail.PLAIN.withSynapse2(new SecondSynapse(ts, w2, r2))));
            FloatNetwork one = plain.withLayer(0, h.withWeights(wSum, rSum));
            InputSpikes in = RandomNetworks.input(rnd, 4, 0.04);
            SpikeRecord a = new EventSimulator().simulate(one, in);
            SpikeRecord b = new EventSimulator(false, EventSimulator.DEFAULT_MAX_SPIKES_PER_NEURON).simulate(two, in);
            for (int p = 0; p < 2; p++) {
                for (int i = 0; i < a.times()[p].length; i++) {
                    assertEquals(a.times()[p][i].length, b.times()[p][i].length, "layer " + p + " neuron " + i);
                    for (int k = 0; k < a.times()[p][i].length; k++) {
                        assertEquals(a.times()[p][i][k], b.times()[p][i][k], 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void crossingsAreExactWithTwoSynapticTimeConstants() {
        Random rnd = new Random(29);
        int spikes = 0;
        int multi = 0;
        for (int trial = 0; trial < 6; trial++) {
            FloatNetwork plain = RandomNetworks.network(rnd, new int[] {4, 6, 3}, trial % 2 == 0, 0.005, 0.010, 0.04);
            FloatNetwork net = SecondSynapseGradientTest.withSecondSynapse(plain, rnd, 0.002, trial % 2 == 0);
            LayerSpec h = net.layer(0);
            net = net.withLayer(0, h.withDetail(h.detail().withBias(new double[] {0, 0.2, -0.3, 0, 0.1, 0})));
            InputSpikes in = RandomNetworks.input(rnd, 4, 0.04);
            SpikeRecord r = new EventSimulator().simulate(net, in);
            h = net.layer(0);
            for (int i = 0; i < h.size(); i++) {
                double theta = h.thresholdOf(i);
                for (double f : r.times()[0][i]) {
                    assertEquals(theta, membrane(h, in.times(), r.times()[0], i, f), 1e-9 * theta, "spike at " + f);
                    spikes++;
                }
                multi += r.times()[0][i].length >= 2 ? 1 : 0;
                for (int g = 1; g < 20000; g++) {
                    double t = net.tEnd() * g / 20000;
                    double v = membrane(h, in.times(), r.times()[0], i, t);
                    assertTrue(v < theta + 1e-9, "neuron " + i + " is above its threshold at " + t + " (" + v + ")");
                }
            }
        }
        assertTrue(spikes > 20, "only " + spikes + " spikes");
        assertTrue(multi > 3, "too few neurons fire more than once");
    }

    /**
     * Neuron {@code i}'s membrane just before {@code t}, written out from every earlier spike: both kernels
     * of the feed-forward and recurrent inputs, the resets and the bias.
     */
    private static double membrane(LayerSpec h, double[][] pre, double[][] own, int i, double t) {
        double tm = h.tauMemOf(i);
        LifKernel k1 = new LifKernel(h.tauSynOf(i), tm);
        SecondSynapse s2 = h.detail().synapse2();
        LifKernel k2 = new LifKernel(s2.tauSyn()[i], tm);
        double v = h.biasOf(i) * -Math.expm1(-t / tm);
        for (int j = 0; j < pre.length; j++) {
            for (double g : pre[j]) {
                if (g < t) {
                    v += h.weights()[i][j] * k1.k(t - g) + s2.weights()[i][j] * k2.k(t - g);
                }
            }
        }
        for (int j = 0; j < own.length; j++) {
            for (double g : own[j]) {
                if (g >= t) {
                    continue;
                }
                if (j == i) {
                    v -= h.thresholdOf(i) * Math.exp(-(t - g) / tm);
                } else if (h.hasRecurrent()) {
                    v += h.recurrent()[i][j] * k1.k(t - g)
                            + (s2.recurrent() != null ? s2.recurrent()[i][j] * k2.k(t - g) : 0);
                }
            }
        }
        return v;
    }
}
