package dev.spikeloop.emulator.bench;

import dev.spikeloop.chipconfig.spikes.SpikeEvent;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random input rasters for benchmarks and tests. */
public final class SyntheticInput {
    private SyntheticInput() {
    }

    /**
     * Independent Poisson spike trains: in each step, each channel's count is Poisson distributed
     * with mean {@code rateHz * dtSeconds}.
     */
    public static SpikeRaster poisson(int channels, int steps, double rateHz, double dtSeconds, long seed) {
        double mean = rateHz * dtSeconds;
        if (!(mean >= 0) || Double.isInfinite(mean)) {
            throw new IllegalArgumentException("input rate must be finite and >= 0, got " + rateHz + " Hz");
        }
        double limit = Math.exp(-mean);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<SpikeEvent> events = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            for (int ch = 0; ch < channels; ch++) {
                // Knuth's method; fine for the small means of spike trains.
                int count = 0;
                double p = rnd.nextDouble();
                while (p > limit) {
                    count++;
                    p *= rnd.nextDouble();
                }
                if (count > 0) {
                    events.add(new SpikeEvent(t, ch, count));
                }
            }
        }
        return SpikeRaster.of(events);
    }
}
