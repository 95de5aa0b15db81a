package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.network.SecondSynapse;

/**
 * The adjoint order without storing {@code L}: the backward substitution {@code L^T lambda = dLoss/dF}
 * runs over the spikes in reverse time order with running sums per neuron instead of the matrix entries.
 *
 * <p>For spike {@code m} of neuron {@code j} at {@code g}, row {@code m} of {@code L^T} couples it to every
 * later spike {@code e} (neuron {@code i}, time {@code f > g}) that it reaches:
 * <pre>
 *   lambda_m = (dLoss/dF_m + sum_i W_ij S_i(g) + (threshold_j/tauMem_j) R_j(g)) / slope_m,
 *   S_i(t) = sum_{e of i, f > t} lambda_e k_i'(f - t),   R_j(t) = sum_{e of j, f > t} lambda_e e^{-(f - t)/tauMem_j}
 * </pre>
 * with {@code W} the next layer's weights and the layer's own recurrent weights ({@code i != j}, or
 * {@code i = j} for a self-connection). {@code S_i} is carried backwards in time as running sums
 * ({@link KernelTraces}: {@code S = (a - k)/tauMem}), so each spike costs its fan-out (its neurons with a
 * non-zero weight) plus one step of the sums of every neuron, instead of one term per later spike:
 * the whole solve is linear in the number of spikes. Spikes at the same time do not act on one
 * another (strictly later only): their adjoints are computed before any of them enters the sums.
 * No kernel cut-off is needed. A second synapse (weights {@code W2}, {@code R2} onto neuron {@code i} with
 * its kernel {@code k2}) adds {@code sum_i W2_ij S2_i(g)} with {@code S2_i} the same sum over {@code k2'}:
 * the adjoints of neuron {@code i} also enter the running sums of its second kernel group. Then {@code dLoss/dtheta = -lambda^T dG/dtheta} ({@link #accumulate}).
 */
final class AdjointSweep {
    private AdjointSweep() {
    }

    static void solve(FloatNetwork net, ImplicitSystem sys, double[] dLossdF, GradientArrays out) {
        int n = sys.size();
        if (n == 0) {
            return;
        }
        accumulate(sys, adjoints(net, sys, dLossdF), out);
    }

    /** {@code lambda} with {@code L^T lambda = dLossdF}. */
    static double[] adjoints(FloatNetwork net, ImplicitSystem sys, double[] dLossdF) {
        int n = sys.size();
        int layers = net.layerCount();
        SpikeIndex index = sys.index;
        KernelGroups[] groups = new KernelGroups[layers];
        KernelTraces[] traces = new KernelTraces[layers];
        double[][] reset = new double[layers][];
        int[][][] ffOut = new int[layers][][];
        int[][][] recOut = new int[layers][][];
        double[][] resetScale = new double[layers][];
        boolean[] self = new boolean[layers];
        int[][] groupOf = new int[layers][];
        int[][] groupOf2 = new int[layers][];
        int[][][] ffOut2 = new int[layers][][];
        int[][][] recOut2 = new int[layers][][];
        for (int p = 0; p < layers; p++) {
            LayerSpec layer = net.layer(p);
            int size = layer.size();
            groups[p] = new KernelGroups(layer);
            traces[p] = new KernelTraces(groups[p].count(), size);
            reset[p] = new double[size];
            resetScale[p] = new double[size];
            groupOf[p] = new int[size];
            groupOf2[p] = new int[size];
            for (int i = 0; i < size; i++) {
                groupOf[p][i] = groups[p].of(i);
                groupOf2[p][i] = groups[p].of2(i);
                resetScale[p][i] = layer.thresholdOf(i) * groups[p].invTauMem(groupOf[p][i]);
            }
            // fan-out of layer p - 1's neurons into layer p; recurrent fan-out within layer p (j != i)
            if (p > 0) {
                ffOut[p - 1] = fanOut(layer.weights(), net.layer(p - 1).size(), false);
            }
            if (layer.hasRecurrent()) {
                recOut[p] = fanOut(layer.recurrent(), size, true);
                self[p] = layer.countsSelfConnections();
            }
            SecondSynapse second = layer.detail().synapse2();
            if (second != null) {
                if (p > 0) {
                    ffOut2[p - 1] = fanOut(second.weights(), net.layer(p - 1).size(), false);
                }
                if (second.recurrent() != null) {
                    recOut2[p] = fanOut(second.recurrent(), size, true);
                }
            }
        }
        // A layer's kernel sums are read by the layer below (p > 0) and by its own recurrence; the reset sums
        // are per neuron, carried from one of its spikes to the next (one exponential each).
        boolean[] read = new boolean[layers];
        boolean[] filled = new boolean[layers];
        for (int p = 0; p < layers; p++) {
            read[p] = p > 0 || recOut[p] != null;
        }
        double[][] resetAt = new double[layers][];
        for (int p = 0; p < layers; p++) {
            resetAt[p] = new double[net.layer(p).size()];
        }
        double[] lambda = new double[n];
        double now = Double.NaN;
        int e = n - 1;
        while (e >= 0) {
            double g = index.time(e);
            if (!Double.isNaN(now) && now > g) {
                double dt = now - g;
                for (int p = 0; p < layers; p++) {
                    if (read[p] && filled[p]) {
                        groups[p].step(dt);
                        traces[p].step(groups[p]);
                    }
                }
            }
            now = g;
            // every spike at time g first, then they enter the sums together
            int last = e;
            while (e >= 0 && index.time(e) == g) {
                int q = index.layer(e);
                int j = index.neuron(e);
                double acc = dLossdF[e];
                if (q + 1 < layers) {
                    acc += reached(ffOut[q][j], net.layer(q + 1).weights(), j, traces[q + 1], groupOf[q + 1],
                            groups[q + 1]);
                }
                if (recOut[q] != null) {
                    double[][] r = net.layer(q).recurrent();
                    acc += reached(recOut[q][j], r, j, traces[q], groupOf[q], groups[q]);
                    if (self[q]) {
                        int gj = groupOf[q][j];
                        acc += r[j][j] * (traces[q].a[gj][j] - traces[q].k[gj][j]) * groups[q].invTauMem(gj);
                    }
                }
                if (ffOut2[q] != null) {
                    acc += reached(ffOut2[q][j], net.layer(q + 1).detail().synapse2().weights(), j, traces[q + 1],
                            groupOf2[q + 1], groups[q + 1]);
                }
                if (recOut2[q] != null) {
                    double[][] r2 = net.layer(q).detail().synapse2().recurrent();
                    acc += reached(recOut2[q][j], r2, j, traces[q], groupOf2[q], groups[q]);
                    if (self[q]) {
                        int gj = groupOf2[q][j];
                        acc += r2[j][j] * (traces[q].a[gj][j] - traces[q].k[gj][j]) * groups[q].invTauMem(gj);
                    }
                }
                double r = reset[q][j];
                if (r != 0) {
                    r = KernelTraces.flush(r * Math.exp(-(resetAt[q][j] - g) * groups[q].invTauMem(groupOf[q][j])));
                }
                acc += resetScale[q][j] * r;
                lambda[e] = acc / sys.slopes[e];
                // only this neuron's later spikes read its reset sum, and none of them is at g
                reset[q][j] = r + lambda[e];
                resetAt[q][j] = g;
                e--;
            }
            for (int m = last; m > e; m--) {
                double l = lambda[m];
                int q = index.layer(m);
                if (l != 0 && read[q]) {
                    int j = index.neuron(m);
                    traces[q].add(groupOf[q][j], j, l);
                    int g2 = groupOf2[q][j];
                    if (g2 >= 0 && g2 != groupOf[q][j]) {
                        traces[q].add(g2, j, l);    // the second kernel's sums (a shared group holds them already)
                    }
                    filled[q] = true;
                }
            }
        }
        return lambda;
    }

