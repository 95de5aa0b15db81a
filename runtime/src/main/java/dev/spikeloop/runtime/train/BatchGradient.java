package dev.spikeloop.runtime.train;

import dev.spikeloop.runtime.fp.GuardCounts;
import dev.spikeloop.runtime.fp.ParameterVector;

/**
 * The gradient of one mini-batch and what was seen while computing it.
 *
 * @param gradient       mean gradient over the samples that gave one, in {@link ParameterVector} order;
 *                       always finite (null in a sum of batches' statistics, {@link #plus})
 * @param lossSum        sum of the samples' losses (finite ones)
 * @param correct        samples classified correctly by the spikes the gradient was taken at
 * @param samples        samples in the batch
 * @param guards         guards the FP engine needed at device spike times (clamped slopes, dropped spikes)
 * @param skippedSamples samples whose gradient was not finite and was left out (never expected; counted
 *                       so that it shows rather than poisoning the weights)
 * @param outsideWindow  device spikes whose time fell outside the model's {@code [0, tEnd)}
 */
public record BatchGradient(double[] gradient, double lossSum, int correct, int samples, GuardCounts guards,
                            int skippedSamples, int outsideWindow) {

    /** The statistics of this batch and {@code other} together (the gradient is not added: null). */
    public BatchGradient plus(BatchGradient other) {
        return new BatchGradient(null, lossSum + other.lossSum, correct + other.correct, samples + other.samples,
                guards.plus(other.guards), skippedSamples + other.skippedSamples, outsideWindow + other.outsideWindow);
    }

    /** No samples yet. */
    public static BatchGradient none() {
        return new BatchGradient(null, 0, 0, 0, GuardCounts.NONE, 0, 0);
    }
}
