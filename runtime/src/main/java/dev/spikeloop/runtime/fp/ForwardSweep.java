package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.network.SecondSynapse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The forward (FP) order without storing {@code L}: row {@code e} of {@code dF/dtheta} is
 * {@code (-dG_e/dtheta + sum_j W_ij sum_{g in F_j, g < f} k'(f - g) row_g + (threshold/tauMem) sum_m e^{-(f - m)/tauMem} row_m) / slope_e},
 * and the inner sums over a source neuron's earlier spikes are running sums of rows ({@link VectorSum}),
 * carried in time like the scalar ones ({@link KernelTraces}), so a spike costs one read per connected
 * source neuron (its non-zero fan-in) instead of one per earlier spike of it. Each read and each update
 * costs the length of the summed row (the parameters that reach that source), which is what makes
 * the forward order dearer than the adjoint however it is organised. No kernel cut-off.
 *
 * <p>A second synapse ({@code W2}, {@code R2}, kernel {@code k2}) reads the sums of the reading neuron's
 * second kernel group the same way ({@code sum_j W2_ij sum_g k2'(f - g) row_g}).
 *
 * <p>A spike's row enters the sums only once the sweep has passed its time, so spikes at equal times
 * do not act on one another (strictly earlier only).
 */
final class ForwardSweep {
    private ForwardSweep() {
    }

    /**
     * A sum over one source neuron's spikes of their rows, weighted by the kernel ({@code k} and
     * {@code a = e^{-s/tauSyn}} parts) or by the reset decay ({@code a} only, {@code e^{-s/tauMem}}), held at
     * time {@code t0} as a sparse vector with sorted parameter indices.
     */
    private static final class VectorSum {
        private final KernelGroups groups;
        private final int group;
        private final boolean kernel;
        int[] idx = new int[0];
        double[] kv = new double[0];
        double[] av = new double[0];
        int len;
        double t0;

        VectorSum(KernelGroups groups, int group, boolean kernel) {
            this.groups = groups;
            this.group = group;
            this.kernel = kernel;
        }

        /** Carries the sum to {@code t} and adds a row (indices ascending) with weight 1 (k(0) = 0). */
        void addAt(double t, int[] ri, double[] rv) {
            double dt = t - t0;
            if (len > 0 && dt > 0) {
                if (kernel) {
                    groups.step(group, dt);
                    double em = groups.em[group];
                    double es = groups.es[group];
                    double kd = groups.kd[group];
                    for (int c = 0; c < len; c++) {
                        kv[c] = KernelTraces.flush(em * kv[c] + kd * av[c]);
                        av[c] = KernelTraces.flush(es * av[c]);
                    }
                } else {
                    double em = Math.exp(-dt * groups.invTauMem(group));
                    for (int c = 0; c < len; c++) {
                        av[c] = KernelTraces.flush(em * av[c]);
                    }
                }
            }
            t0 = t;
            int n = len + ri.length;
            int[] ni = new int[n];
            double[] nk = new double[n];
            double[] na = new double[n];
            int a = 0;
            int b = 0;
            int out = 0;
            while (a < len || b < ri.length) {
                if (b == ri.length || (a < len && idx[a] < ri[b])) {
                    ni[out] = idx[a];
                    nk[out] = kv[a];
                    na[out++] = av[a++];
                } else if (a == len || ri[b] < idx[a]) {
                    ni[out] = ri[b];
                    na[out++] = rv[b++];
                } else {
                    ni[out] = idx[a];
                    nk[out] = kv[a];
                    na[out++] = av[a++] + rv[b++];
                }
            }
            idx = ni;
            kv = nk;
            av = na;
            len = out;
        }
    }

    /** Accumulates one row in a dense scratch vector with a marker per parameter. */
    private static final class Work {
        final double[] value;
        final int[] mark;
        final int[] touched;
        int count;
        int row;

        Work(int parameters) {
            value = new double[parameters];
            mark = new int[parameters];
            Arrays.fill(mark, -1);
            touched = new int[parameters];
        }

        void start(int e) {
            row = e;
            count = 0;
        }

        void add(int c, double v) {
            if (mark[c] != row) {
                mark[c] = row;
                value[c] = v;
                touched[count++] = c;
            } else {
                value[c] += v;
            }
        }

        /** {@code weight * (sum carried to f)}: the kernel slope {@code k'} part, or the reset decay. */
        void read(VectorSum s, double f, double weight) {
            if (s.len == 0) {
                return;
            }
            double dt = f - s.t0;
            double ca;
            double ck;
            if (dt > 0) {
                if (s.kernel) {
                    s.groups.step(s.group, dt);
                    double inv = s.groups.invTauMem(s.group);
                    ca = (s.groups.es[s.group] - s.groups.kd[s.group]) * inv;
                    ck = -s.groups.em[s.group] * inv;
                } else {
                    ca = Math.exp(-dt * s.groups.invTauMem(s.group));
                    ck = 0;
                }
            } else {
                ca = s.kernel ? s.groups.invTauMem(s.group) : 1;
                ck = s.kernel ? -s.groups.invTauMem(s.group) : 0;
            }
            ca *= weight;
            ck *= weight;
            for (int c = 0; c < s.len; c++) {
                add(s.idx[c], ca * s.av[c] + ck * s.kv[c]);
            }
        }
    }

    /** The rows of {@code dF/dtheta} in the layout of {@link ForwardSolver}, every row's indices ascending. */
    static ForwardSolver.Rows rows(FloatNetwork net, ImplicitSystem sys) {
        int n = sys.size();
        int layers = net.layerCount();
        ForwardSolver.Layout layout = ForwardSolver.Layout.of(net);
        SpikeIndex index = sys.index;
        KernelGroups[] groups = new KernelGroups[layers];
        int[][][] fanIn = new int[layers][][];
        int[][][] recFanIn = new int[layers][][];
        int[][][] fanIn2 = new int[layers][][];
        int[][][] recFanIn2 = new int[layers][][];
        for (int p = 0; p < layers; p++) {
            LayerSpec layer = net.layer(p);
            groups[p] = new KernelGroups(layer);
            fanIn[p] = nonZeroRows(layer.weights(), false);
            recFanIn[p] = layer.hasRecurrent() ? nonZeroRows(layer.recurrent(), !layer.countsSelfConnections()) : null;
            SecondSynapse second = layer.detail().synapse2();
            if (second != null) {
                fanIn2[p] = nonZeroRows(second.weights(), false);
                recFanIn2[p] = second.recurrent() != null
                        ? nonZeroRows(second.recurrent(), !layer.countsSelfConnections()) : null;
            }
        }
        // Per layer q and source neuron j: sums seen by layer q + 1 (per kernel group there), by layer q's
        // recurrence (per group of q), and the own reset sum. Null where nothing reads them.
        VectorSum[][][] ff = new VectorSum[layers][][];
        VectorSum[][][] rec = new VectorSum[layers][][];
        VectorSum[][] reset = new VectorSum[layers][];
        for (int q = 0; q < layers; q++) {
            int size = net.layer(q).size();
            reset[q] = new VectorSum[size];
            for (int j = 0; j < size; j++) {
                reset[q][j] = new VectorSum(groups[q], groups[q].of(j), false);
            }
            if (q + 1 < layers) {
                ff[q] = sums(groups[q + 1], or(reaches(fanIn[q + 1], size), fanIn2[q + 1], size));
            }
            if (recFanIn[q] != null) {
                rec[q] = sums(groups[q], or(reaches(recFanIn[q], size), recFanIn2[q], size));
            }
        }
        Work work = new Work(layout.parameters());
        int[][] rowIndex = new int[n][];
        double[][] rowValue = new double[n][];
        List<Integer> pending = new ArrayList<>();
        double pendingTime = Double.NaN;
        for (int e = 0; e < n; e++) {
            double f = index.time(e);
            if (!pending.isEmpty() && f > pendingTime) {
                enter(pending, pendingTime, index, ff, rec, reset, rowIndex, rowValue);
            }
            int p = index.layer(e);
            int i = index.neuron(e);
            LayerSpec layer = net.layer(p);
            int g = groups[p].of(i);
            work.start(e);
            // -dG_e/dtheta: the weights, threshold and bias of the spiking neuron only.
            double[] dW = sys.dGdW[e];
            subtractRow(work, layout.weights()[p] + i * dW.length, dW);
            double[] dR = sys.dGdR[e];
            if (dR != null) {
                subtractRow(work, layout.recurrent()[p] + i * dR.length, dR);
            }
            double[] dW2 = sys.dGdW2[e];
            if (dW2 != null) {
                subtractRow(work, layout.weights2()[p] + i * dW2.length, dW2);
            }
            double[] dR2 = sys.dGdR2[e];
            if (dR2 != null) {
                subtractRow(work, layout.recurrent2()[p] + i * dR2.length, dR2);
            }
            work.add(layout.threshold()[p], -sys.dGdTheta[e]);
            if (layout.bias()[p] >= 0) {
                work.add(layout.bias()[p] + i, -sys.dGdB[e]);
            }
            // - sum_m L_em row_m, through the running sums of the connected source neurons
            if (p > 0) {
                double[] w = layer.weights()[i];
                for (int j : fanIn[p][i]) {
                    work.read(ff[p - 1][g][j], f, w[j]);
                }
            }
            if (recFanIn[p] != null) {
                double[] r = layer.recurrent()[i];
                for (int j : recFanIn[p][i]) {
                    work.read(rec[p][g][j], f, r[j]);
                }
            }
            SecondSynapse second = layer.detail().synapse2();
            if (second != null) {
                int g2 = groups[p].of2(i);
                if (p > 0) {
                    double[] w2 = second.weights()[i];
                    for (int j : fanIn2[p][i]) {
                        work.read(ff[p - 1][g2][j], f, w2[j]);
                    }
                }
                if (recFanIn2[p] != null) {
                    double[] r2 = second.recurrent()[i];
                    for (int j : recFanIn2[p][i]) {
                        work.read(rec[p][g2][j], f, r2[j]);
                    }
                }
            }
            work.read(reset[p][i], f, layer.thresholdOf(i) * groups[p].invTauMem(g));
            double inv = 1.0 / sys.slopes[e];
            int[] ri = Arrays.copyOf(work.touched, work.count);
            Arrays.sort(ri);
            double[] rv = new double[ri.length];
            for (int t = 0; t < ri.length; t++) {
                rv[t] = work.value[ri[t]] * inv;
            }
            rowIndex[e] = ri;
            rowValue[e] = rv;
            pending.add(e);
            pendingTime = f;
        }
        return new ForwardSolver.Rows(rowIndex, rowValue, layout.parameters());
    }

    /** The pending spikes (all at time {@code t}) enter the sums of their neurons. */
    private static void enter(List<Integer> pending, double t, SpikeIndex index, VectorSum[][][] ff,
                              VectorSum[][][] rec, VectorSum[][] reset, int[][] rowIndex, double[][] rowValue) {
        for (int m : pending) {
            int q = index.layer(m);
            int j = index.neuron(m);
            int[] ri = rowIndex[m];
            double[] rv = rowValue[m];
            reset[q][j].addAt(t, ri, rv);
            for (VectorSum[][] context : new VectorSum[][][] {ff[q], rec[q]}) {
                if (context != null) {
                    for (VectorSum[] perGroup : context) {
                        if (perGroup[j] != null) {
                            perGroup[j].addAt(t, ri, rv);
                        }
                    }
                }
            }
        }
        pending.clear();
    }

    /** Per group of the reading layer, a sum for each source neuron that some neuron of it reads (else null). */
    private static VectorSum[][] sums(KernelGroups readers, boolean[] read) {
        VectorSum[][] out = new VectorSum[readers.count()][read.length];
        for (int g = 0; g < readers.count(); g++) {
            for (int j = 0; j < read.length; j++) {
                out[g][j] = read[j] ? new VectorSum(readers, g, true) : null;
            }
        }
        return out;
    }

    /** {@code read} with the sources that some row of {@code rows} (may be null) lists added. */
    private static boolean[] or(boolean[] read, int[][] rows, int sources) {
        if (rows == null) {
            return read;
        }
        boolean[] more = reaches(rows, sources);
        for (int j = 0; j < sources; j++) {
            read[j] |= more[j];
        }
        return read;
    }

    /** Which of {@code sources} source neurons appear in some row's non-zero list. */
    private static boolean[] reaches(int[][] rows, int sources) {
        boolean[] out = new boolean[sources];
        for (int[] row : rows) {
            for (int j : row) {
                out[j] = true;
            }
        }
        return out;
    }

    /** Per row, the columns with a non-zero entry (without the diagonal if asked). */
    private static int[][] nonZeroRows(double[][] w, boolean skipDiagonal) {
        int[][] out = new int[w.length][];
        for (int i = 0; i < w.length; i++) {
            int count = 0;
            int[] cols = new int[w[i].length];
            for (int j = 0; j < w[i].length; j++) {
                if (w[i][j] != 0 && !(skipDiagonal && i == j)) {
                    cols[count++] = j;
                }
            }
            out[i] = Arrays.copyOf(cols, count);
        }
        return out;
    }

    /** Adds {@code -row} at parameters {@code base ..}, skipping its zeros (masked or absent synapses). */
    private static void subtractRow(Work work, int base, double[] row) {
        for (int j = 0; j < row.length; j++) {
            if (row[j] != 0) {
                work.add(base + j, -row[j]);
            }
        }
    }
}
