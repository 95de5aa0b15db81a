package dev.spikeloop.runtime.loop;

import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.runtime.train.FirstSpikeReadout;

import java.util.Arrays;

/**
 * The class decision from a device's output raster, by the project's one rule
 * ({@link FirstSpikeReadout}): the output neuron with the earliest first spike wins; outputs that
 * fire in the same (earliest) step tie and the lowest index wins; no output spike means no class.
 */
public final class DeviceReadout {
    private DeviceReadout() {
    }

    /** The first step at which each of {@code outputs} neurons fired, {@code NaN} for none. */
    public static double[] firstSteps(SpikeRaster raster, int outputs) {
        double[] first = new double[outputs];
        Arrays.fill(first, Double.NaN);
        // The raster is sorted by step, so the first event of a neuron is its first spike.
        for (int k = 0; k < raster.size(); k++) {
            int n = raster.neuron(k);
            if (n < outputs && Double.isNaN(first[n])) {
                first[n] = raster.step(k);
            }
        }
        return first;
    }

    /** The decision for one run. */
    public static FirstSpikeReadout.Decision decide(SpikeRaster outputRaster, int outputs) {
        return FirstSpikeReadout.decide(firstSteps(outputRaster, outputs));
    }
}
