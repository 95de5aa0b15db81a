package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.LifKernel;
import dev.spikeloop.runtime.sim.SpikeRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The running-sum implicit system and the matrix-free adjoint ({@link AdjointSweep}) against an independent
 * pairwise reference: every term of every pair written out with {@link LifKernel}, no cut-off, the dense
 * Jacobian solved by back substitution. On sparse recurrent networks whose neurons spike many times
 * ({@link TemporalCases}), with a loss that differentiates hidden and output spikes alike (count loss plus
 * burst penalty), both gradient orders agree with the reference to 1e-9 of the largest gradient entry, the
 * diagonal equals the reference slopes, the forward order's rows from running sums ({@link ForwardSweep})
 * equal those of the substitution through the stored Jacobian, and the stored Jacobian skips masked weights. Plus central finite
 * differences (relative error below 1e-6) on a sparse recurrent network with many spikes per neuron.
 */
class RunningSumsGradientTest {

    /** The reference gradient {@code -lambda^T dG/dtheta} with {@code L^T lambda = dF}, every pair visited. */
    private static final class Pairwise {
        final double[] slope;
        final GradientArrays grad;
        final int offDiagonal;

        Pairwise(FloatNetwork net, InputSpikes in, SpikeRecord r, double[] dF) {
            SpikeIndex index = new SpikeIndex(r);
            int n = index.size();
            double[][] l = new double[n][n];
            slope = new double[n];
            double[][] dW = new double[n][];
            double[][] dR = new double[n][];
            double[] dTheta = new double[n];
            double[] dB = new double[n];
            int entries = 0;
            for (int e = 0; e < n; e++) {
                int p = index.layer(e);
                int i = index.neuron(e);
                double f = index.time(e);
                LayerSpec layer = net.layer(p);
                LifKernel k = new LifKernel(layer.tauSynOf(i), layer.tauMemOf(i));
                double[][] pre = p == 0 ? in.times() : r.times()[p - 1];
                dW[e] = new double[pre.length];
                for (int j = 0; j < pre.length; j++) {
                    for (int m = 0; m < pre[j].length; m++) {
                        double g = pre[j][m];
                        if (g < f) {
                            dW[e][j] += k.k(f - g);
                            double entry = layer.weights()[i][j] * k.kPrime(f - g);
                            slope[e] += entry;
                            if (p > 0 && entry != 0) {
                                l[e][index.index(p - 1, j, m)] -= entry;
                                entries++;
                            }
                        }
                    }
                }
                double[][] own = r.times()[p];
                double sumReset = 0;
                if (layer.hasRecurrent()) {
                    dR[e] = new double[own.length];
                }
                for (int j = 0; j < own.length; j++) {
                    boolean psp = layer.hasRecurrent() && (j != i || layer.countsSelfConnections());
                    for (int m = 0; m < own[j].length; m++) {
                        double g = own[j][m];
                        if (!(g < f)) {
                            continue;
                        }
                        double entry = 0;
                        if (psp) {
                            dR[e][j] += k.k(f - g);
                            entry += layer.recurrent()[i][j] * k.kPrime(f - g);
                        }
                        if (j == i) {
                            double decay = k.reset(f - g);
                            sumReset += decay;
                            entry += layer.thresholdOf(i) / k.tauMem() * decay;
                        }
                        slope[e] += entry;
                        if (entry != 0) {
                            l[e][index.index(p, j, m)] -= entry;
                            entries++;
                        }
                    }
                }
                if (layer.detail().bias() != null) {
                    slope[e] += layer.biasOf(i) / k.tauMem() * Math.exp(-f / k.tauMem());
                    dB[e] = 1 - Math.exp(-f / k.tauMem());
                }
                double share = layer.detail().threshold() == null ? 1 : layer.thresholdOf(i) / layer.threshold();
                dTheta[e] = -(1 + sumReset) * share;
                l[e][e] = slope[e];
            }
            offDiagonal = entries;
            double[] lambda = new double[n];
            for (int m = n - 1; m >= 0; m--) {
                double s = dF[m];
                for (int e = m + 1; e < n; e++) {
                    s -= l[e][m] * lambda[e];
                }
                lambda[m] = s / l[m][m];
            }
            grad = new GradientArrays(net);
            for (int e = 0; e < n; e++) {
                int p = index.layer(e);
                int i = index.neuron(e);
                for (int j = 0; j < dW[e].length; j++) {
                    grad.weights[p][i][j] -= lambda[e] * dW[e][j];
                }
                if (dR[e] != null) {
                    for (int j = 0; j < dR[e].length; j++) {
                        grad.recurrent[p][i][j] -= lambda[e] * dR[e][j];
                    }
                }
                grad.thresholds[p] -= lambda[e] * dTheta[e];
                if (grad.biases[p] != null) {
                    grad.biases[p][i] -= lambda[e] * dB[e];
                }
            }
        }
    }

