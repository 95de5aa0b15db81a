package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.SpikeRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The temporal (time-weighted count) loss and the burst penalty against central finite differences,
 * in both orders, on small recurrent networks whose neurons spike many times, and the kernel cut-off
 * on samples long enough for it to act.
 */
class TemporalLossFiniteDifferenceTest {
    private static final double TOLERANCE = 1e-6;
    private static final double FD_STEP = 1e-5;
    /**
     * Gradients below this are compared against it: the loss sums terms over tens of spikes, each time
     * found to a few ulps, so the loss carries rounding noise of ~1e-14 and its central difference at a
     * step of 1e-5 up to ~3e-9, which cannot resolve 1e-6 of values under ~3e-3 (a smaller step is worse).
     */
    private static final double NOISE_FLOOR = 3e-3;

    static Stream<Arguments> cases() {
        // name, sizes, tauSyn, tauMem, tEnd, input spikes per channel
        return Stream.of(
                Arguments.of("3-6-3 recurrent closed form, short", new int[] {3, 6, 3}, 0.005, 0.010, 0.06, 4),
                Arguments.of("4-8-3 recurrent root search, short", new int[] {4, 8, 3}, 0.004, 0.007, 0.06, 4),
                Arguments.of("3-6-3 recurrent closed form, cut kernel", new int[] {3, 6, 3}, 0.001, 0.002, 0.25, 25),
                Arguments.of("4-6-4 recurrent root search, cut kernel", new int[] {4, 6, 4}, 0.0012, 0.002, 0.25, 18));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void countLossMatchesFiniteDifferences(String name, int[] sizes, double tauSyn, double tauMem, double tEnd,
                                           int perChannel) {
        check(name, sizes, tauSyn, tauMem, tEnd, perChannel,
                (rnd, net) -> new CountLoss(rnd.nextInt(sizes[sizes.length - 1]), 0.7, 0.9 * net.tEnd()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void regularisedCountLossMatchesFiniteDifferences(String name, int[] sizes, double tauSyn, double tauMem,
                                                      double tEnd, int perChannel) {
        // The minimum interval is set so that many hidden pairs are penalised.
        check(name, sizes, tauSyn, tauMem, tEnd, perChannel,
                (rnd, net) -> new RegularisedLoss(new CountLoss(rnd.nextInt(sizes[sizes.length - 1]), 0.7, net.tEnd()),
                        new BurstPenalty(0.3, 3 * tauMem)));
    }

    private interface LossFactory {
        Loss create(Random rnd, FloatNetwork net);
    }

    private void check(String name, int[] sizes, double tauSyn, double tauMem, double tEnd, int perChannel,
                       LossFactory losses) {
        Random rnd = new Random(31L * sizes[1] + perChannel + Math.round(tauMem * 1e5));
        int checked = 0;
        int multiSpikeOutputs = 0;
        int penalised = 0;
        double worstSeen = 0;
        for (int trial = 0; trial < 20 && checked < 2; trial++) {
            FloatNetwork net = RandomNetworks.network(rnd, sizes, true, tauSyn, tauMem, tEnd);
            InputSpikes in = RandomNetworks.input(rnd, sizes[0], perChannel, tEnd);
            SpikeRecord spikes = new EventSimulator().simulate(net, in);
            int last = spikes.layers() - 1;
            int multi = 0;
            for (double[] t : spikes.outputTimes()) {
                multi += t.length > 1 ? 1 : 0;
            }
            if (multi == 0) {
                continue;
            }
            Loss loss = losses.create(rnd, net);
            if (loss instanceof RecordLoss r) {
                double[][][] d = r.evaluateAll(spikes, tEnd).dTimes();
                for (int l = 0; l < last; l++) {
                    for (double[] row : d[l]) {
                        for (double v : row) {
                            penalised += v != 0 ? 1 : 0;
                        }
                    }
                }
            }
            Gradients fp = new GradientEngine(GradientMode.FP).simulateAndGradient(net, in, loss);
            Gradients adj = new GradientEngine(GradientMode.ADJOINT).simulateAndGradient(net, in, loss);
            assertEquals(fp.loss(), adj.loss(), 0.0);
            FiniteDifferenceCheck fd = new FiniteDifferenceCheck(FD_STEP);
            List<FiniteDifferenceCheck.Entry> entries = fd.numeric(net, in, loss, 60, rnd);
            if (fd.gaveUp || fd.skipped > entries.size() || entries.size() < 10) {
                continue;
            }
            double floor = Math.max(1e-4 * FiniteDifferenceCheck.maxAbs(entries, fp), NOISE_FLOOR);
            StringBuilder worst = new StringBuilder();
            double e1 = FiniteDifferenceCheck.worst(entries, fp, floor, worst);
            assertTrue(e1 < TOLERANCE, name + " trial " + trial + ", FP vs finite differences: " + worst);
            double e2 = FiniteDifferenceCheck.worst(entries, adj, floor, worst);
            assertTrue(e2 < TOLERANCE, name + " trial " + trial + ", adjoint vs finite differences: " + worst);
            worstSeen = Math.max(worstSeen, Math.max(e1, e2));
            multiSpikeOutputs += multi;
            checked++;
        }
        assertTrue(checked >= 2, name + ": fewer than two random networks could be checked");
        assertTrue(multiSpikeOutputs > 0);
        System.out.println(name + ": checked " + checked + ", multi-spike outputs " + multiSpikeOutputs
                + ", penalised hidden spikes " + penalised + ", worst relative error " + worstSeen);
    }

    @Test
    void cutKernelDropsPairsAndKeepsTheGradient() {
        Random rnd = new Random(5);
        double tauSyn = 0.001;
        double tauMem = 0.002;
        double tEnd = 0.5;
        double horizon = ImplicitSystem.horizon(tauSyn, tauMem, ImplicitSystem.RELATIVE_BOUND);
        // The bound holds at the horizon and the horizon is the first such point (to the iteration's tolerance).
        assertTrue((1 + horizon / tauSyn) * Math.exp(-horizon / tauMem) <= ImplicitSystem.RELATIVE_BOUND * (1 + 1e-9));
        double before = 0.999 * horizon;
        assertTrue((1 + before / tauSyn) * Math.exp(-before / tauMem) > ImplicitSystem.RELATIVE_BOUND);
        assertTrue(horizon < tEnd / 4, "the test needs samples several horizons long");
        for (int trial = 0; trial < 3; trial++) {
            FloatNetwork net = RandomNetworks.network(rnd, new int[] {4, 10, 3}, true, tauSyn, tauMem, tEnd);
            InputSpikes in = RandomNetworks.input(rnd, 4, 60, tEnd);
            SpikeRecord spikes = new EventSimulator().simulate(net, in);
            ImplicitSystem cut = ImplicitSystem.build(net, in, spikes, 0.01, false);
            ImplicitSystem full = ImplicitSystem.build(net, in, spikes, 0.01, false, 0);
            assertTrue(cut.rowPtr[cut.size()] < full.rowPtr[full.size()] / 2,
                    "cut " + cut.rowPtr[cut.size()] + " entries vs " + full.rowPtr[full.size()]);
            Loss loss = new RegularisedLoss(new CountLoss(trial % 3, 1.0, tEnd), new BurstPenalty(0.1, 0.004));
            double[] dF = new double[cut.size()];
            RecordLoss.Value v = ((RecordLoss) loss).evaluateAll(spikes, tEnd);
            for (int l = 0; l < spikes.layers(); l++) {
                for (int i = 0; i < v.dTimes()[l].length; i++) {
                    for (int k = 0; k < v.dTimes()[l][i].length; k++) {
                        dF[cut.index.index(l, i, k)] = v.dTimes()[l][i][k];
                    }
                }
            }
            GradientArrays a = new GradientArrays(net);
            AdjointSolver.solve(cut, dF, a);
            GradientArrays b = new GradientArrays(net);
            AdjointSolver.solve(full, dF, b);
            Gradients ga = a.toGradients(0, GuardCounts.NONE);
            Gradients gb = b.toGradients(0, GuardCounts.NONE);
            double scale = 0;
            double diff = 0;
            for (int p = 0; p < net.layerCount(); p++) {
                for (int i = 0; i < ga.weights().get(p).length; i++) {
                    for (int j = 0; j < ga.weights().get(p)[i].length; j++) {
                        scale = Math.max(scale, Math.abs(gb.weights().get(p)[i][j]));
                        diff = Math.max(diff, Math.abs(ga.weights().get(p)[i][j] - gb.weights().get(p)[i][j]));
                    }
                }
            }
            assertTrue(scale > 0);
            assertTrue(diff <= 1e-10 * scale, "cut vs full kernel: " + diff + " of " + scale);
        }
    }

    @Test
    void scoresAndLossByHand() {
        double[][] out = {{0.1, 0.5, 0.95}, {0.2}, {}};
        double[] s = CountScores.of(out, 1.0);
        assertEquals(0.9 + 0.5 + 0.05, s[0], 1e-15);
        assertEquals(0.8, s[1], 1e-15);
        assertEquals(0.0, s[2], 0.0);
        // A spike at or after the deadline counts nothing and carries no gradient.
        assertEquals(0.0, CountScores.of(new double[][] {{1.0, 1.2}}, 1.0)[0], 0.0);
        LossValue v = new CountLoss(1, 0.5, 1.0).evaluate(SpikeRecord.fromTimes(new double[][][] {out}), 1.0);
        double z = Math.exp(s[0] / 0.5) + Math.exp(s[1] / 0.5) + 1;
        assertEquals(-s[1] / 0.5 + Math.log(z), v.value(), 1e-12);
        double p1 = Math.exp(s[1] / 0.5) / z;
        assertEquals((1 - p1) / (0.5 * 1.0), v.dOutputTimes()[1][0], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new CountLoss(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new CountLoss(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new CountLoss(3, 1, 1)
                .evaluate(SpikeRecord.fromTimes(new double[][][] {out}), 1.0));
        assertThrows(IllegalArgumentException.class, () -> new BurstPenalty(1, 0));
    }

    @Test
    void burstPenaltyByHand() {
        double[][][] times = {{{0.0, 0.001, 0.010}}, {{0.5}}};
        double[][][] d = {{{0, 0, 0}}, {{0}}};
        double value = new BurstPenalty(2.0, 0.004).addTo(SpikeRecord.fromTimes(times), d);
        double x = (0.004 - 0.001) / 0.004;
        assertEquals(2.0 * x * x, value, 1e-15);           // only the first pair is closer than 4 ms
        assertEquals(2 * 2.0 * x / 0.004, d[0][0][0], 1e-9);
        assertEquals(-2 * 2.0 * x / 0.004, d[0][0][1], 1e-9);
        assertEquals(0.0, d[0][0][2], 0.0);
        assertEquals(0.0, d[1][0][0], 0.0);                 // the output layer is left alone
    }
}
