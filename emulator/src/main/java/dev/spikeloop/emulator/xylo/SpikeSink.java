package dev.spikeloop.emulator.xylo;

import dev.spikeloop.chipconfig.spikes.SpikeRaster;

/**
 * Receives spike events as an emulator emits them: steps ascending, neurons ascending within a step
 * (the order of {@link SpikeRaster} and of the spike CSV files), so a run of any length can go straight
 * to a file without holding its spikes in memory.
 */
@FunctionalInterface
public interface SpikeSink {
    /** One event: {@code count >= 1} spikes of {@code neuron} in {@code step} (relative to the run's start). */
    void spike(int step, int neuron, int count);
}
