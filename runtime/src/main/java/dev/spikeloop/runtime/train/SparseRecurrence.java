package dev.spikeloop.runtime.train;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;

import java.util.SplittableRandom;

/**
 * Gives every hidden layer a fixed sparse recurrent matrix: each neuron receives from
 * {@code perNeuron} distinct other neurons of its layer, chosen by the seed, with weights
 * {@code gain * rms * z}, {@code z ~ N(0,1)}, {@code rms} the RMS of the layer's feed-forward
 * weights. The zeros are the mask: the {@link Trainer} keeps recurrent entries that start at exactly 0
 * at 0, so the connection count (and with it a chip profile's fan-out) never grows in training.
 */
public final class SparseRecurrence {
    private SparseRecurrence() {
    }

    /**
     * {@code net} with the recurrent matrices added (hidden layers only; the output layer stays
     * feed-forward).
     *
     * @throws IllegalArgumentException if {@code perNeuron} is negative or not below a layer's size
     */
    public static FloatNetwork add(FloatNetwork net, int perNeuron, double gain, long seed) {
        if (perNeuron == 0) {
            return net;
        }
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x5DEECE66DL);
        FloatNetwork out = net;
        for (int l = 0; l < net.layerCount() - 1; l++) {
            LayerSpec layer = net.layer(l);
            int n = layer.size();
            if (perNeuron < 0 || perNeuron >= n) {
                throw new IllegalArgumentException("--recurrent " + perNeuron + ": each neuron of hidden layer " + l
                        + " can receive from 1.." + (n - 1) + " others of its " + n);
            }
            double sum = 0;
            int count = 0;
            for (double[] row : layer.weights()) {
                for (double w : row) {
                    sum += w * w;
                    count++;
                }
            }
            double rms = Math.sqrt(sum / Math.max(1, count));
            double[][] rec = new double[n][n];
            for (int i = 0; i < n; i++) {
                int placed = 0;
                while (placed < perNeuron) {
                    int j = rnd.nextInt(n);
                    if (j != i && rec[i][j] == 0) {
                        double w = gain * rms * gaussian(rnd);
                        rec[i][j] = w == 0 ? Double.MIN_NORMAL : w;   // exactly 0 would leave the mask
                        placed++;
                    }
                }
            }
            out = out.withLayer(l, layer.withWeights(layer.weights(), rec));
        }
        return out;
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }
}
