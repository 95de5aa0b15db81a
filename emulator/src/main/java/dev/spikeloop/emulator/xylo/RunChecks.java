package dev.spikeloop.emulator.xylo;

import dev.spikeloop.chipconfig.spikes.SpikeRaster;

/** The argument checks every {@link XyloCore} makes before a run, so all report bad input alike. */
final class RunChecks {
    private RunChecks() {
    }

    static void check(SpikeRaster input, int steps, int numInputs) {
        if (input == null) {
            throw new IllegalArgumentException("input raster must not be null (use SpikeRaster.empty())");
        }
        if (steps < 0) {
            throw new IllegalArgumentException("number of steps must be >= 0, got " + steps);
        }
        for (int k = 0; k < input.size(); k++) {
            if (input.neuron(k) >= numInputs) {
                throw new IllegalArgumentException("input event at step " + input.step(k) + " is on channel "
                        + input.neuron(k) + ", but the configuration has " + numInputs + " input channel(s) (0.."
                        + (numInputs - 1) + ")");
            }
        }
        if (input.endStep() > steps) {
            int k = 0;
            while (input.step(k) < steps) {
                k++;
            }
            throw new IllegalArgumentException("input event at step " + input.step(k) + " (channel " + input.neuron(k)
                    + ") lies outside the run of " + steps + " step(s) (0.." + (steps - 1) + ")");
        }
    }
}
