package dev.spikeloop.runtime.fp;

import dev.spikeloop.runtime.sim.SpikeRecord;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LossesTest {
    private static SpikeRecord output(double[][] out) {
        return SpikeRecord.fromTimes(new double[][][] {out});
    }

    @Test
    void ttfsIsTheCrossEntropyOfTheNegativeFirstSpikeTimes() {
        double tau0 = 0.004;
        double[] t = {0.010, 0.007, 0.020};
        SpikeRecord r = output(new double[][] {{t[0], 0.03}, {t[1]}, {t[2]}});
        LossValue v = new TtfsLoss(1, tau0).evaluate(r, 0.04);
        double sum = 0;
        for (double tk : t) {
            sum += Math.exp(-tk / tau0);
        }
        assertEquals(-Math.log(Math.exp(-t[1] / tau0) / sum), v.value(), 1e-14);
        // dL/dt_k = (delta_k,label - softmax_k)/tau0, first spikes only.
        for (int k = 0; k < 3; k++) {
            double p = Math.exp(-t[k] / tau0) / sum;
            assertEquals(((k == 1 ? 1 : 0) - p) / tau0, v.dOutputTimes()[k][0], 1e-10);
        }
        assertEquals(0.0, v.dOutputTimes()[0][1]);
        // Numeric check of one derivative.
        double h = 1e-9;
        double up = new TtfsLoss(1, tau0).evaluate(output(new double[][] {{t[0] + h}, {t[1]}, {t[2]}}), 0.04).value();
        double down = new TtfsLoss(1, tau0).evaluate(output(new double[][] {{t[0] - h}, {t[1]}, {t[2]}}), 0.04).value();
        assertEquals((up - down) / (2 * h), v.dOutputTimes()[0][0], 1e-5);
    }

    @Test
    void silentNeuronsCountAsTEndWithoutGradient() {
        LossValue v = new TtfsLoss(0, 0.005).evaluate(output(new double[][] {{0.01}, {}}), 0.04);
        double expected = -Math.log(Math.exp(-0.01 / 0.005) / (Math.exp(-0.01 / 0.005) + Math.exp(-0.04 / 0.005)));
        assertEquals(expected, v.value(), 1e-14);
        assertEquals(0, v.dOutputTimes()[1].length);
        // Silent label neuron: finite loss, no gradient anywhere on it.
        LossValue s = new TtfsLoss(1, 0.005).evaluate(output(new double[][] {{0.01}, {}}), 0.04);
        assertTrue(Double.isFinite(s.value()) && s.value() > 1);
    }

    @Test
    void regulariserPenalisesALateLabelSpike() {
        // gamma (exp(t_label/tau1) - 1) grows with t_label: its derivative is positive.
        TtfsLoss plain = new TtfsLoss(0, 0.005);
        TtfsLoss reg = new TtfsLoss(0, 0.005, 0.5, 0.01);
        SpikeRecord early = output(new double[][] {{0.005}, {0.02}});
        SpikeRecord late = output(new double[][] {{0.015}, {0.02}});
        double extraEarly = reg.evaluate(early, 0.04).value() - plain.evaluate(early, 0.04).value();
        double extraLate = reg.evaluate(late, 0.04).value() - plain.evaluate(late, 0.04).value();
        assertEquals(0.5 * (Math.exp(0.5) - 1), extraEarly, 1e-14);
        assertTrue(extraLate > extraEarly);
        double dExtra = reg.evaluate(early, 0.04).dOutputTimes()[0][0] - plain.evaluate(early, 0.04).dOutputTimes()[0][0];
        assertEquals(0.5 / 0.01 * Math.exp(0.5), dExtra, 1e-10);
    }

    @Test
    void ttfsIsStableForTinyTau0() {
        LossValue v = new TtfsLoss(1, 1e-6).evaluate(output(new double[][] {{0.01}, {0.02}}), 0.04);
        assertEquals(0.01 / 1e-6, v.value(), 1e-6);
        assertTrue(Double.isFinite(v.dOutputTimes()[0][0]));
    }

    @Test
    void targetTimeLoss() {
        TargetTimeLoss loss = new TargetTimeLoss(new double[][] {{0.01, 0.02}, {0.005}});
        LossValue v = loss.evaluate(output(new double[][] {{0.012}, {0.004, 0.03}}), 0.04);
        // Neuron 0: spike 0 off by 0.002, spike 1 missing (tEnd, off by 0.02, no gradient); neuron 1 off by -0.001.
        assertEquals(0.5 * (0.002 * 0.002 + 0.02 * 0.02 + 0.001 * 0.001), v.value(), 1e-15);
        assertArrayEquals(new double[] {0.002}, v.dOutputTimes()[0], 1e-15);
        assertArrayEquals(new double[] {-0.001, 0.0}, v.dOutputTimes()[1], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new TargetTimeLoss(new double[][] {{0.02, 0.01}}));
        assertThrows(IllegalArgumentException.class, () -> loss.evaluate(output(new double[][] {{0.01}}), 0.04));
    }

    @Test
    void spikeCountLoss() {
        SpikeCountLoss loss = new SpikeCountLoss(new double[] {2, 0});
        LossValue v = loss.evaluate(output(new double[][] {{0.01}, {0.02, 0.03}}), 0.04);
        assertEquals(0.5 * (1 + 4), v.value(), 0.0);
        assertArrayEquals(new double[] {0.0}, v.dOutputTimes()[0]);
        assertArrayEquals(new double[] {0.0, 0.0}, v.dOutputTimes()[1]);
        assertThrows(IllegalArgumentException.class, () -> new SpikeCountLoss(new double[] {-1}));
    }
}
