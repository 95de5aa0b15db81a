package dev.spikeloop.runtime.sim;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.InvalidNetworkException;
import dev.spikeloop.network.LayerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventSimulatorTest {
    private static FloatNetwork single(double w, double tauSyn, double tauMem, double threshold, double tEnd) {
        return new FloatNetwork(1, tEnd, List.of(new LayerSpec("out", 1, tauSyn, tauMem, threshold,
                new double[][] {{w}}, null)));
    }

    /**
     * One input spike at t0 with weight w and tauMem = 2 tauSyn: V = w (x - x^2) with x = exp(-s/tauMem),
     * so the neuron fires at x = (1 + sqrt(1 - 4 threshold/w))/2.
     */
    @ParameterizedTest
    @CsvSource({"5.0, 1.0, 0.005, 0.001", "4.5, 1.0, 0.005, 0.0", "10.0, 0.7, 0.002, 0.0123", "4.000001, 1.0, 0.01, 0.002"})
    void closedFormSpikeTime(double w, double threshold, double tauSyn, double t0) {
        double tauMem = 2 * tauSyn;
        double x = (1 + Math.sqrt(1 - 4 * threshold / w)) / 2;
        double expected = t0 - tauMem * Math.log(x);
        InputSpikes in = InputSpikes.ofTimes(new double[] {t0});
        for (boolean closed : new boolean[] {true, false}) {
            SpikeRecord r = new EventSimulator(closed, 100).simulate(single(w, tauSyn, tauMem, threshold, 1.0), in);
            assertTrue(r.count() >= 1, "closed form " + closed);
            // Near a tangential crossing (w close to 4 threshold) the root is ill-conditioned: the error of
            // either computation grows like 1/sqrt(1 - 4 threshold/w).
            double tol = 8 * Math.ulp(expected) + 1e-16 * tauMem / Math.sqrt(1 - 4 * threshold / w);
            assertEquals(expected, r.first(0, 0), tol, "closed form " + closed);
            // Slope: (I(f) - threshold)/tauMem with I(f) = w exp(-(f - t0)/tauSyn) = w x^2.
            assertEquals((w * x * x - threshold) / tauMem, r.slopes()[0][0][0], 1e-9 * w / tauMem);
        }
    }

    @Test
    void belowTheClosedFormBoundNothingFires() {
        // The peak of w (x - x^2) is w/4: with w = 4 threshold - epsilon the neuron never fires.
        SpikeRecord r = new EventSimulator().simulate(single(3.999999, 0.005, 0.01, 1.0, 1.0),
                InputSpikes.ofTimes(new double[] {0.001}));
        assertEquals(0, r.count());
        assertEquals(Double.POSITIVE_INFINITY, r.first(0, 0));
    }

    /** Random networks of every kind: each spike solves the spec's threshold equation, and none is missed. */
    @ParameterizedTest
    @CsvSource({"0.005, 0.010, false", "0.005, 0.010, true", "0.005, 0.007, false", "0.004, 0.004, true",
            "0.008, 0.005, true", "0.005, 0.0050000001, false"})
    void spikesSolveTheSpecEquationAndNoneIsMissed(double tauSyn, double tauMem, boolean recurrent) {
        Random rnd = new Random(42);
        int spikes = 0;
        int multi = 0;
        for (int trial = 0; trial < 3; trial++) {
            FloatNetwork net = randomNet(rnd, new int[] {4, 12, 3}, recurrent, tauSyn, tauMem);
            InputSpikes in = randomInput(rnd, 4, net.tEnd());
            SpikeRecord r = new EventSimulator().simulate(net, in);
            spikes += r.count();
            for (int p = 0; p < r.layers(); p++) {
                LayerSpec l = net.layer(p);
                for (int i = 0; i < l.size(); i++) {
                    double[] t = r.times()[p][i];
                    multi += t.length > 1 ? 1 : 0;
                    for (int k = 0; k < t.length; k++) {
                        assertTrue(k == 0 || t[k] > t[k - 1], "ascending");
                        double v = SpecMembrane.potential(net, in, r, p, i, t[k]);
                        // The reference sums every kernel and reset from scratch: allow its rounding.
                        assertEquals(l.threshold(), v, 1e-12 * l.threshold() * (10 + k), "V at spike " + k + " of " + p + "/" + i);
                        assertTrue(r.slopes()[p][i][k] > 0, "positive slope");
                        double h = 1e-9;
                        double numericSlope = (v - SpecMembrane.potential(net, in, r, p, i, t[k] - h)) / h;
                        assertEquals(numericSlope, r.slopes()[p][i][k], 1e-4 * Math.abs(numericSlope) + 1e-3);
                    }
                    // No crossing between spikes: V stays below threshold on a fine grid.
                    for (double s = 0; s <= net.tEnd(); s += net.tEnd() / 800) {
                        if (nearAny(s, t, 1e-7)) {
                            continue;
                        }
                        assertTrue(SpecMembrane.potential(net, in, r, p, i, s) < l.threshold() + 1e-9,
                                "missed crossing near t=" + s + " in layer " + p + " neuron " + i);
                    }
                }
            }
        }
        assertTrue(spikes > 20, "the test networks should be active, got " + spikes + " spikes");
        assertTrue(multi > 0, "some neuron should fire more than once");
    }

    private static boolean nearAny(double s, double[] t, double tol) {
        for (double f : t) {
            if (Math.abs(s - f) < tol || (s > f && s - f < 1e-6)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void resetBySubtractionGivesRegularFiringUnderConstantDrive() {
        // Many closely spaced strong inputs: the neuron fires several times; every spike satisfies the
        // equation with all earlier resets included.
        double[] times = new double[40];
        for (int k = 0; k < times.length; k++) {
            times[k] = 0.0005 * k;
        }
        FloatNetwork net = single(3.0, 0.005, 0.01, 1.0, 0.05);
        InputSpikes in = InputSpikes.ofTimes(times);
        SpikeRecord r = new EventSimulator().simulate(net, in);
        assertTrue(r.count() >= 5, "expected a burst, got " + r.count());
        for (double f : r.times()[0][0]) {
            assertEquals(1.0, SpecMembrane.potential(net, in, r, 0, 0, f), 1e-11);
        }
    }

    @Test
    void simultaneousInputsActLikeTheirSum() {
        FloatNetwork two = new FloatNetwork(2, 0.05, List.of(new LayerSpec("o", 1, 0.005, 0.01, 1.0,
                new double[][] {{2.5, 3.0}}, null)));
        SpikeRecord a = new EventSimulator().simulate(two, InputSpikes.ofTimes(new double[] {0.002}, new double[] {0.002}));
        SpikeRecord b = new EventSimulator().simulate(single(5.5, 0.005, 0.01, 1.0, 0.05),
                InputSpikes.ofTimes(new double[] {0.002}));
        assertEquals(b.first(0, 0), a.first(0, 0), 1e-18);
    }

    @Test
    void noSpikeAfterTEnd() {
        FloatNetwork net = single(5.0, 0.005, 0.01, 1.0, 1.0);
        InputSpikes in = InputSpikes.ofTimes(new double[] {0.001});
        double f = new EventSimulator().simulate(net, in).first(0, 0);
        assertEquals(0, new EventSimulator().simulate(net.withTEnd(f * (1 - 1e-9)), in).count());
        assertEquals(1, new EventSimulator().simulate(net.withTEnd(f * (1 + 1e-9)), in).count());
        // Inputs after tEnd are ignored.
        assertEquals(0, new EventSimulator().simulate(net.withTEnd(0.0005), in).count());
    }

    @Test
    void recurrentExcitationMakesASilentNeuronFire() {
        // Neuron 1 gets no feed-forward input and fires only through the recurrent weight from neuron 0.
        LayerSpec hidden = new LayerSpec("h", 2, 0.005, 0.01, 1.0, new double[][] {{5.0}, {0.0}},
                new double[][] {{0.0, 0.0}, {6.0, 100.0}});
        LayerSpec out = new LayerSpec("o", 1, 0.005, 0.01, 1.0, new double[][] {{0.0, 0.0}}, null);
        FloatNetwork net = new FloatNetwork(1, 0.1, List.of(hidden, out));
        InputSpikes in = InputSpikes.ofTimes(new double[] {0.001});
        SpikeRecord r = new EventSimulator().simulate(net, in);
        assertEquals(1, r.times()[0][0].length);
        assertEquals(1, r.times()[0][1].length, "diagonal (self) weight 100 must be ignored");
        double f0 = r.first(0, 0);
        double w = 6.0;
        double x = (1 + Math.sqrt(1 - 4 / w)) / 2;
        assertEquals(f0 - 0.01 * Math.log(x), r.first(0, 1), 1e-15);
        // Without the recurrent matrix neuron 1 stays silent.
        FloatNetwork ff = net.withLayer(0, hidden.withWeights(hidden.weights(), null));
        assertEquals(0, new EventSimulator().simulate(ff, in).times()[0][1].length);
    }

    @Test
    void equalTimeConstantsUseTheLimitKernel() {
        // k(s) = (s/tau) exp(-s/tau) peaks at s = tau with value 1/e: a weight just above e fires near tau.
        FloatNetwork net = single(Math.E * 1.0001, 0.01, 0.01, 1.0, 1.0);
        SpikeRecord r = new EventSimulator().simulate(net, InputSpikes.ofTimes(new double[] {0.0}));
        assertEquals(1, r.count());
        double f = r.first(0, 0);
        assertEquals(1.0, Math.E * 1.0001 * f / 0.01 * Math.exp(-f / 0.01), 1e-13);
        assertTrue(Math.abs(f - 0.01) < 0.001);
    }

    @Test
    void badInputsGiveClearErrors() {
        FloatNetwork net = single(5.0, 0.005, 0.01, 1.0, 1.0);
        InvalidNetworkException e = assertThrows(InvalidNetworkException.class,
                () -> new EventSimulator().simulate(net, InputSpikes.ofTimes(new double[] {0.1}, new double[] {0.2})));
        assertTrue(e.getMessage().contains("2 channels") && e.getMessage().contains("1 inputs"), e.getMessage());
        IllegalStateException runaway = assertThrows(IllegalStateException.class,
                () -> new EventSimulator(true, 50).simulate(single(1e6, 0.005, 0.01, 1.0, 1.0),
                        InputSpikes.ofTimes(new double[] {0.0})));
        assertTrue(runaway.getMessage().contains("more than 50 times"), runaway.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EventSimulator(true, 0));
    }

    @Test
    void recordHelpers() {
        SpikeRecord r = SpikeRecord.fromTimes(new double[][][] {{{0.3, 0.1}, {}}, {{0.5}}});
        assertArrayEquals(new double[] {0.1, 0.3}, r.times(0, 0));
        assertEquals(Double.POSITIVE_INFINITY, r.first(0, 1));
        assertArrayEquals(new double[] {0.1, Double.POSITIVE_INFINITY}, r.firstSpikes(0));
        assertEquals(3, r.count());
        assertTrue(Double.isNaN(r.slopes()[1][0][0]));
        assertNotEquals(r, SpikeRecord.fromTimes(new double[][][] {{{0.3}, {}}, {{0.5}}}));
    }

    static FloatNetwork randomNet(Random rnd, int[] sizes, boolean recurrent, double tauSyn, double tauMem) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int p = 1; p < sizes.length; p++) {
            double[][] w = new double[sizes[p]][sizes[p - 1]];
            for (double[] row : w) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = 4.0 / Math.sqrt(sizes[p - 1]) * (rnd.nextDouble() * 1.6 - 0.3);
                }
            }
            double[][] rec = null;
            if (recurrent && p < sizes.length - 1) {
                rec = new double[sizes[p]][sizes[p]];
                for (double[] row : rec) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] = 0.8 * (rnd.nextDouble() - 0.6);
                    }
                }
            }
            layers.add(new LayerSpec("l" + p, sizes[p], tauSyn, tauMem, 1.0, w, rec));
        }
        return new FloatNetwork(sizes[0], 0.04, layers);
    }

    static InputSpikes randomInput(Random rnd, int channels, double tEnd) {
        double[][] t = new double[channels][];
        for (int c = 0; c < channels; c++) {
            t[c] = new double[1 + rnd.nextInt(4)];
            for (int k = 0; k < t[c].length; k++) {
                t[c][k] = rnd.nextDouble() * 0.6 * tEnd;
            }
            java.util.Arrays.sort(t[c]);
        }
        return new InputSpikes(t);
    }
}
