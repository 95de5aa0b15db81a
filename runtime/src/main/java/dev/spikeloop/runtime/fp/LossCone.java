package dev.spikeloop.runtime.fp;

import dev.spikeloop.runtime.sim.SpikeRecord;

import java.util.Arrays;

/**
 * The part of a spike record that a loss's gradient can see. Every threshold equation couples a
 * spike only to strictly earlier spikes, so the spikes up to the last output spike with a non-zero
 * {@code dLoss/dF} (the cone's edge) form a closed block of the lower-triangular system: its solution
 * is the full solution restricted to it (forward order), and every later spike gets a zero adjoint
 * (backward order, since nothing later carries a derivative). Solving the block alone therefore gives
 * the same gradient as solving the whole record.
 */
public final class LossCone {
    private LossCone() {
    }

    /**
     * The record cut after the cone's edge: every spike at or before the latest output spike whose
     * derivative is non-zero. The record itself when nothing would be cut.
     */
    public static SpikeRecord cut(SpikeRecord spikes, double[][] dOutputTimes) {
        double[][] out = spikes.outputTimes();
        double edge = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < out.length; i++) {
            for (int k = 0; k < out[i].length; k++) {
                if (dOutputTimes[i][k] != 0) {
                    edge = Math.max(edge, out[i][k]);
                }
            }
        }
        double[][][] times = spikes.times();
        double[][][] slopes = spikes.slopes();
        double[][][] t = new double[times.length][][];
        double[][][] s = new double[times.length][][];
        boolean changed = false;
        for (int p = 0; p < times.length; p++) {
            t[p] = new double[times[p].length][];
            s[p] = new double[times[p].length][];
            for (int i = 0; i < times[p].length; i++) {
                double[] ti = times[p][i];
                int n = ti.length;
                while (n > 0 && !(ti[n - 1] <= edge)) {
                    n--;
                }
                if (n == ti.length) {
                    t[p][i] = ti;
                    s[p][i] = slopes[p][i];
                } else {
                    changed = true;
                    t[p][i] = Arrays.copyOf(ti, n);
                    s[p][i] = Arrays.copyOf(slopes[p][i], n);
                }
            }
        }
        return changed ? new SpikeRecord(t, s) : spikes;
    }
}