    private static Loss loss(FloatNetwork net, int label) {
        return new RegularisedLoss(new CountLoss(label, 1.0, net.tEnd()), new BurstPenalty(0.1, 0.003));
    }

    /** dLoss/dF in the global order. */
    private static double[] dLoss(SpikeIndex index, SpikeRecord r, Loss loss, double tEnd) {
        RecordLoss.Value v = ((RecordLoss) loss).evaluateAll(r, tEnd);
        double[] d = new double[index.size()];
        for (int p = 0; p < r.layers(); p++) {
            for (int i = 0; i < v.dTimes()[p].length; i++) {
                for (int k = 0; k < v.dTimes()[p][i].length; k++) {
                    d[index.index(p, i, k)] = v.dTimes()[p][i][k];
                }
            }
        }
        return d;
    }

    /** The largest |entry| of {@code ref} and the largest |difference|, over every parameter. */
    private static double[] compare(Gradients ref, Gradients g) {
        double scale = 0;
        double diff = 0;
        for (int p = 0; p < ref.weights().size(); p++) {
            double[][][] pairs = {ref.weights().get(p), g.weights().get(p), ref.recurrent().get(p),
                g.recurrent().get(p), ref.biases().get(p) == null ? null : new double[][] {ref.biases().get(p)},
                g.biases().get(p) == null ? null : new double[][] {g.biases().get(p)}};
            for (int q = 0; q < pairs.length; q += 2) {
                if (pairs[q] == null) {
                    continue;
                }
                for (int i = 0; i < pairs[q].length; i++) {
                    for (int j = 0; j < pairs[q][i].length; j++) {
                        scale = Math.max(scale, Math.abs(pairs[q][i][j]));
                        diff = Math.max(diff, Math.abs(pairs[q][i][j] - pairs[q + 1][i][j]));
                    }
                }
            }
            scale = Math.max(scale, Math.abs(ref.thresholds()[p]));
            diff = Math.max(diff, Math.abs(ref.thresholds()[p] - g.thresholds()[p]));
        }
        return new double[] {scale, diff};
    }

    @Test
    void bothOrdersMatchThePairwiseFullSolveOnSparseRecurrentMultiSpikeNetworks() {
        TemporalCases.Case[] cases = TemporalCases.cases(SimulationUnchangedTest.SEED);
        double worst = 0;
        for (int c = 0; c < cases.length; c++) {
            FloatNetwork net = cases[c].net();
            InputSpikes in = cases[c].in();
            SpikeRecord r = new EventSimulator().simulate(net, in);
            int maxPerNeuron = 0;
            for (double[][] layer : r.times()) {
                for (double[] t : layer) {
                    maxPerNeuron = Math.max(maxPerNeuron, t.length);
                }
            }
            assertTrue(maxPerNeuron >= 5, cases[c].name() + ": neurons should spike many times, at most " + maxPerNeuron);
            Loss loss = loss(net, c % 3);
            SpikeIndex index = new SpikeIndex(r);
            Pairwise ref = new Pairwise(net, in, r, dLoss(index, r, loss, net.tEnd()));
            Gradients reference = ref.grad.toGradients(0, GuardCounts.NONE);
            // the diagonal from running sums equals the pairwise slopes
            ImplicitSystem terms = ImplicitSystem.terms(net, in, r, 0.01, false);
            for (int e = 0; e < index.size(); e++) {
                assertEquals(ref.slope[e], terms.slopes[e], 1e-9 * Math.abs(ref.slope[e]) + 1e-12,
                        cases[c].name() + ": slope of spike " + e);
            }
            // without a cut-off the stored Jacobian holds exactly the pairs of connected neurons
            ImplicitSystem uncut = ImplicitSystem.build(net, in, r, 0.01, false, 0);
            assertEquals(ref.offDiagonal, uncut.rowPtr[uncut.size()] - uncut.size(), cases[c].name() + ": entries");
            // every row of dF/dtheta: running sums of rows against substitution through the uncut stored L
            assertRowsEqual(ForwardSolver.rows(net, uncut), ForwardSolver.rows(net, terms), cases[c].name());
            ImplicitSystem stored = ImplicitSystem.build(net, in, r, 0.01, false);
            for (GradientMode mode : GradientMode.values()) {
                Gradients g = new GradientEngine(mode).simulateWithSpikes(net, in, loss).gradients();
                double[] sd = compare(reference, g);
                assertTrue(sd[0] > 0, cases[c].name() + ": zero gradient");
                assertTrue(sd[1] <= 1e-9 * sd[0], cases[c].name() + ", " + mode + ": " + sd[1] + " of " + sd[0]);
                worst = Math.max(worst, sd[1] / sd[0]);
            }
            // the adjoint on the stored (cut) Jacobian, the order used before the matrix-free sweep
            GradientArrays old = new GradientArrays(net);
            AdjointSolver.solve(stored, dLoss(stored.index, r, loss, net.tEnd()), old);
            double[] sd = compare(reference, old.toGradients(0, GuardCounts.NONE));
            assertTrue(sd[1] <= 1e-9 * sd[0], cases[c].name() + ", stored Jacobian: " + sd[1] + " of " + sd[0]);
        }
        System.out.println("running sums vs pairwise reference: worst relative difference " + worst);
    }

