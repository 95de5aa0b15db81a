package dev.spikeloop.runtime.loop;

import dev.spikeloop.runtime.fp.GuardCounts;
import dev.spikeloop.runtime.train.EpochStats;

/**
 * Figures of one fine-tuning epoch.
 *
 * @param stats          loss and accuracy: training figures as measured on the batches before their
 *                       update, validation on the device after the epoch
 * @param guards         FP-engine guards at device spike times over the epoch
 * @param flashes        configurations written to the device during the epoch (only changed ones are)
 * @param skippedSamples samples whose gradient was not finite and was left out
 * @param outsideWindow  device spikes outside the model's time window
 */
public record FineTuneEpoch(EpochStats stats, GuardCounts guards, int flashes, int skippedSamples, int outsideWindow) {
}
