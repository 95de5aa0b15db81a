package dev.spikeloop.chipconfig.spikes;

/**
 * What one run of the chip produced. Step numbers are relative to the start of that run.
 *
 * @param outputs output spike counts per step (at most 1 per neuron and step)
 * @param hidden  hidden spike counts per step (at most 31), including alias copies
 * @param states  neuron states per step, or {@code null} when the run did not record them
 */
public record EmulationResult(SpikeRaster outputs, SpikeRaster hidden, StateTrace states) {
    public EmulationResult {
        java.util.Objects.requireNonNull(outputs, "outputs");
        java.util.Objects.requireNonNull(hidden, "hidden");
    }
}