    /** Same rows of dF/dtheta, each to 1e-9 of its largest entry (the stored path lists indices unsorted). */
    private static void assertRowsEqual(ForwardSolver.Rows expected, ForwardSolver.Rows actual, String name) {
        double[] dense = new double[expected.parameters()];
        for (int e = 0; e < expected.index().length; e++) {
            java.util.Arrays.fill(dense, 0);
            double scale = 0;
            for (int t = 0; t < expected.index()[e].length; t++) {
                dense[expected.index()[e][t]] = expected.value()[e][t];
                scale = Math.max(scale, Math.abs(expected.value()[e][t]));
            }
            for (int t = 0; t < actual.index()[e].length; t++) {
                int c = actual.index()[e][t];
                assertEquals(dense[c], actual.value()[e][t], 1e-9 * scale, name + ": row " + e + " parameter " + c);
                dense[c] = 0;
            }
            for (double left : dense) {
                assertEquals(0, left, 1e-9 * scale, name + ": row " + e + " misses a parameter");
            }
        }
    }

    @Test
    void maskedWeightsAddNoJacobianEntries() {
        TemporalCases.Case c = TemporalCases.cases(SimulationUnchangedTest.SEED)[0];
        FloatNetwork net = c.net();
        SpikeRecord r = new EventSimulator().simulate(net, c.in());
        ImplicitSystem sys = ImplicitSystem.build(net, c.in(), r, 0.01, false);
        SpikeIndex index = sys.index;
        for (int e = 0; e < sys.size(); e++) {
            int p = index.layer(e);
            int i = index.neuron(e);
            for (int k = sys.rowPtr[e]; k < sys.rowPtr[e + 1] - 1; k++) {
                int m = sys.cols[k];
                int q = index.layer(m);
                int j = index.neuron(m);
                double w = q == p ? (j == i ? 1 : net.layer(p).recurrent()[i][j]) : net.layer(p).weights()[i][j];
                assertTrue(w != 0, "entry of spike " + e + " for a masked source " + q + "/" + j);
            }
        }
        assertTrue(ImplicitSystem.terms(net, c.in(), r, 0.01, false).rowPtr == null);
    }

    @Test
    void finiteDifferencesOnASparseRecurrentNetworkWithManySpikesPerNeuron() {
        Random rnd = new Random(161);
        int checked = 0;
        double worst = 0;
        for (int trial = 0; trial < 8 && checked < 2; trial++) {
            double tEnd = 0.06;
            FloatNetwork net = TemporalCases.sparseRecurrence(RandomNetworks.network(rnd, new int[] {3, 8, 3}, true,
                    0.002, 0.004, tEnd), rnd, 3);
            InputSpikes in = TemporalCases.denseInput(rnd, 3, 8, tEnd);
            SpikeRecord r = new EventSimulator().simulate(net, in);
            int multi = 0;
            for (double[] t : r.times()[0]) {
                multi += t.length >= 4 ? 1 : 0;
            }
            if (multi < 3) {
                continue;
            }
            Loss loss = loss(net, trial % 3);
            FiniteDifferenceCheck fd = new FiniteDifferenceCheck(1e-5);
            List<FiniteDifferenceCheck.Entry> entries = fd.numeric(net, in, loss, 40, rnd);
            if (fd.gaveUp || entries.size() < 10) {
                continue;
            }
            for (GradientMode mode : GradientMode.values()) {
                Gradients g = new GradientEngine(mode).simulateAndGradient(net, in, loss);
                double floor = Math.max(1e-4 * FiniteDifferenceCheck.maxAbs(entries, g), 3e-3);
                StringBuilder detail = new StringBuilder();
                double err = FiniteDifferenceCheck.worst(entries, g, floor, detail);
                assertTrue(err < 1e-6, mode + " vs finite differences: " + detail);
                worst = Math.max(worst, err);
            }
            checked++;
        }
        assertTrue(checked >= 1, "no network could be checked");
        System.out.println("sparse recurrent multi-spike: checked " + checked + ", worst relative error " + worst);
    }
}