    /** {@code sum_i W_ij S_i} over the neurons {@code i} that source {@code j} reaches. */
    private static double reached(int[] targets, double[][] w, int j, KernelTraces t, int[] groupOf, KernelGroups groups) {
        double sum = 0;
        for (int i : targets) {
            int g = groupOf[i];
            sum += w[i][j] * (t.a[g][i] - t.k[g][i]) * groups.invTauMem(g);
        }
        return sum;
    }

    /** Per source column {@code j}, the rows {@code i} with {@code w[i][j] != 0} (without {@code i == j} if asked). */
    private static int[][] fanOut(double[][] w, int sources, boolean skipDiagonal) {
        int[] counts = new int[sources];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < sources; j++) {
                if (w[i][j] != 0 && !(skipDiagonal && i == j)) {
                    counts[j]++;
                }
            }
        }
        int[][] out = new int[sources][];
        for (int j = 0; j < sources; j++) {
            out[j] = new int[counts[j]];
            counts[j] = 0;
        }
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < sources; j++) {
                if (w[i][j] != 0 && !(skipDiagonal && i == j)) {
                    out[j][counts[j]++] = i;
                }
            }
        }
        return out;
    }

    /** {@code dLoss/dtheta = -lambda^T dG/dtheta}, spike by spike. */
    static void accumulate(ImplicitSystem sys, double[] lambda, GradientArrays out) {
        SpikeIndex index = sys.index;
        for (int e = 0; e < sys.size(); e++) {
            double l = lambda[e];
            if (l == 0) {
                continue;
            }
            int p = index.layer(e);
            int i = index.neuron(e);
            double[] dW = sys.dGdW[e];
            subtractScaled(out.weights[p][i], l, dW);
            double[] dR = sys.dGdR[e];
            if (dR != null) {
                subtractScaled(out.recurrent[p][i], l, dR);
            }
            double[] dW2 = sys.dGdW2[e];
            if (dW2 != null) {
                subtractScaled(out.weights2[p][i], l, dW2);
            }
            double[] dR2 = sys.dGdR2[e];
            if (dR2 != null) {
                subtractScaled(out.recurrent2[p][i], l, dR2);
            }
            out.thresholds[p] -= l * sys.dGdTheta[e];
            if (out.biases[p] != null) {
                out.biases[p][i] -= l * sys.dGdB[e];
            }
        }
    }

    /** {@code g -= l * d}, element by element. */
    private static void subtractScaled(double[] g, double l, double[] d) {
        for (int j = 0; j < d.length; j++) {
            g[j] -= l * d[j];
        }
    }
}
