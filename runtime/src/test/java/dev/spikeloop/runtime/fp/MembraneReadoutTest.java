package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerDetail;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.LifKernel;
import dev.spikeloop.runtime.sim.SpikeRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The membrane readout (closed form, simulator, loss) and its exact gradients against central finite
 * differences in both orders, on small recurrent networks whose hidden neurons spike many times.
 */
class MembraneReadoutTest {
    private static final double TOLERANCE = 1e-6;
    /**
     * Each case has its finite-difference step and a floor: gradients below the floor are compared against
     * it. The loss carries rounding noise of ~1e-14 (spike times found to a few ulps, summed over tens of
     * spikes), so a central difference at step h has noise ~1e-14/h; short runs take h = 1e-5 (floor 1e-6,
     * the readout's smooth closed form resolves far smaller values than a spike-count loss), the long
     * cut-kernel runs, with hundreds of spikes and sharper kernels, h = 3e-5 or 1e-4 (floor 3e-4).
     */

    /** {@code net} with its output layer made a membrane readout (with biases when {@code bias}). */
    static FloatNetwork readout(FloatNetwork net, boolean bias, Random rnd) {
        return readout(net, bias, rnd, 1);
    }

    /** The same read in {@code windows} windows per class (the output layer has classes x windows neurons). */
    static FloatNetwork readout(FloatNetwork net, boolean bias, Random rnd, int windows) {
        LayerSpec out = net.outputLayer();
        double[] b = null;
        if (bias) {
            b = new double[out.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextDouble() - 0.5;
            }
        }
        // per-neuron time constants on one readout neuron exercise the per-neuron kernels
        double[] tm = new double[out.size()];
        Arrays.fill(tm, out.tauMem());
        tm[out.size() - 1] = 1.7 * out.tauMem();
        LayerDetail d = new LayerDetail(null, tm, null, b, false, false, false).withReadoutWindows(windows);
        return net.withLayer(net.layerCount() - 1, out.withDetail(d));
    }

