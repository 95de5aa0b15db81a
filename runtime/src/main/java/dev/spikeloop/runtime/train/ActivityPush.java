package dev.spikeloop.runtime.train;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.runtime.fp.ParameterVector;
import dev.spikeloop.runtime.sim.SpikeRecord;

/**
 * The one activity-push rule of training and fine-tuning: gradient terms that keep neurons firing
 * where the exact spike-time gradient cannot (a neuron without a spike has none). Goltz et al.'s
 * "weight bumping", as a gradient term with a tolerance for sparse hidden activity.
 *
 * <ul>
 *   <li>silent push: every output must fire (the wrong ones late); silencing the wrong outputs is
 *       where the ttfs loss drifts when nothing stops it. A silent output's incoming weights get
 *       {@code -silent * u_j}, {@code u} the unit vector of its inputs' spike counts;</li>
 *   <li>dead push: when more than {@link #MAX_SILENT_HIDDEN} of a hidden layer is silent in a sample,
 *       each of its silent neurons gets {@code -dead * u_j} in the same way.</li>
 * </ul>
 *
 * @param silent push on a silent output (0 = off)
 * @param dead   push on the silent neurons of a mostly silent hidden layer (0 = off)
 */
public record ActivityPush(double silent, double dead) {
    /** Fraction of a hidden layer that may be silent in a sample before the dead push acts. */
    public static final double MAX_SILENT_HIDDEN = 0.3;

    /** Spikes per neuron of every layer of {@code record} ({@code [layer][neuron]}). */
    public static int[][] counts(SpikeRecord record, FloatNetwork net) {
        int[][] counts = new int[net.layerCount()][];
        for (int l = 0; l < counts.length; l++) {
            counts[l] = new int[net.layer(l).size()];
            for (int i = 0; i < counts[l].length; i++) {
                counts[l][i] = record.times(l, i).length;
            }
        }
        return counts;
    }

    /**
     * Adds both pushes to {@code grad} (a {@link ParameterVector} gradient of {@code net}).
     *
     * @param counts      spikes per neuron, {@code [layer][neuron]}, where the gradient was taken
     * @param inputCounts spikes per input channel of the sample
     */
    public void addTo(double[] grad, FloatNetwork net, ParameterVector vector, int[][] counts, double[] inputCounts) {
        int last = net.layerCount() - 1;
        if (dead > 0) {
            for (int l = 0; l < last; l++) {
                int silentCount = 0;
                for (int c : counts[l]) {
                    silentCount += c == 0 ? 1 : 0;
                }
                if (silentCount > MAX_SILENT_HIDDEN * counts[l].length) {
                    pushSilent(grad, net, vector, counts, inputCounts, l, dead);
                }
            }
        }
        if (silent > 0 && net.outputLayer().isSpiking()) {   // a membrane readout never fires: nothing to push
            pushSilent(grad, net, vector, counts, inputCounts, last, silent);
        }
    }

    /** {@code -push * u_j} on the incoming weights of each silent neuron of {@code layer}. */
    private static void pushSilent(double[] grad, FloatNetwork net, ParameterVector vector, int[][] counts,
                                   double[] inputCounts, int layer, double push) {
        double[] pre = unit(presynaptic(inputCounts, counts, layer));
        int fanIn = net.fanIn(layer);
        int base = vector.weightOffset(net, layer);
        for (int i = 0; i < counts[layer].length; i++) {
            if (counts[layer][i] == 0) {
                int off = base + i * fanIn;
                for (int j = 0; j < fanIn; j++) {
                    grad[off + j] -= push * pre[j];
                }
            }
        }
    }

    private static double[] presynaptic(double[] inputCounts, int[][] counts, int layer) {
        if (layer == 0) {
            return inputCounts.clone();
        }
        double[] c = new double[counts[layer - 1].length];
        for (int j = 0; j < c.length; j++) {
            c[j] = counts[layer - 1][j];
        }
        return c;
    }

    /** {@code v} scaled to unit L2 norm (unchanged if zero), so that a push has the size its option says. */
    private static double[] unit(double[] v) {
        double n = 0;
        for (double x : v) {
            n += x * x;
        }
        if (n > 0) {
            n = Math.sqrt(n);
            for (int k = 0; k < v.length; k++) {
                v[k] /= n;
            }
        }
        return v;
    }
}
