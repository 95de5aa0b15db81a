package dev.spikeloop.runtime.loop;

import dev.spikeloop.runtime.train.Evaluation;

/**
 * A data set scored on a device: the classification and the mean ttfs loss of the device's output
 * spike times.
 */
public record DeviceScore(Evaluation evaluation, double loss) {
    /** Fraction classified correctly. */
    public double accuracy() {
        return evaluation.accuracy();
    }
}
