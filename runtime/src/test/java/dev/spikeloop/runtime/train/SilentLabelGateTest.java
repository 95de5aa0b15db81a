package dev.spikeloop.runtime.train;

import dev.spikeloop.runtime.fp.LossValue;
import dev.spikeloop.runtime.fp.TtfsLoss;
import dev.spikeloop.runtime.sim.SpikeRecord;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SilentLabelGateTest {
    private static SpikeRecord outputs(double[]... times) {
        return SpikeRecord.fromTimes(new double[][][] {times});
    }

    @Test
    void passesTheLossThroughWhenTheLabelFires() {
        SpikeRecord r = outputs(new double[] {0.010}, new double[] {0.012, 0.02}, new double[0]);
        LossValue plain = new TtfsLoss(0, 0.001).evaluate(r, 0.04);
        LossValue gated = new SilentLabelGate(new TtfsLoss(0, 0.001), 0).evaluate(r, 0.04);
        assertEquals(plain.value(), gated.value());
        assertArrayEquals(plain.dOutputTimes()[0], gated.dOutputTimes()[0]);
        assertArrayEquals(plain.dOutputTimes()[1], gated.dOutputTimes()[1]);
        assertNotEquals(0.0, gated.dOutputTimes()[1][0]);
    }

    @Test
    void dropsTheGradientButKeepsTheValueWhenTheLabelIsSilent() {
        SpikeRecord r = outputs(new double[] {0.010}, new double[] {0.012, 0.02}, new double[0]);
        LossValue plain = new TtfsLoss(2, 0.001).evaluate(r, 0.04);
        LossValue gated = new SilentLabelGate(new TtfsLoss(2, 0.001), 2).evaluate(r, 0.04);
        assertEquals(plain.value(), gated.value());
        assertNotEquals(0.0, plain.dOutputTimes()[0][0]); // the plain loss would push the others later
        assertArrayEquals(new double[] {0.0}, gated.dOutputTimes()[0]);
        assertArrayEquals(new double[] {0.0, 0.0}, gated.dOutputTimes()[1]);
        assertEquals(0, gated.dOutputTimes()[2].length);
    }
}
