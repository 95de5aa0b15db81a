package dev.spikeloop.runtime.loop;

import dev.spikeloop.chipconfig.spikes.SpikeRaster;

import java.util.Objects;

/**
 * What a device reports for one sample: the output neurons' spike counts per step and the hidden
 * neurons' spike counts per step (chip neuron indices, steps counted from the reset).
 */
public record DeviceRun(SpikeRaster outputs, SpikeRaster hidden) {
    public DeviceRun {
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(hidden, "hidden");
    }
}
