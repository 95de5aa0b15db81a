package dev.spikeloop.runtime.loop;

import dev.spikeloop.chipconfig.spikes.SpikeRaster;

import java.util.List;
import java.util.Objects;

/**
 * What a device reports for one sample: the output neurons' spike counts per step and the hidden
 * neurons' spike counts per step (chip neuron indices, steps counted from the reset), and, when asked
 * for ({@link Device#run(List, int, boolean)}), every output neuron's membrane at the end of every step
 * ({@code outputMembranes[step][neuron]}, signed 16-bit integers; null when not recorded).
 */
public record DeviceRun(SpikeRaster outputs, SpikeRaster hidden, int[][] outputMembranes) {
    public DeviceRun {
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(hidden, "hidden");
    }

    /** A run without membranes. */
    public DeviceRun(SpikeRaster outputs, SpikeRaster hidden) {
        this(outputs, hidden, null);
    }

    /** Compares the membranes by content (a record would compare array identities). */
    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceRun r && outputs.equals(r.outputs) && hidden.equals(r.hidden)
                && java.util.Arrays.deepEquals(outputMembranes, r.outputMembranes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(outputs, hidden) * 31 + java.util.Arrays.deepHashCode(outputMembranes);
    }

    /** The output membranes, or an error naming the device call that should have recorded them. */
    public int[][] requireMembranes() {
        if (outputMembranes == null) {
            throw new IllegalStateException("the device run holds no output membranes (run the device with "
                    + "membranes = true)");
        }
        return outputMembranes;
    }
}
