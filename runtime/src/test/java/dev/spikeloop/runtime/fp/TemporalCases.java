package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerSpec;

import java.util.Arrays;
import java.util.Random;

/**
 * Seeded temporal test cases: recurrent hidden layers with a sparse recurrent mask (a few non-zero
 * weights per neuron, as on the chip) driven by dense input trains, so that neurons spike many times.
 */
final class TemporalCases {
    private TemporalCases() {
    }

    /** One case: a network and an input. */
    record Case(String name, FloatNetwork net, InputSpikes in) {
    }

    /** Keeps {@code keep} non-zero recurrent weights per neuron of every recurrent layer (the rest masked to 0). */
    static FloatNetwork sparseRecurrence(FloatNetwork net, Random rnd, int keep) {
        FloatNetwork out = net.deepCopy();
        for (int p = 0; p < out.layerCount(); p++) {
            LayerSpec l = out.layer(p);
            if (!l.hasRecurrent()) {
                continue;
            }
            double[][] r = l.recurrent();
            for (int i = 0; i < r.length; i++) {
                Integer[] order = new Integer[r.length];
                for (int j = 0; j < order.length; j++) {
                    order[j] = j;
                }
                java.util.Collections.shuffle(Arrays.asList(order), rnd);
                int kept = 0;
                for (int j : order) {
                    if (j == i || kept >= keep) {
                        if (j != i || !l.countsSelfConnections()) {
                            r[i][j] = 0;
                        }
                    } else {
                        r[i][j] *= 2.5;      // fewer but stronger connections
                        kept++;
                    }
                }
            }
        }
        return out;
    }

    /** {@code perChannel} spikes per channel, uniformly in the first 80% of the run. */
    static InputSpikes denseInput(Random rnd, int channels, int perChannel, double tEnd) {
        double[][] t = new double[channels][];
        for (int c = 0; c < channels; c++) {
            t[c] = new double[perChannel / 2 + rnd.nextInt(perChannel)];
            for (int k = 0; k < t[c].length; k++) {
                t[c][k] = rnd.nextDouble() * 0.8 * tEnd;
            }
            Arrays.sort(t[c]);
        }
        return new InputSpikes(t);
    }

    /**
     * The cases: sparse recurrent 4-16-3 networks at {@code tauMem = 2 tauSyn} (the closed-form crossing), at
     * another ratio (root search), with equal time constants, with nearly equal ones, and with per-neuron time
     * constants, thresholds, biases and self-connections; and a feed-forward 5-12-3 network.
     */
    static Case[] cases(long seed) {
        Random rnd = new Random(seed);
        double tEnd = 0.12;
        Case[] out = new Case[6];
        double[][] taus = {{0.002, 0.004}, {0.0015, 0.0045}, {0.003, 0.003}, {0.003, 0.003 * (1 + 1e-7)}};
        String[] names = {"tauMem=2tauSyn", "tauMem=3tauSyn", "equal taus", "nearly equal taus"};
        for (int c = 0; c < 4; c++) {
            FloatNetwork net = sparseRecurrence(RandomNetworks.network(rnd, new int[] {4, 16, 3}, true, taus[c][0],
                    taus[c][1], tEnd), rnd, 4);
            out[c] = new Case(names[c], net, denseInput(rnd, 4, 16, tEnd));
        }
        FloatNetwork base = RandomNetworks.network(rnd, new int[] {4, 16, 3}, true, 0.002, 0.004, tEnd);
        FloatNetwork perNeuron = sparseRecurrence(PerNeuronModelTest.perNeuron(base, rnd, true), rnd, 4);
        out[4] = new Case("per-neuron values, bias, self-connections", perNeuron, denseInput(rnd, 4, 16, tEnd));
        out[5] = new Case("feed-forward", RandomNetworks.network(rnd, new int[] {5, 12, 3}, false, 0.002, 0.004, tEnd),
                denseInput(rnd, 5, 12, tEnd));
        return out;
    }
}
