package dev.spikeloop.runtime.loop;

import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.network.InputSpikes;

/**
 * One labelled sample as the loop uses it: the input raster the device gets, and the same spikes
 * in float time as the chip sees them (each at the start of its step, see
 * {@link dev.spikeloop.network.encode.SpikeEncoder#quantize}), which is what the float equations
 * are evaluated with when the device's spike times come back.
 */
public record LoopSample(int label, SpikeRaster raster, InputSpikes chipInputs) {
}
