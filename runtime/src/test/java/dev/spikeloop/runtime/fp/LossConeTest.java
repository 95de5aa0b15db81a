package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.SpikeRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Solving only the loss's causal cone: the cone simulation agrees with the full one where the loss
 * looks, the gradient equals the full solve's (both orders, feed-forward and recurrent, one and
 * several spikes per output neuron, regulariser, silent outputs), and it matches finite differences
 * on a high-activity network whose outputs fire many times after the spikes the loss reads.
 */
class LossConeTest {
    private static final EventSimulator SIM = new EventSimulator();

    /** A random network with its weights scaled by {@code gain} (more activity). */
    private static FloatNetwork network(Random rnd, int[] sizes, boolean recurrent, double tauSyn, double tauMem,
                                        double gain) {
        FloatNetwork base = RandomNetworks.network(rnd, sizes, recurrent, tauSyn, tauMem, 0.04);
        List<LayerSpec> layers = new ArrayList<>();
        for (int p = 0; p < base.layerCount(); p++) {
            LayerSpec l = base.layer(p);
            double[][] w = l.weights();
            for (double[] row : w) {
                for (int j = 0; j < row.length; j++) {
                    row[j] *= gain;
                }
            }
            layers.add(new LayerSpec(l.name(), l.size(), l.tauSyn(), l.tauMem(), l.threshold(), w, l.recurrent()));
        }
        return new FloatNetwork(base.inputs(), base.tEnd(), layers);
    }

    private static int[] needed(Loss loss, int outputs) {
        int[] n = new int[outputs];
        for (int i = 0; i < outputs; i++) {
            n[i] = loss.outputSpikesRead(i);
        }
        return n;
    }

    @Test
    void coneSimulationAgreesWithTheFullSimulationWhereTheLossLooks() {
        Random rnd = new Random(3);
        int cut = 0;
        for (int trial = 0; trial < 60; trial++) {
            boolean rec = trial % 2 == 1;
            double tauMem = trial % 3 == 0 ? 0.010 : 0.007;
            FloatNetwork net = network(rnd, new int[] {4, 12, 3}, rec, 0.005, tauMem, 1.5);
            InputSpikes in = RandomNetworks.input(rnd, 4, 0.04);
            SpikeRecord full = SIM.simulate(net, in);
            int k = 1 + trial % 3;
            int[] needed = {k, k, k};
            SpikeRecord cone = SIM.simulateCone(net, in, needed);
            // The edge: the latest k-th output spike, or tEnd when some output fires fewer than k times.
            double edge = Double.NEGATIVE_INFINITY;
            for (double[] t : full.outputTimes()) {
                edge = t.length < k ? Double.POSITIVE_INFINITY : Math.max(edge, t[k - 1]);
            }
            for (int p = 0; p < full.layers(); p++) {
                boolean stops = p == full.layers() - 1 && !net.layer(p).hasRecurrent();
                for (int i = 0; i < full.times()[p].length; i++) {
                    double[] f = full.times(p, i);
                    double[] c = cone.times(p, i);
                    int expected = 0;
                    while (expected < f.length && f[expected] <= edge * (1 + 1e-12)) {
                        expected++;
                    }
                    if (stops) {
                        expected = Math.min(expected, k);
                    }
                    assertEquals(expected, c.length, "trial " + trial + " layer " + p + " neuron " + i);
                    for (int m = 0; m < c.length; m++) {
                        assertEquals(f[m], c[m], 4 * Math.ulp(f[m]), "trial " + trial + " layer " + p + " neuron " + i);
                    }
                }
            }
            cut += cone.count() < full.count() ? 1 : 0;
        }
        assertTrue(cut > 20, "the cone cut the simulation short in only " + cut + " of 60 networks");
    }

