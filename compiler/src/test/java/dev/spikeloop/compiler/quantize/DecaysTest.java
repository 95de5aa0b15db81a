package dev.spikeloop.compiler.quantize;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecaysTest {
    private static final double DT = 0.001;

    @Test
    void tauOfDashFollowsTheLogFormula() {
        // dash 1 halves the state each step: tau = dt / ln 2
        assertEquals(DT / Math.log(2), Decays.tau(1, DT), 1e-15);
        assertEquals(DT / -Math.log(1 - 1.0 / 16), Decays.tau(4, DT), 1e-15);
        // about dt * 2^dash for large dash
        assertEquals(DT * 32768, Decays.tau(15, DT), DT);
    }

    @Test
    void nearestDashIsNearestInTheLogDomain() {
        for (int d = 1; d <= 15; d++) {
            assertEquals(d, Decays.nearestDash(Decays.tau(d, DT), DT, 15), "exact tau of dash " + d);
        }
        // at 1 ms: tau(2) = 3.48 ms, tau(3) = 7.49 ms; 5 ms is nearer to dash 2 in the log domain
        // (ln(5/3.48) = 0.36 < ln(7.49/5) = 0.40) though nearer to dash 3 in seconds
        assertEquals(2, Decays.nearestDash(0.005, DT, 15));
        double t2 = Decays.tau(2, DT);
        double t3 = Decays.tau(3, DT);
        double mid = Math.sqrt(t2 * t3); // geometric midpoint
        assertEquals(2, Decays.nearestDash(mid * 0.999, DT, 15));
        assertEquals(3, Decays.nearestDash(mid * 1.001, DT, 15));
        // an arithmetic-nearest rule would pick 2 here (closer in seconds), the log rule picks 3
        double between = 0.55 * t2 + 0.45 * t3;
        assertTrue(between > mid);
        assertEquals(3, Decays.nearestDash(between, DT, 15));
    }

    @Test
    void tenMillisecondsAtOneMillisecondIsDash3Or4ByLogDistance() {
        double t3 = Decays.tau(3, DT);
        double t4 = Decays.tau(4, DT);
        int expected = Math.abs(Math.log(0.010 / t3)) <= Math.abs(Math.log(t4 / 0.010)) ? 3 : 4;
        assertEquals(expected, Decays.nearestDash(0.010, DT, 15));
    }

    @Test
    void rangeEndsAtTheGeometricMidpointsOutsideDash1AndMaxDash() {
        double lo = Decays.minTau(DT);
        double hi = Decays.maxTau(DT, 15);
        assertTrue(Decays.inRange(lo * 1.0001, DT, 15));
        assertFalse(Decays.inRange(lo * 0.9999, DT, 15));
        assertTrue(Decays.inRange(hi * 0.9999, DT, 15));
        assertFalse(Decays.inRange(hi * 1.0001, DT, 15));
        assertEquals(1, Decays.nearestDash(lo * 1.0001, DT, 15));
        assertEquals(15, Decays.nearestDash(hi * 0.9999, DT, 15));
        // the range scales with dt
        assertEquals(10 * lo, Decays.minTau(10 * DT), 1e-12);
    }

    @Test
    void gainMakesTheChipMembraneFollowTheFloatKernel() {
        // One weight W at step 0; the chip membrane at the end of step n must be lambda * W * k((n+1) dt)
        // with the chip's own time constants (truncating decays aside: large amplitudes keep that small).
        int[][] dashes = {{2, 3}, {3, 4}, {2, 5}, {4, 4}, {1, 2}, {5, 3}};
        for (int[] ds : dashes) {
            double ts = Decays.tau(ds[0], DT);
            double tm = Decays.tau(ds[1], DT);
            double w = 1.3;
            double g = Decays.gain(ds[0], ds[1]);
            double peakKernel = 0;
            for (int step = 0; step < 60; step++) {
                peakKernel = Math.max(peakKernel, kernel((step + 1) * DT, ts, tm));
            }
            // a large membrane scale (peak 20000 of 32767) so the truncating decays cost little
            double lambda = 20000 / (w * peakKernel);
            int amount = (int) Math.round(lambda * g * w);
            assertTrue(amount <= 32767, "the added current fits 16 bits");
            double realised = amount / (g * w); // the lambda the rounded amount stands for
            ChipNeuronReference n = new ChipNeuronReference(ds[0], ds[1], 32767);
            n.input(amount);
            for (int step = 0; step < 60; step++) {
                n.step(1);
                double expected = realised * w * kernel((step + 1) * DT, ts, tm);
                assertEquals(expected, n.membrane(), 0.01 * 20000,
                        "dashes " + ds[0] + "/" + ds[1] + " step " + step);
            }
        }
    }

    @Test
    void gainIsAboutDtOverTauMemForSlowDecays() {
        double g = Decays.gain(8, 9);
        assertEquals(DT / Decays.tau(9, DT), g, 0.01 * g);
    }

    /** The float PSP kernel of fp-lif-model.md. */
    static double kernel(double s, double ts, double tm) {
        if (Math.abs(tm - ts) < 1e-15) {
            return s / tm * Math.exp(-s / tm);
        }
        return ts / (tm - ts) * (Math.exp(-s / tm) - Math.exp(-s / ts));
    }
}
