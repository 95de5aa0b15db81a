package dev.spikeloop.runtime.train;

import dev.spikeloop.network.FloatNetwork;

import java.util.List;

/**
 * What a training run produced: the network of the best epoch (highest validation accuracy; ties
 * keep the earlier epoch; the last epoch when there is no validation set), the network after the
 * last epoch, and the history of every epoch (including epochs done before a resume).
 */
public record TrainingResult(FloatNetwork best, int bestEpoch, double bestValidationAccuracy,
                             FloatNetwork last, List<EpochStats> history) {
    public TrainingResult {
        history = List.copyOf(history);
    }
}
