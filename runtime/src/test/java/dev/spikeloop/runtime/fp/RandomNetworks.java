package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Random networks and inputs for gradient tests; weights are scaled so that most neurons fire a few times. */
final class RandomNetworks {
    private RandomNetworks() {
    }

    /**
     * @param sizes     inputs, then every layer size (the last is the output layer)
     * @param recurrent give every hidden layer a recurrent matrix
     */
    static FloatNetwork network(Random rnd, int[] sizes, boolean recurrent, double tauSyn, double tauMem,
                                double tEnd) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int p = 1; p < sizes.length; p++) {
            int fanIn = sizes[p - 1];
            int size = sizes[p];
            double scale = 4.0 / Math.sqrt(fanIn);
            double[][] w = new double[size][fanIn];
            for (double[] row : w) {
                for (int j = 0; j < fanIn; j++) {
                    row[j] = scale * (rnd.nextDouble() * 1.6 - 0.3);
                }
            }
            double[][] rec = null;
            if (recurrent && p < sizes.length - 1) {
                rec = new double[size][size];
                for (int i = 0; i < size; i++) {
                    for (int j = 0; j < size; j++) {
                        rec[i][j] = i == j ? 0 : 1.5 / Math.sqrt(size) * (rnd.nextDouble() - 0.5);
                    }
                }
            }
            double threshold = 0.5 + rnd.nextDouble();
            for (double[] row : w) {
                for (int j = 0; j < fanIn; j++) {
                    row[j] *= threshold;
                }
            }
            layers.add(new LayerSpec("l" + p, size, tauSyn, tauMem, threshold, w, rec));
        }
        return new FloatNetwork(sizes[0], tEnd, layers);
    }

    /** One to three spikes per channel in the first 60% of the run. */
    static InputSpikes input(Random rnd, int channels, double tEnd) {
        double[][] t = new double[channels][];
        for (int c = 0; c < channels; c++) {
            t[c] = new double[1 + rnd.nextInt(3)];
            for (int k = 0; k < t[c].length; k++) {
                t[c][k] = rnd.nextDouble() * 0.6 * tEnd;
            }
            Arrays.sort(t[c]);
        }
        return new InputSpikes(t);
    }

    /** {@code perChannel} spikes on each of {@code channels} inputs, uniform in {@code [0, 0.8 tEnd)}. */
    static InputSpikes input(Random rnd, int channels, int perChannel, double tEnd) {
        double[][] t = new double[channels][perChannel];
        for (double[] c : t) {
            for (int k = 0; k < perChannel; k++) {
                c[k] = rnd.nextDouble() * 0.8 * tEnd;
            }
            Arrays.sort(c);
        }
        return new InputSpikes(t);
    }
}
