package dev.spikeloop.runtime.train;

/**
 * Figures of one training epoch (0-based {@code epoch}): the learning rate used, mean loss and
 * accuracy over the training samples (measured while training, before each batch's update) and on
 * the validation set after the epoch (NaN when there is none), and the wall time in seconds.
 */
public record EpochStats(int epoch, double learningRate, double trainLoss, double trainAccuracy,
                         double validationLoss, double validationAccuracy, double seconds) {
}
