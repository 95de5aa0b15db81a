package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.SpikeRecord;
import org.ejml.data.DMatrixSparseCSC;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientEngineTest {
    private final GradientEngine fp = new GradientEngine(GradientMode.FP);
    private final GradientEngine adjoint = new GradientEngine(GradientMode.ADJOINT);

    @Test
    void bothOrdersAgreeOnLargerNetworks() {
        Random rnd = new Random(3);
        int compared = 0;
        for (boolean recurrent : new boolean[] {false, true}) {
            for (int trial = 0; trial < 3; trial++) {
                FloatNetwork net = RandomNetworks.network(rnd, new int[] {5, 40, 20, 3}, recurrent, 0.005, 0.01, 0.04);
                InputSpikes in = RandomNetworks.input(rnd, 5, 0.04);
                Loss loss = new TtfsLoss(trial % 3, 0.005, 0.1, 0.02);
                Gradients a = fp.simulateAndGradient(net, in, loss);
                Gradients b = adjoint.simulateAndGradient(net, in, loss);
                assertEquals(a.loss(), b.loss(), 0.0);
                double scale = maxAbs(b);
                for (int p = 0; p < net.layerCount(); p++) {
                    assertClose(a.weights().get(p), b.weights().get(p), 1e-10 * scale);
                    if (net.layer(p).hasRecurrent()) {
                        assertClose(a.recurrent().get(p), b.recurrent().get(p), 1e-10 * scale);
                    } else {
                        assertNull(a.recurrent().get(p));
                    }
                    assertEquals(a.thresholds()[p], b.thresholds()[p], 1e-10 * scale);
                }
                compared += scale > 0 ? 1 : 0;
            }
        }
        assertTrue(compared >= 3, "most random networks should have a non-zero gradient");
    }

    /**
     * One input spike at t0 with weight w, tauMem = 2 tauSyn: f = t0 - tauMem ln x with
     * x = (1 + r)/2, r = sqrt(1 - 4 threshold/w), so df/dw = -tauMem threshold/(x w^2 r) and
     * df/dthreshold = tauMem/(x w r), in closed form.
     */
    @Test
    void singleSpikeGradientMatchesTheClosedForm() {
        double w = 5.5;
        double theta = 1.2;
        double tauMem = 0.01;
        FloatNetwork net = new FloatNetwork(1, 0.05, List.of(new LayerSpec("o", 1, tauMem / 2, tauMem, theta,
                new double[][] {{w}}, null)));
        InputSpikes in = InputSpikes.ofTimes(new double[] {0.002});
        double r = Math.sqrt(1 - 4 * theta / w);
        double x = (1 + r) / 2;
        Loss firstTime = (spikes, tEnd) -> {
            double[][] d = {new double[spikes.outputTimes()[0].length]};
            d[0][0] = 1;
            return new LossValue(spikes.outputTimes()[0][0], d);
        };
        for (GradientEngine engine : List.of(fp, adjoint)) {
            Gradients g = engine.simulateAndGradient(net, in, firstTime);
            assertEquals(0.002 - tauMem * Math.log(x), g.loss(), 1e-17);
            double dfdw = -tauMem * theta / (x * w * w * r);
            double dfdtheta = tauMem / (x * w * r);
            assertEquals(dfdw, g.weights().get(0)[0][0], 1e-12 * Math.abs(dfdw));
            assertEquals(dfdtheta, g.thresholds()[0], 1e-12 * Math.abs(dfdtheta));
        }
    }

    /** Pitfall of fp-lif-model.md: the reset term couples a neuron's later spikes to its earlier ones. */
    @Test
    void secondSpikeOfABurstHasTheExactGradient() {
        double[] times = {0.0, 0.0005, 0.001, 0.0015, 0.002};
        InputSpikes in = InputSpikes.ofTimes(times);
        FloatNetwork net = new FloatNetwork(1, 0.05, List.of(new LayerSpec("o", 1, 0.005, 0.01, 1.0,
                new double[][] {{2.0}}, null)));
        SpikeRecord r = new EventSimulator().simulate(net, in);
        assertTrue(r.times()[0][0].length >= 2, "needs a second spike");
        double second = r.times()[0][0][1];
        // Loss = time of the second spike.
        Loss loss = (spikes, tEnd) -> {
            double[][] d = {new double[spikes.outputTimes()[0].length]};
            d[0][1] = 1;
            return new LossValue(spikes.outputTimes()[0][1], d);
        };
        double h = 1e-6;
        double plus = new EventSimulator().simulate(FiniteDifferenceCheck.perturb(net, 'W', 0, 0, 0, h), in).times()[0][0][1];
        double minus = new EventSimulator().simulate(FiniteDifferenceCheck.perturb(net, 'W', 0, 0, 0, -h), in).times()[0][0][1];
        double numeric = (plus - minus) / (2 * h);
        for (GradientEngine engine : List.of(fp, adjoint)) {
            Gradients g = engine.simulateAndGradient(net, in, loss);
            assertEquals(second, g.loss(), 0.0);
            assertEquals(numeric, g.weights().get(0)[0][0], 1e-6 * Math.abs(numeric));
        }
    }

    @Test
    void sensitivityMatrixIsTheForwardSubstitutionOfTheJacobian() {
        Random rnd = new Random(5);
        FloatNetwork net = RandomNetworks.network(rnd, new int[] {3, 6, 2}, true, 0.005, 0.01, 0.04);
        InputSpikes in = RandomNetworks.input(rnd, 3, 0.04);
        SpikeRecord r = new EventSimulator().simulate(net, in);
        ImplicitSystem sys = ImplicitSystem.build(net, in, r, 0.01, false);
        DMatrixSparseCSC x = ForwardSolver.sensitivities(net, sys);
        DMatrixSparseCSC b = ForwardSolver.parameterPartials(net, sys);
        // Dense check: L X = B, with L read from the row storage.
        int n = sys.size();
        for (int c = 0; c < b.numCols; c++) {
            for (int e = 0; e < n; e++) {
                double lx = 0;
                for (int m = sys.rowPtr[e]; m < sys.rowPtr[e + 1]; m++) {
                    lx += sys.vals[m] * x.get(sys.cols[m], c);
                }
                assertEquals(b.get(e, c), lx, 1e-9 * (1 + Math.abs(b.get(e, c))), "row " + e + " column " + c);
            }
        }
        // Strictly lower triangular off-diagonal, positive diagonal last in each row.
        for (int e = 0; e < n; e++) {
            int last = sys.rowPtr[e + 1] - 1;
            assertEquals(e, sys.cols[last]);
            assertTrue(sys.vals[last] > 0);
            for (int m = sys.rowPtr[e]; m < last; m++) {
                assertTrue(sys.cols[m] < e);
            }
        }
    }

    @Test
    void gradientAtSimulatedTimesEqualsTheSimulatedGradient() {
        Random rnd = new Random(11);
        FloatNetwork net = RandomNetworks.network(rnd, new int[] {4, 10, 3}, true, 0.005, 0.01, 0.04);
        InputSpikes in = RandomNetworks.input(rnd, 4, 0.04);
        Loss loss = new TtfsLoss(1, 0.005);
        Gradients sim = adjoint.simulateAndGradient(net, in, loss);
        SpikeRecord measured = SpikeRecord.fromTimes(new EventSimulator().simulate(net, in).times());
        Gradients at = adjoint.gradientAt(net, in, measured, loss);
        assertEquals(GuardCounts.NONE, at.guards());
        assertEquals(sim.loss(), at.loss(), 0.0);
        for (int p = 0; p < 2; p++) {
            assertClose(sim.weights().get(p), at.weights().get(p), 1e-12 * (1 + maxAbs(sim)));
        }
    }

    @Test
    void gradientAtGuardsMeasuredSpikes() {
        FloatNetwork net = new FloatNetwork(2, 0.04, List.of(
                new LayerSpec("h", 2, 0.005, 0.01, 1.0, new double[][] {{3.0, 0.0}, {-2.0, 0.0}}, null),
                new LayerSpec("o", 2, 0.005, 0.01, 1.0, new double[][] {{4.0, 0.0}, {3.0, 1.0}}, null)));
        InputSpikes in = InputSpikes.ofTimes(new double[] {0.001}, new double[] {});
        // Chip-like times: quantised to 1 ms. Hidden 0: a duplicate, one before any input (dropped), one
        // after tEnd (dropped), one NaN (dropped); hidden 1 has only inhibitory input (dropped);
        // the late output spike (0.03) has a negative float slope (clamped).
        double[][][] times = {
                {{0.0005, 0.003, 0.003, 0.05, Double.NaN}, {0.004}},
                {{0.0031}, {0.004, 0.03}}};
        for (GradientEngine engine : List.of(fp, adjoint, fp.withFullSolve(), adjoint.withFullSolve())) {
            Gradients g = engine.gradientAt(net, in, SpikeRecord.fromTimes(times), new TtfsLoss(0, 0.005));
            assertEquals(5, g.guards().droppedSpikes(), g.guards().toString());
            // The clamped spike is output 1's second: outside the ttfs loss's cone, so only the full solve
            // meets (and counts) it.
            assertEquals(engine.solvesConeOnly() ? 0 : 1, g.guards().clampedSlopes(), g.guards().toString());
            for (double[][] m : g.weights()) {
                for (double[] row : m) {
                    for (double v : row) {
                        assertTrue(Double.isFinite(v));
                    }
                }
            }
            assertTrue(Double.isFinite(g.thresholds()[0]) && Double.isFinite(g.thresholds()[1]));
            assertTrue(g.weights().get(1)[0][0] != 0, "the kept output spike still has a gradient");
        }
    }

    @Test
    void badArgumentsGiveClearErrors() {
        FloatNetwork net = new FloatNetwork(1, 0.04, List.of(new LayerSpec("o", 2, 0.005, 0.01, 1.0,
                new double[][] {{5.0}, {4.5}}, null)));
        InputSpikes in = InputSpikes.ofTimes(new double[] {0.001});
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> fp.gradientAt(net, in, SpikeRecord.fromTimes(new double[][][] {{{0.01}}}), new TtfsLoss(0, 0.005)));
        assertTrue(shape.getMessage().contains("1 neurons") && shape.getMessage().contains("has 2"), shape.getMessage());
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> fp.simulateAndGradient(net, in, new TtfsLoss(2, 0.005)));
        assertTrue(label.getMessage().contains("label 2"), label.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TtfsLoss(0, 0.0));
        assertThrows(IllegalArgumentException.class, () -> new TtfsLoss(-1, 0.005));
        assertThrows(IllegalArgumentException.class, () -> new GradientEngine(GradientMode.FP, 0, new EventSimulator()));
        IllegalStateException badLoss = assertThrows(IllegalStateException.class,
                () -> fp.simulateAndGradient(net, in, (s, t) -> new LossValue(0, new double[1][0])));
        assertTrue(badLoss.getMessage().contains("derivatives for 1 output neurons"), badLoss.getMessage());
    }

    @Test
    void batchRunsInParallelAndSums() {
        Random rnd = new Random(9);
        FloatNetwork net = RandomNetworks.network(rnd, new int[] {4, 12, 3}, false, 0.005, 0.01, 0.04);
        List<InputSpikes> inputs = new ArrayList<>();
        List<Loss> losses = new ArrayList<>();
        for (int s = 0; s < 16; s++) {
            inputs.add(RandomNetworks.input(rnd, 4, 0.04));
            losses.add(new TtfsLoss(s % 3, 0.005));
        }
        List<Gradients> batch = adjoint.simulateAndGradientBatch(net, inputs, losses);
        Gradients total = GradientEngine.sum(batch);
        double loss = 0;
        double w00 = 0;
        for (int s = 0; s < 16; s++) {
            Gradients one = adjoint.simulateAndGradient(net, inputs.get(s), losses.get(s));
            assertEquals(one.loss(), batch.get(s).loss(), 0.0);
            loss += one.loss();
            w00 += one.weights().get(0)[0][0];
        }
        assertEquals(loss, total.loss(), 1e-12 * Math.abs(loss));
        assertEquals(w00, total.weights().get(0)[0][0], 1e-12 * (1 + Math.abs(w00)));
    }

    @Test
    void noSpikesMeansZeroGradient() {
        FloatNetwork net = new FloatNetwork(1, 0.04, List.of(new LayerSpec("o", 2, 0.005, 0.01, 1.0,
                new double[][] {{0.5}, {0.5}}, null)));
        InputSpikes in = InputSpikes.ofTimes(new double[] {0.001});
        for (GradientEngine engine : List.of(fp, adjoint)) {
            Gradients g = engine.simulateAndGradient(net, in, new TtfsLoss(0, 0.005));
            assertEquals(Math.log(2), g.loss(), 1e-15);
            assertEquals(0.0, g.weights().get(0)[0][0]);
            assertFalse(Double.isNaN(g.thresholds()[0]));
        }
    }

    static void assertClose(double[][] a, double[][] b, double tol) {
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                assertEquals(a[i][j], b[i][j], tol, "[" + i + "][" + j + "]");
            }
        }
    }

    static double maxAbs(Gradients g) {
        double m = 0;
        for (double[][] w : g.weights()) {
            for (double[] row : w) {
                for (double v : row) {
                    m = Math.max(m, Math.abs(v));
                }
            }
        }
        return m;
    }
}