    @Test
    void aSilentOutputFallsBackToTheFullSimulation() {
        Random rnd = new Random(5);
        FloatNetwork net = network(rnd, new int[] {4, 12, 3}, false, 0.005, 0.010, 1.5);
        LayerSpec out = net.outputLayer();
        double[][] w = out.weights();
        java.util.Arrays.fill(w[2], -1.0);                 // output 2 never fires
        net = net.withLayer(1, new LayerSpec(out.name(), out.size(), out.tauSyn(), out.tauMem(), out.threshold(), w,
                null));
        InputSpikes in = RandomNetworks.input(rnd, 4, 0.04);
        SpikeRecord full = SIM.simulate(net, in);
        assertEquals(0, full.times(1, 2).length);
        SpikeRecord cone = SIM.simulateCone(net, in, new int[] {1, 1, 1});
        for (int i = 0; i < 12; i++) {
            assertEquals(java.util.Arrays.toString(full.times(0, i)), java.util.Arrays.toString(cone.times(0, i)),
                    "hidden spikes run to tEnd");
        }
        // The loss, which counts output 2 as firing at tEnd, is the full simulation's.
        TtfsLoss loss = new TtfsLoss(2, 0.004, 0.01, 0.01);
        assertEquals(loss.evaluate(full, net.tEnd()).value(), loss.evaluate(cone, net.tEnd()).value(), 0.0);
        Gradients c = new GradientEngine(GradientMode.ADJOINT).simulateAndGradient(net, in, loss);
        Gradients f = new GradientEngine(GradientMode.ADJOINT).withFullSolve().simulateAndGradient(net, in, loss);
        assertClose(f, c, 1e-12, "silent output");
    }

    @Test
    void coneGradientEqualsTheFullSolveInBothOrders() {
        Random rnd = new Random(17);
        int compared = 0;
        int smaller = 0;
        for (int trial = 0; trial < 40; trial++) {
            boolean rec = trial % 2 == 1;
            FloatNetwork net = network(rnd, new int[] {5, 15, 3}, rec, 0.005, trial % 3 == 0 ? 0.010 : 0.008,
                    2.0);
            InputSpikes in = RandomNetworks.input(rnd, 5, 0.04);
            Loss loss = switch (trial % 3) {
                case 0 -> new TtfsLoss(rnd.nextInt(3), 0.004);
                case 1 -> new TtfsLoss(rnd.nextInt(3), 0.004, 0.02, 0.01);     // with the regulariser
                default -> {                                                  // several spikes per neuron
                    double[][] targets = new double[3][];
                    for (int i = 0; i < 3; i++) {
                        targets[i] = new double[1 + rnd.nextInt(3)];
                        for (int m = 0; m < targets[i].length; m++) {
                            targets[i][m] = 0.005 * (m + 1) + 0.01 * rnd.nextDouble();
                        }
                        java.util.Arrays.sort(targets[i]);
                    }
                    yield new TargetTimeLoss(targets);
                }
            };
            for (GradientMode mode : GradientMode.values()) {
                GradientEngine engine = new GradientEngine(mode);
                Gradients cone = engine.simulateAndGradient(net, in, loss);
                Gradients full = engine.withFullSolve().simulateAndGradient(net, in, loss);
                assertEquals(full.loss(), cone.loss(), 1e-12 * Math.abs(full.loss()), "trial " + trial);
                assertClose(full, cone, 1e-10, "trial " + trial + " " + mode);
                // simulateWithSpikes: the whole record, the same gradient.
                GradientEngine.Result r = engine.simulateWithSpikes(net, in, loss);
                assertEquals(SIM.simulate(net, in), r.spikes());
                assertClose(full, r.gradients(), 1e-10, "trial " + trial + " " + mode + " with spikes");
            }
            SpikeRecord coneRecord = new GradientEngine(GradientMode.ADJOINT).simulateForLoss(net, in, loss);
            smaller += coneRecord.count() < SIM.simulate(net, in).count() ? 1 : 0;
            compared++;
        }
        assertEquals(40, compared);
        assertTrue(smaller >= 10, "the cone was smaller than the full record in only " + smaller + " cases");
    }

