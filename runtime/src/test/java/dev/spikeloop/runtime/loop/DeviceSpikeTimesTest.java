package dev.spikeloop.runtime.loop;

import dev.spikeloop.chipconfig.spikes.SpikeEvent;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DeviceSpikeTimesTest {
    private static final double DT = 0.001;
    /** Two hidden layers of 2 neurons at 0 and 2, 2 outputs, 40 ms. */
    private final ChipLayout layout = new ChipLayout(
            new dev.spikeloop.compiler.quantize.ChipMapping(2, new int[] {0, 2}, new int[] {2, 2}, 2), DT, 0.040,
            ChipLayout.stepsFor(0.040, DT, 1.5));

    @Test
    void singleSpikeSitsMidStepShiftedByTheLayerLag() {
        DeviceRun run = new DeviceRun(SpikeRaster.of(new SpikeEvent(10, 1, 1)),
                SpikeRaster.of(new SpikeEvent(3, 0, 1), new SpikeEvent(5, 3, 1)));
        DeviceSpikeTimes.Times t = DeviceSpikeTimes.of(run, layout);
        assertArrayEquals(new double[] {3.5 * DT}, t.times()[0][0], 1e-15);
        assertArrayEquals(new double[0], t.times()[0][1]);
        assertArrayEquals(new double[] {4.75 * DT}, t.times()[1][1], 1e-15); // layer 1: (5 + 1/2 - 3/4) dt
        assertArrayEquals(new double[] {9.0 * DT}, t.times()[2][1], 1e-15); // output: (10 + 1/2 - 3/2) dt
        assertEquals(Double.POSITIVE_INFINITY, t.record().firstSpikes(2)[0]); // silent output
        assertEquals(9.0 * DT, t.record().firstSpikes(2)[1], 1e-15);
        assertEquals(3, t.record().count());
    }

    @Test
    void severalSpikesInOneStepAreSpreadEvenlyInsideIt() {
        DeviceRun run = new DeviceRun(SpikeRaster.empty(), SpikeRaster.of(new SpikeEvent(4, 1, 3)));
        double[] t = DeviceSpikeTimes.of(run, layout).times()[0][1];
        assertArrayEquals(new double[] {4.25 * DT, 4.5 * DT, 4.75 * DT}, t, 1e-15);
    }

    @Test
    void spikesOutsideTheModelWindowAreLeftOutAndCounted() {
        // Layer 2 (output) lags 1.5 steps: step 0 maps to -1 dt; step 41 maps to 40 dt >= tEnd.
        DeviceRun run = new DeviceRun(SpikeRaster.of(new SpikeEvent(0, 0, 1), new SpikeEvent(41, 1, 1)),
                SpikeRaster.empty());
        DeviceSpikeTimes.Times t = DeviceSpikeTimes.of(run, layout);
        assertEquals(0, t.record().count());
        assertEquals(2, t.outsideWindow());
    }

    @Test
    void stepsCoverEveryOutputSpikeBeforeTheEnd() {
        // Last output step s must satisfy (s + 1/2 - 3/2) dt < tEnd: s = 40 is the last, so 41 steps.
        assertEquals(41, layout.steps());
        assertEquals(40, ChipLayout.stepsFor(0.040, DT, 0.0));
        assertEquals(40, ChipLayout.stepsFor(0.040, DT, 0.5));
        assertEquals(41, ChipLayout.stepsFor(0.040, DT, 0.75));
    }
}