    static Stream<Arguments> cases() {
        // name, sizes, tauSyn, tauMem, tEnd, input spikes per channel, readout bias, step, floor
        return Stream.of(
                Arguments.of("3-6-3 recurrent closed form", new int[] {3, 6, 3}, 0.005, 0.010, 0.06, 4, true, 1e-5, 1e-6),
                Arguments.of("4-8-3 recurrent root search, bias", new int[] {4, 8, 3}, 0.004, 0.007, 0.06, 4, true, 1e-5,
                        1e-6),
                Arguments.of("3-6-5-3 two recurrent layers", new int[] {3, 6, 5, 3}, 0.005, 0.010, 0.06, 5, false, 1e-5,
                        1e-6),
                Arguments.of("3-6-3 recurrent closed form, cut kernel", new int[] {3, 6, 3}, 0.001, 0.002, 0.25, 25, false,
                        3e-5, 3e-4),
                Arguments.of("4-6-4 recurrent root search, cut kernel, bias", new int[] {4, 6, 4}, 0.0012, 0.002, 0.25, 18,
                        true, 1e-4, 3e-4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void meanMembraneLossMatchesFiniteDifferencesInBothOrders(String name, int[] sizes, double tauSyn, double tauMem,
                                                               double tEnd, int perChannel, boolean bias, double step,
                                                               double noiseFloor) {
        check(ReadoutScore.MEAN, name, sizes, tauSyn, tauMem, tEnd, perChannel, bias, step, noiseFloor);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void maxMembraneLossMatchesFiniteDifferencesInBothOrders(String name, int[] sizes, double tauSyn, double tauMem,
                                                              double tEnd, int perChannel, boolean bias, double step,
                                                              double noiseFloor) {
        check(ReadoutScore.MAX, name, sizes, tauSyn, tauMem, tEnd, perChannel, bias, step, noiseFloor);
    }

    /** Two and three windows per class over the sample's span (the readout has classes x windows neurons). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void windowedMeanMembraneLossMatchesFiniteDifferencesInBothOrders(String name, int[] sizes, double tauSyn,
                                                                       double tauMem, double tEnd, int perChannel,
                                                                       boolean bias, double step, double noiseFloor) {
        for (int windows = 2; windows <= 3; windows++) {
            int[] s = sizes.clone();
            s[s.length - 1] *= windows;
            // the long runs' hundreds of spikes put some near a window's bound, where the score's higher
            // derivatives are large (k' jumps at 0): a third of their step keeps the truncation error down
            check(ReadoutScore.MEAN, name + ", " + windows + " windows", s, tauSyn, tauMem, tEnd, perChannel, bias,
                    tEnd > 0.1 ? step / 3 : step,
                    noiseFloor, windows);
        }
    }

    private static void check(ReadoutScore score, String name, int[] sizes, double tauSyn, double tauMem, double tEnd,
                              int perChannel, boolean bias, double step, double noiseFloor) {
        check(score, name, sizes, tauSyn, tauMem, tEnd, perChannel, bias, step, noiseFloor, 1);
    }

    private static void check(ReadoutScore score, String name, int[] sizes, double tauSyn, double tauMem, double tEnd,
                              int perChannel, boolean bias, double step, double noiseFloor, int windows) {
        Random rnd = new Random(17L * sizes[1] + perChannel + Math.round(tauMem * 1e5));
        int checked = 0;
        int multiSpike = 0;
        double worstSeen = 0;
        for (int trial = 0; trial < 20 && checked < 2; trial++) {
            FloatNetwork net = readout(RandomNetworks.network(rnd, sizes, true, tauSyn, tauMem, tEnd), bias, rnd, windows);
            InputSpikes in = RandomNetworks.input(rnd, sizes[0], perChannel, tEnd);
            SpikeRecord spikes = new EventSimulator().simulate(net, in);
            int hidden = spikes.layers() - 2;
            int multi = 0;
            for (double[] t : spikes.times()[hidden]) {
                multi += t.length > 1 ? 1 : 0;
            }
            if (multi < 2) {
                continue;
            }
            int label = rnd.nextInt(sizes[sizes.length - 1] / windows);
            // a spike adds about W tauSyn / T to a mean score, about W to a peak: a temperature on that scale keeps
            // the softmax neither flat nor saturated
            double beta = (0.3 + rnd.nextDouble()) * (score == ReadoutScore.MEAN ? 10 * tauSyn / tEnd : 1);
            // The mean membrane depends on a hidden spike time only through k(T - g) (its integral saturates at
            // tauSyn), so a window ending amid the activity is what gives the hidden layers a visible gradient.
            // So the window ends (0.3..1.3) tauMem after a random spike of that layer.
            double[] all = Arrays.stream(spikes.times()[hidden]).flatMapToDouble(Arrays::stream).sorted().toArray();
            double window = Math.min(tEnd, all[rnd.nextInt(all.length)] + (0.3 + rnd.nextDouble()) * tauMem);
            // with windows, their bounds are fractions of the span (the last input spike), amid the hidden activity
            double span = ReadoutWindows.span(in, tEnd);
            // a window mean is over span / windows, not tEnd: the same temperature relative to the scores' scale
            beta *= windows == 1 ? 1 : windows * windows * tEnd / span;
            // the burst penalty on every other trial of the short runs (on the long ones its curvature near the
            // minimum interval needs steps too small for the rest; BurstPenalty is checked on its own elsewhere)
            BurstPenalty penalty = trial % 2 == 0 || tEnd > 0.1 ? null : new BurstPenalty(0.2, 3 * tauMem);
            Gradients fp = new GradientEngine(GradientMode.FP)
                    .simulateAndGradient(net, in, new MembraneLoss(net, label, beta, window, penalty, score, span));
            Gradients adj = new GradientEngine(GradientMode.ADJOINT)
                    .simulateAndGradient(net, in, new MembraneLoss(net, label, beta, window, penalty, score, span));
            assertEquals(fp.loss(), adj.loss(), 0.0);
            // a hidden spike crossing a window's end is a kink of the score: finite differences across one are skipped
            double[] bounds = windows == 1 ? new double[] {window}
                    : java.util.stream.IntStream.rangeClosed(1, windows).mapToDouble(w -> span * w / windows).toArray();
            List<FiniteDifferenceCheck.Entry> entries = numeric(net, in, label, beta, window, penalty, rnd, step, score,
                    span, bounds);
            if (entries == null || entries.size() < 15) {
                continue;
            }
            // the peak's time is found to a few ulps by bisection, which adds noise to the max score's differences
            // window means over span / W are larger terms than one mean over tEnd: the loss carries rounding of
            // ~1 ulp of its O(1) value, ~2e-16 / h = 2e-11 at h = 1e-5, so gradients are compared down to 3e-5
            double floor = Math.max(1e-7 * FiniteDifferenceCheck.maxAbs(entries, fp),
                    score == ReadoutScore.MAX ? Math.max(noiseFloor, 3e-4) : windows > 1 ? Math.max(noiseFloor, 3e-5)
                            : noiseFloor);
            StringBuilder worst = new StringBuilder();
            double e1 = FiniteDifferenceCheck.worst(entries, fp, floor, worst);
            assertTrue(e1 < TOLERANCE, name + " trial " + trial + ", FP vs finite differences: " + worst);
            double e2 = FiniteDifferenceCheck.worst(entries, adj, floor, worst);
            assertTrue(e2 < TOLERANCE, name + " trial " + trial + ", adjoint vs finite differences: " + worst);
            long hiddenChecked = entries.stream().filter(e -> e.layer() < net.layerCount() - 1)
                    .filter(e -> Math.abs(e.numeric()) > floor).count();
            if (hiddenChecked < 2) {
                continue;   // the hidden layers' gradient is below the noise here: another network must show it
            }
            worstSeen = Math.max(worstSeen, Math.max(e1, e2));
            multiSpike += multi;
            checked++;
        }
        assertTrue(checked >= 2, name + ": fewer than two random networks could be checked (with at least two hidden "
                + "parameters of visible gradient each)");
        System.out.println(score + " " + name + ": checked " + checked + ", multi-spike hidden neurons " + multiSpike
                + ", worst relative error " + worstSeen);
    }

    /**
     * Central differences (one Richardson step) of the simulated membrane loss: the loss is rebuilt on the
     * perturbed network, since the readout weights and biases enter it directly. Every readout weight and
     * bias, up to 40 hidden weights and recurrent weights and the hidden thresholds; perturbations that change
     * a spike count or a causal order are skipped (null when most do).
     */
    private static List<FiniteDifferenceCheck.Entry> numeric(FloatNetwork net, InputSpikes in, int label, double beta,
                                                             double window, BurstPenalty penalty, Random rnd,
                                                             double step, ReadoutScore score, double span,
                                                             double[] bounds) {
        EventSimulator sim = new EventSimulator();
        SpikeRecord base = sim.simulate(net, in);
        int[] causal = FiniteDifferenceCheck.causalCounts(net, in, base);
        int last = net.layerCount() - 1;
        List<int[]> hidden = new ArrayList<>();
        List<int[]> chosen = new ArrayList<>();
        for (int p = 0; p < net.layerCount(); p++) {
            LayerSpec l = net.layer(p);
            for (int i = 0; i < l.size(); i++) {
                for (int j = 0; j < net.fanIn(p); j++) {
                    (p == last ? chosen : hidden).add(new int[] {'W', p, i, j});
                }
                if (l.hasRecurrent()) {
                    for (int j = 0; j < l.size(); j++) {
                        if (j != i) {
                            hidden.add(new int[] {'R', p, i, j});
                        }
                    }
                }
                if (p == last && l.detail().bias() != null) {
                    chosen.add(new int[] {'B', p, i, -1});
                }
            }
            if (p < last) {
                chosen.add(new int[] {'T', p, -1, -1});
            }
        }
        Collections.shuffle(hidden, rnd);
        chosen.addAll(hidden.subList(0, Math.min(40, hidden.size())));
        List<FiniteDifferenceCheck.Entry> out = new ArrayList<>();
        int skipped = 0;
        double[] steps = {step, -step, 2 * step, -2 * step};
        for (int[] c : chosen) {
            double[] v = new double[4];
            boolean ok = true;
            for (int s = 0; s < 4 && ok; s++) {
                FloatNetwork moved = FiniteDifferenceCheck.perturb(net, (char) c[0], c[1], c[2], c[3], steps[s]);
                SpikeRecord r = sim.simulate(moved, in);
                // a hidden spike crossing the window's end is a kink of the score (K'' jumps at 0), like a
                // change of causal order
                // for the max, a peak moving to another local maximum is a kink too
                ok = FiniteDifferenceCheck.sameCounts(base, r)
                        && Arrays.equals(causal, FiniteDifferenceCheck.causalCounts(net, in, r))
                        && Arrays.stream(bounds).allMatch(x -> before(base, x) == before(r, x))
                        && (score == ReadoutScore.MEAN || Arrays.equals(beforePeaks(net, base, window),
                        beforePeaks(moved, r, window)));
                v[s] = new MembraneLoss(moved, label, beta, window, penalty, score, span).evaluate(r, net.tEnd()).value();
            }
            if (!ok) {
                skipped++;
                if (skipped > 20 && skipped > 2 * out.size()) {
                    return null;
                }
                continue;
            }
            double d1 = (v[0] - v[1]) / (2 * step);
            double d2 = (v[2] - v[3]) / (4 * step);
            out.add(new FiniteDifferenceCheck.Entry((char) c[0], c[1], c[2], c[3], (4 * d1 - d2) / 3));
        }
        return out;
    }

    /** Per readout neuron, the spikes of the layer below strictly before its peak. */
    private static int[] beforePeaks(FloatNetwork net, SpikeRecord r, double window) {
        double[][] pre = r.times()[r.layers() - 2];
        double[] peaks = MembraneReadout.of(net).peakTimes(pre, window);
        int[] n = new int[peaks.length];
        for (int c = 0; c < n.length; c++) {
            for (double[] t : pre) {
                for (double g : t) {
                    n[c] += g < peaks[c] ? 1 : 0;
                }
            }
        }
        return n;
    }

    /** Spikes of the layer below the readout before {@code window}. */
    private static int before(SpikeRecord r, double window) {
        int n = 0;
        for (double[] t : r.times()[r.layers() - 2]) {
            for (double g : t) {
                n += g < window ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void scoresAreTheTimeAverageOfTheTrajectoryAndTheSimulatorLeavesTheReadoutSilent() {
        Random rnd = new Random(3);
        FloatNetwork net = readout(RandomNetworks.network(rnd, new int[] {3, 8, 4}, true, 0.004, 0.007, 0.05), true,
                rnd);
        InputSpikes in = RandomNetworks.input(rnd, 3, 5, 0.05);
        SpikeRecord r = new EventSimulator().simulate(net, in);
        for (double[] t : r.outputTimes()) {
            assertEquals(0, t.length, "a membrane readout never spikes");
        }
        MembraneReadout m = MembraneReadout.of(net);
        double[][] pre = r.times()[0];
        assertTrue(Arrays.stream(pre).mapToInt(t -> t.length).sum() > 10, "the hidden layer must be active");
        double window = 0.045;
        // Simpson's rule on a fine grid of the event-by-event trajectory (kinks at spike times: error ~ h^2)
        int n = 90_000;
        double[] grid = new double[n + 1];
        for (int q = 0; q <= n; q++) {
            grid[q] = window * q / n;
        }
        double[][] v = m.trajectory(pre, grid);
        double[] s = m.scores(pre, window);
        for (int c = 0; c < m.size(); c++) {
            double sum = 0;
            for (int q = 0; q <= n; q++) {
                sum += (q == 0 || q == n ? 1 : q % 2 == 1 ? 4 : 2) * v[q][c];
            }
            double mean = sum * (window / n) / 3 / window;
            assertEquals(mean, s[c], 1e-7 * (1 + Math.abs(s[c])), "readout " + c);
        }
        // the max score is the largest membrane: no grid point above it, and the grid's best within rounding of it
        double[] mx = m.scores(pre, window, ReadoutScore.MAX);
        for (int c = 0; c < m.size(); c++) {
            double gridMax = 0;
            for (int q = 0; q <= n; q++) {
                gridMax = Math.max(gridMax, v[q][c]);
            }
            assertTrue(gridMax <= mx[c] + 1e-12 * (1 + Math.abs(mx[c])), "readout " + c + ": grid " + gridMax + " > " + mx[c]);
            assertEquals(mx[c], gridMax, 1e-6 * (1 + Math.abs(mx[c])), "readout " + c);
        }
        // the trajectory against the formula written out term by term at a few times
        LayerSpec out = net.outputLayer();
        for (double t : new double[] {0.003, 0.017, 0.031, 0.049}) {
            double[][] vt = m.trajectory(pre, new double[] {t});
            for (int c = 0; c < m.size(); c++) {
                LifKernel k = new LifKernel(out.tauSynOf(c), out.tauMemOf(c));
                double expect = out.biasOf(c) * (1 - Math.exp(-t / out.tauMemOf(c)));
                for (int j = 0; j < pre.length; j++) {
                    for (double g : pre[j]) {
                        expect += out.weights()[c][j] * k.k(t - g);
                    }
                }
                assertEquals(expect, vt[0][c], 1e-12 * (1 + Math.abs(expect)));
            }
        }
    }

    @Test
    void lossByHandAndErrors() {
        double[] s = {0.5, 2.0, -1.0};
        double[] d = new double[3];
        double v = MembraneLoss.crossEntropy(s, 2, 0.5, d);
        double z = Math.exp(1.0) + Math.exp(4.0) + Math.exp(-2.0);
        assertEquals(2.0 + Math.log(z), v, 1e-12);
        assertEquals((Math.exp(-2.0) / z - 1) / 0.5, d[2], 1e-12);
        assertEquals(Math.exp(4.0) / z / 0.5, d[1], 1e-12);
        Random rnd = new Random(1);
        FloatNetwork spiking = RandomNetworks.network(rnd, new int[] {2, 3, 2}, false, 0.005, 0.01, 0.04);
        String m = assertThrows(IllegalArgumentException.class, () -> new MembraneLoss(spiking, 0, 1, 0.04, null))
                .getMessage();
        assertTrue(m.contains("output layer 'l2' spikes"), m);
        FloatNetwork net = readout(spiking, false, rnd);
        m = assertThrows(IllegalArgumentException.class, () -> new MembraneLoss(net, 2, 1, 0.04, null)).getMessage();
        assertTrue(m.contains("label 2 is out of range"), m);
        assertThrows(IllegalArgumentException.class, () -> new MembraneLoss(net, 0, 0, 0.04, null));
        assertThrows(IllegalArgumentException.class, () -> new MembraneLoss(net, 0, 1, 0, null));
    }
}