    @Test
    void coneGradientMatchesFiniteDifferencesOnAHighActivityNetwork() {
        // Outputs fire many times; the ttfs loss reads only their first spikes. Hidden neurons fire several
        // times (reset terms) and, in half the cases, interact through recurrent weights.
        Random rnd = new Random(23);
        int checked = 0;
        for (int trial = 0; trial < 30 && checked < 4; trial++) {
            boolean rec = trial % 2 == 1;
            FloatNetwork net = network(rnd, new int[] {5, 20, 3}, rec, 0.005, 0.010, 3.0);
            InputSpikes in = RandomNetworks.input(rnd, 5, 0.04);
            SpikeRecord full = SIM.simulate(net, in);
            int minOut = Integer.MAX_VALUE;
            for (double[] t : full.outputTimes()) {
                minOut = Math.min(minOut, t.length);
            }
            if (minOut < 3) {
                continue;                    // wanted: every output fires several times
            }
            Loss loss = new TtfsLoss(rnd.nextInt(3), 0.004);
            SpikeRecord cone = new GradientEngine(GradientMode.FP).simulateForLoss(net, in, loss);
            assertTrue(cone.count() < full.count(), "the cone is smaller than the whole record");
            FiniteDifferenceCheck fd = new FiniteDifferenceCheck(1e-5);
            List<FiniteDifferenceCheck.Entry> entries = fd.numeric(net, in, loss, 60, rnd);
            if (fd.gaveUp || fd.skipped > entries.size()) {
                continue;
            }
            for (GradientMode mode : GradientMode.values()) {
                Gradients g = new GradientEngine(mode).simulateAndGradient(net, in, loss);
                double floor = Math.max(1e-4 * FiniteDifferenceCheck.maxAbs(entries, g), 5e-5);
                StringBuilder worst = new StringBuilder();
                double e = FiniteDifferenceCheck.worst(entries, g, floor, worst);
                assertTrue(e < 1e-6, "trial " + trial + " " + mode + " vs finite differences: " + worst);
            }
            checked++;
        }
        assertTrue(checked >= 3, "only " + checked + " high-activity networks were usable");
    }

    @Test
    void lossesDeclareWhatTheyRead() {
        assertEquals(1, new TtfsLoss(0, 0.005).outputSpikesRead(2));
        TargetTimeLoss t = new TargetTimeLoss(new double[][] {{0.01, 0.02}, {}});
        assertEquals(2, t.outputSpikesRead(0));
        assertEquals(0, t.outputSpikesRead(1));
        assertEquals(Loss.ALL_SPIKES, new SpikeCountLoss(new double[] {1, 2}).outputSpikesRead(0));
        Loss custom = (spikes, tEnd) -> new LossValue(0, new double[0][]);
        assertEquals(Loss.ALL_SPIKES, custom.outputSpikesRead(0), "a loss that says nothing gets the full run");
    }

    @Test
    void badConeRequestsAreRejected() {
        Random rnd = new Random(1);
        FloatNetwork net = network(rnd, new int[] {3, 4, 2}, false, 0.005, 0.01, 1.0);
        InputSpikes in = RandomNetworks.input(rnd, 3, 0.04);
        var e = assertThrows(IllegalArgumentException.class, () -> SIM.simulateCone(net, in, new int[] {1}));
        assertTrue(e.getMessage().contains("2 output neurons"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SIM.simulateCone(net, in, new int[] {1, -1}));
        Loss negative = new Loss() {
            @Override
            public LossValue evaluate(SpikeRecord spikes, double tEnd) {
                return new LossValue(0, new double[][] {new double[spikes.outputTimes()[0].length],
                        new double[spikes.outputTimes()[1].length]});
            }

            @Override
            public int outputSpikesRead(int neuron) {
                return -2;
            }
        };
        var n = assertThrows(IllegalStateException.class,
                () -> new GradientEngine(GradientMode.FP).simulateAndGradient(net, in, negative));
        assertTrue(n.getMessage().contains("output neuron 0"), n.getMessage());
        SpikeRecord none = SIM.simulateCone(net, in, new int[] {0, 0});
        assertSame(0, none.count(1));
    }

    private static void assertClose(Gradients expected, Gradients actual, double rel, String what) {
        double scale = 0;
        for (double[][] m : expected.weights()) {
            for (double[] row : m) {
                for (double v : row) {
                    scale = Math.max(scale, Math.abs(v));
                }
            }
        }
        double tol = rel * Math.max(scale, 1e-300);
        for (int p = 0; p < expected.weights().size(); p++) {
            double[][] a = expected.weights().get(p);
            double[][] b = actual.weights().get(p);
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[i].length; j++) {
                    assertEquals(a[i][j], b[i][j], tol, what + " weight " + p + "[" + i + "][" + j + "]");
                }
            }
            if (expected.recurrent().get(p) != null) {
                double[][] ra = expected.recurrent().get(p);
                double[][] rb = actual.recurrent().get(p);
                for (int i = 0; i < ra.length; i++) {
                    for (int j = 0; j < ra[i].length; j++) {
                        assertEquals(ra[i][j], rb[i][j], tol + rel * Math.abs(ra[i][j]), what + " recurrent " + p);
                    }
                }
            }
            assertEquals(expected.thresholds()[p], actual.thresholds()[p],
                    rel * Math.max(Math.abs(expected.thresholds()[p]), 1e-300) + tol, what + " threshold " + p);
        }
    }
}
