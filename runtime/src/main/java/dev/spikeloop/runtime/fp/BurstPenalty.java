package dev.spikeloop.runtime.fp;

import dev.spikeloop.runtime.sim.SpikeRecord;

/**
 * Activity regulariser against saturation: a loss on hidden neurons that fire in bursts faster than
 * the chip can represent. For consecutive spikes {@code a < b} of one hidden neuron with interval
 * {@code d = b - a} below the minimum interval {@code dMin},
 * {@code mu * ((dMin - d)/dMin)^2} is added; its exact derivatives push the two spikes apart.
 *
 * <p>Why an interval: counts are locally constant (no gradient), but a neuron close to the chip's
 * per-step cap (31 spikes in one step, Xylo) fires at intervals far below the step, and the interval
 * is a function of spike times. With {@code dMin} = the chip's step the penalty keeps hidden neurons
 * below one spike per step, far from the cap, where rounding to the grid keeps every spike.
 * The output layer is left to the task loss.
 */
public final class BurstPenalty {
    private final double mu;
    private final double minInterval;

    /**
     * @param mu          weight (>= 0)
     * @param minInterval {@code dMin}, seconds (> 0)
     */
    public BurstPenalty(double mu, double minInterval) {
        if (!(mu >= 0) || !Double.isFinite(mu)) {
            throw new IllegalArgumentException("burst penalty: mu must be a finite number >= 0, got " + mu);
        }
        if (!(minInterval > 0) || !Double.isFinite(minInterval)) {
            throw new IllegalArgumentException("burst penalty: the minimum interval must be a finite number > 0 "
                    + "seconds, got " + minInterval);
        }
        this.mu = mu;
        this.minInterval = minInterval;
    }

    /**
     * Adds the penalty of the hidden layers of {@code spikes} to {@code dTimes} (shaped like the record)
     * and returns its value.
     */
    public double addTo(SpikeRecord spikes, double[][][] dTimes) {
        double value = 0;
        if (mu == 0) {
            return 0;
        }
        for (int l = 0; l < spikes.layers() - 1; l++) {
            for (int i = 0; i < dTimes[l].length; i++) {
                double[] t = spikes.times(l, i);
                for (int k = 1; k < t.length; k++) {
                    double x = (minInterval - (t[k] - t[k - 1])) / minInterval;
                    if (x > 0) {
                        value += mu * x * x;
                        double g = 2 * mu * x / minInterval;   // d/d t[k] of mu x^2 is -g, d/d t[k-1] is +g
                        dTimes[l][i][k] -= g;
                        dTimes[l][i][k - 1] += g;
                    }
                }
            }
        }
        return value;
    }
}
