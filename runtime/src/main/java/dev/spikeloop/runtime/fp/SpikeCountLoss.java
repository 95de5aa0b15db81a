package dev.spikeloop.runtime.fp;

import dev.spikeloop.runtime.sim.SpikeRecord;

/**
 * Squared error between the number of spikes of each output neuron and a target count,
 * {@code loss = 1/2 sum_i (n_i - target_i)^2}.
 *
 * <p>Spike counts are piecewise constant in the weights: wherever the exact gradient exists (the
 * spike count is locally constant, see fp-lif-model.md) it is zero, so this loss supplies zero
 * derivatives. It is useful for monitoring and as a term next to time-based losses, not to train
 * on its own.
 */
public final class SpikeCountLoss implements Loss {
    private final double[] targets;

    /** {@code targets[i]}: the wanted spike count of output neuron {@code i} (finite, >= 0). */
    public SpikeCountLoss(double[] targets) {
        if (targets == null) {
            throw new IllegalArgumentException("spike-count loss: targets are required");
        }
        for (int i = 0; i < targets.length; i++) {
            if (!Double.isFinite(targets[i]) || targets[i] < 0) {
                throw new IllegalArgumentException("spike-count loss: target of output neuron " + i
                        + " must be a finite number >= 0, got " + targets[i]);
            }
        }
        this.targets = targets.clone();
    }

    @Override
    public LossValue evaluate(SpikeRecord spikes, double tEnd) {
        double[][] out = spikes.outputTimes();
        if (out.length != targets.length) {
            throw new IllegalArgumentException("spike-count loss: " + targets.length + " targets but the output"
                    + " layer has " + out.length + " neurons");
        }
        double value = 0;
        double[][] d = new double[out.length][];
        for (int i = 0; i < out.length; i++) {
            double diff = out[i].length - targets[i];
            value += 0.5 * diff * diff;
            d[i] = new double[out[i].length];
        }
        return new LossValue(value, d);
    }
}
