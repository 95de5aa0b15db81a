package dev.spikeloop.runtime.train;

import dev.spikeloop.runtime.fp.Loss;
import dev.spikeloop.runtime.fp.LossValue;
import dev.spikeloop.runtime.sim.SpikeRecord;

/**
 * Passes a loss through and keeps the spike record it was evaluated on, so that the trainer gets
 * the simulated spikes (for accuracy and the firing regularisers) from the same simulation that
 * produced the gradient. One instance per sample; not shared between threads.
 */
final class CapturingLoss implements Loss {
    private final Loss inner;
    private SpikeRecord record;

    CapturingLoss(Loss inner) {
        this.inner = inner;
    }

    @Override
    public LossValue evaluate(SpikeRecord spikes, double tEnd) {
        record = spikes;
        return inner.evaluate(spikes, tEnd);
    }

    /** The record of the last evaluation, or null if there was none. */
    SpikeRecord record() {
        return record;
    }
}
