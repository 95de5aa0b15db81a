package dev.spikeloop.chipconfig.spikes;

/**
 * A spike count of one neuron (or input channel) in one time step.
 *
 * @param step   time step, 0-based
 * @param neuron neuron index; for input rasters this is the input channel
 * @param count  number of spikes in that step, {@code >= 0} (a raster only keeps counts {@code > 0})
 */
public record SpikeEvent(int step, int neuron, int count) {
    public SpikeEvent {
        if (step < 0 || neuron < 0 || count < 0) {
            throw new IllegalArgumentException("spike event must have step, neuron and count >= 0, got step="
                    + step + " neuron=" + neuron + " count=" + count);
        }
    }
}
