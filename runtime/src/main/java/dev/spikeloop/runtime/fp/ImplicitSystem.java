package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.network.SecondSynapse;
import dev.spikeloop.runtime.sim.MergedEvents;
import dev.spikeloop.runtime.sim.SpikeRecord;

import java.util.Arrays;

/**
 * The linearised threshold equations at a set of spike times (fp-lif-model.md). For spike {@code e}
 * of neuron {@code i} at time {@code f}, with {@code G_e = V_i(f) - threshold}:
 * <ul>
 *   <li>{@code dG_e/dg = -W_ij k'(f - g)} for a presynaptic (or recurrent) spike {@code g < f} of neuron {@code j};</li>
 *   <li>{@code dG_e/dm = -(threshold/tauMem) exp(-(f - m)/tauMem)} for an own earlier spike {@code m} (reset term);</li>
 *   <li>{@code dG_e/df = V_i'(f) = sum W_ij k'(f - g) + (threshold/tauMem) sum exp(-(f - m)/tauMem)}, the slope;</li>
 *   <li>{@code dG_e/dW_ij = sum_{g in F_j, g < f} k(f - g)};</li>
 *   <li>{@code dG_e/dthreshold = -(1 + sum_{m < f} exp(-(f - m)/tauMem))}, times {@code threshold_i/threshold}
 *       with per-neuron thresholds (the layer's threshold scales them all).</li>
 * </ul>
 * Time constants, threshold and bias are those of neuron {@code i} ({@code LayerSpec.tauSynOf(i)} etc.).
 * A bias {@code b} adds {@code b (1 - exp(-f/tauMem))} to {@code V_i(f)}: it does not depend on any spike
 * time, so it only adds {@code (b/tauMem) exp(-f/tauMem)} to the slope, and {@code dG_e/db = 1 - exp(-f/tauMem)}.
 * The sums over earlier spikes (the slope, {@code dG/dW}, {@code dG/dW_rec}, the reset sum) are carried along
 * in time as running kernel sums per presynaptic neuron ({@link KernelTraces}), exactly and without a
 * cut-off, so they cost {@code O(fan-in + layer size)} per spike. The off-diagonal entries of {@code L}, one
 * per earlier spike of a connected neuron, are stored only when asked for ({@link #build}: the explicit
 * system, the reference for tests; both gradient orders run on {@link #terms} with running sums instead);
 * pairs further apart than the layer's {@linkplain #horizon horizon} are left out of them: every term they
 * would add is below {@link #RELATIVE_BOUND} (see there). With per-neuron time constants the horizon is
 * taken over the layer's longest and shortest, so it holds for every neuron.
 *
 * <p>A second synapse ({@code LayerDetail.synapse2()}: its own {@code tauSyn2}, the same {@code tauMem})
 * adds a second kernel {@code k2} to {@code V_i}: {@code sum_j W2_ij k2(f - g)} over the presynaptic spikes
 * and {@code sum_j R2_ij k2(f - g)} over the recurrent ones. Its terms have the same form with {@code k2}:
 * {@code dG_e/dW2_ij = sum_g k2(f - g)}, and {@code W2_ij k2'(f - g)} joins the slope and the entry of
 * spike {@code g} ({@link #dGdW2}, {@link #dGdR2}). The resets and the threshold do not change. The
 * stored Jacobian ({@link #build}), a reference for tests, does not model it.
 *
 * <p>Row {@code e} of the Jacobian {@code L = dG/dF} is stored with the diagonal last (the other
 * entries grouped by source neuron, each group in time order), which is column {@code e} of
 * {@code L^T} in compressed-column form.
 */
final class ImplicitSystem {
    /**
     * Kernel cut-off. With {@code k(s) = (1/tauMem) int_0^s e^{-u/tauSyn} e^{-(s-u)/tauMem} du}, every
     * quantity a pair at distance {@code s} contributes, {@code k(s)}, {@code tauMem |k'(s)|} and the reset
     * decay {@code e^{-s/tauMem}}, is at most {@code b(s) = (1 + s/tauMin) e^{-s/tauMax}}; these functions
     * are of order 1 at {@code s ~ tau} (k peaks at 1/e for equal time constants). Pairs with
     * {@code b(s) <= RELATIVE_BOUND} are left out of the stored off-diagonal entries ({@link #build});
     * the running sums (diagonal, parameter partials) and both matrix-free orders keep every pair.
     */
    static final double RELATIVE_BOUND = 1e-13;

    final SpikeIndex index;
    /**
     * Row pointers, columns and values of {@code L} row by row (= {@code L^T} column by column); null when
     * the system was built without its off-diagonal entries ({@link #terms}).
     */
    final int[] rowPtr;
    final int[] cols;
    final double[] vals;
    /** The diagonal of {@code L}: each spike's slope {@code dG_e/df} (after the clamp). */
    final double[] slopes;
    /** {@code dG_e/dW} over the fan-in of the spike's layer. */
    final double[][] dGdW;
    /** {@code dG_e/dW_rec} over the layer (null where the layer has no recurrence). */
    final double[][] dGdR;
    /** {@code dG_e/dW2} over the fan-in (null where the layer has no second synapse). */
    final double[][] dGdW2;
    /** {@code dG_e/dR2} over the layer (null where the second synapse has no recurrent weights). */
    final double[][] dGdR2;
    /** {@code dG_e/dthreshold}. */
    final double[] dGdTheta;
    /** {@code dG_e/dbias} of the spiking neuron, {@code 1 - exp(-f/tauMem)} (0 where its layer has no bias field). */
    final double[] dGdB;
    /** Number of slopes that were clamped to the minimum. */
    final int clampedSlopes;

    private ImplicitSystem(SpikeIndex index, int[] rowPtr, int[] cols, double[] vals, double[] slopes,
                           double[][] dGdW, double[][] dGdR, double[][] dGdW2, double[][] dGdR2, double[] dGdTheta,
                           double[] dGdB, int clampedSlopes) {
        this.index = index;
        this.rowPtr = rowPtr;
        this.cols = cols;
        this.vals = vals;
        this.slopes = slopes;
        this.dGdW = dGdW;
        this.dGdR = dGdR;
        this.dGdW2 = dGdW2;
        this.dGdR2 = dGdR2;
        this.dGdTheta = dGdTheta;
        this.dGdB = dGdB;
        this.clampedSlopes = clampedSlopes;
    }

    int size() {
        return index.size();
    }

    /** Whether the off-diagonal entries of {@code L} were stored. */
    boolean hasJacobian() {
        return rowPtr != null;
    }

    /**
     * Evaluates the equations at the spike times of {@code record}.
     *
     * @param minSlopeFraction  the smallest slope allowed, as a fraction of {@code threshold/tauMem}
     * @param clampSmallSlopes  clamp every slope below the minimum (measured spikes); otherwise only
     *                          non-positive slopes (simulated spikes, where they cannot occur but for a
     *                          tangential crossing) are clamped
     */
    static ImplicitSystem build(FloatNetwork net, InputSpikes in, SpikeRecord record, double minSlopeFraction,
                                boolean clampSmallSlopes) {
        return build(net, in, record, minSlopeFraction, clampSmallSlopes, RELATIVE_BOUND);
    }

    /**
     * The smallest {@code s >= tauMax} with {@code (1 + s/tauMin) e^{-s/tauMax} <= bound} (infinite for
     * {@code bound <= 0}: nothing is cut), by the fixed-point iteration
     * {@code s = tauMax (ln(1/bound) + ln(1 + s/tauMin))}, which increases monotonically to it.
     */
    static double horizon(double tauSyn, double tauMem, double bound) {
        if (!(bound > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        double tauMax = Math.max(tauSyn, tauMem);
        double tauMin = Math.min(tauSyn, tauMem);
        double s = tauMax * Math.log(1 / bound);
        for (int it = 0; it < 60; it++) {
            double next = tauMax * (Math.log(1 / bound) + Math.log1p(s / tauMin));
            if (next <= s * (1 + 1e-12)) {
                return next;
            }
            s = next;
        }
        return s;
    }

    /** The shortest synaptic or membrane time constant of any neuron of {@code layer}. */
    private static double shortestTau(LayerSpec layer) {
        double t = Math.min(layer.tauSyn(), layer.tauMem());
        for (int i = 0; i < layer.size(); i++) {
            t = Math.min(t, Math.min(layer.tauSynOf(i), layer.tauMemOf(i)));
        }
        return t;
    }

    /** The longest synaptic or membrane time constant of any neuron of {@code layer}. */
    private static double longestTau(LayerSpec layer) {
        double t = Math.max(layer.tauSyn(), layer.tauMem());
        for (int i = 0; i < layer.size(); i++) {
            t = Math.max(t, Math.max(layer.tauSynOf(i), layer.tauMemOf(i)));
        }
        return t;
    }

    /** As {@link #build(FloatNetwork, InputSpikes, SpikeRecord, double, boolean)} with the given cut-off bound (0: none). */
    static ImplicitSystem build(FloatNetwork net, InputSpikes in, SpikeRecord record, double minSlopeFraction,
                                boolean clampSmallSlopes, double bound) {
        return build(net, in, record, minSlopeFraction, clampSmallSlopes, bound, true);
    }

    /**
     * The diagonal of {@code L} and the parameter partials only, without the off-diagonal entries: what the
     * matrix-free orders ({@link AdjointSweep}, {@link ForwardSweep}) need. Cost linear in the number of spikes.
     */
    static ImplicitSystem terms(FloatNetwork net, InputSpikes in, SpikeRecord record, double minSlopeFraction,
                                boolean clampSmallSlopes) {
        return build(net, in, record, minSlopeFraction, clampSmallSlopes, RELATIVE_BOUND, false);
    }

    /**
     * One sweep over the spikes in global order. Each layer carries running kernel sums over its presynaptic
     * and own spikes ({@link KernelTraces}), so the diagonal, {@code dG/dW}, {@code dG/dW_rec} and
     * {@code dG/dthreshold} of a spike cost {@code O(fan-in + layer size)} whatever the number of earlier
     * spikes. The off-diagonal entries (one per earlier spike that reaches the neuron, irreducible as long as
     * {@code L} is stored) are written only with {@code jacobian}, visiting only the presynaptic neurons with a
     * non-zero weight and only their spikes within the horizon.
     */
    private static ImplicitSystem build(FloatNetwork net, InputSpikes in, SpikeRecord record, double minSlopeFraction,
                                        boolean clampSmallSlopes, double bound, boolean jacobian) {
        if (jacobian) {
            for (int p = 0; p < net.layerCount(); p++) {
                if (net.layer(p).detail().synapse2() != null) {
                    throw new UnsupportedOperationException("the stored Jacobian (a test reference) does not model"
                            + " a second synapse (layer " + p + " '" + net.layer(p).name() + "'); the gradient"
                            + " orders run without it");
                }
            }
        }
        SpikeIndex index = new SpikeIndex(record);
        int n = index.size();
        double[][][] times = record.times();
        double[][] dGdW = new double[n][];
        double[][] dGdR = new double[n][];
        double[][] dGdW2 = new double[n][];
        double[][] dGdR2 = new double[n][];
        double[] dGdTheta = new double[n];
        double[] dGdB = new double[n];
        double[] slopes = new double[n];
        int[] rowPtr = jacobian ? new int[n + 1] : null;
        RowBuilder rows = jacobian ? new RowBuilder(n) : null;
        int clamped = 0;
        LayerSweep[] sweeps = new LayerSweep[net.layerCount()];
        for (int e = 0; e < n; e++) {
            int p = index.layer(e);
            int i = index.neuron(e);
            double f = index.time(e);
            LayerSpec layer = net.layer(p);
            if (sweeps[p] == null) {
                sweeps[p] = new LayerSweep(layer, net.tEnd(), p == 0 ? in.times() : times[p - 1], times[p], index, p,
                        horizon(shortestTau(layer), longestTau(layer), bound), jacobian);
            }
            LayerSweep sw = sweeps[p];
            sw.advanceTo(f);
            int g = sw.groups.of(i);
            double invTauMem = sw.groups.invTauMem(g);
            // Presynaptic population: dG/dW_ij = sum_g k(f - g) is the running sum itself; the slope collects
            // W_ij k'(f - g) = W_ij (a - k)/tauMem over the neurons that connect.
            double[] w = layer.weights()[i];
            double[] kPre = sw.pre.k[g];
            double[] aPre = sw.pre.a[g];
            dGdW[e] = kPre.clone();
            double slope = 0;
            for (int j : sw.preFanIn[i]) {
                slope += w[j] * (aPre[j] - kPre[j]);
            }
            // Own population: recurrent inputs from the others, resets from the neuron itself.
            double[] r = layer.hasRecurrent() ? layer.recurrent()[i] : null;
            if (r != null) {
                double[] kSame = sw.same.k[g];
                double[] aSame = sw.same.a[g];
                double[] gR = kSame.clone();
                for (int j : sw.recFanIn[i]) {
                    slope += r[j] * (aSame[j] - kSame[j]);
                }
                if (sw.self) {
                    // the PSP of a self-connection (LayerDetail.selfRecurrent) after each own spike
                    slope += r[i] * (aSame[i] - kSame[i]);
                } else {
                    gR[i] = 0;      // the diagonal is ignored; its gradient is reported as 0
                }
                dGdR[e] = gR;
            }
            SecondSynapse second = layer.detail().synapse2();
            if (second != null) {
                // the second kernel k2 (tauSyn2, same tauMem): the same terms over the same running sums' group 2
                int g2 = sw.groups.of2(i);
                double[] k2 = sw.pre.k[g2];
                double[] a2 = sw.pre.a[g2];
                double[] w2 = second.weights()[i];
                dGdW2[e] = k2.clone();
                for (int j : sw.preFanIn2[i]) {
                    slope += w2[j] * (a2[j] - k2[j]);
                }
                if (second.recurrent() != null) {
                    double[] r2 = second.recurrent()[i];
                    double[] kSame2 = sw.same.k[g2];
                    double[] aSame2 = sw.same.a[g2];
                    double[] gR2 = kSame2.clone();
                    for (int j : sw.recFanIn2[i]) {
                        slope += r2[j] * (aSame2[j] - kSame2[j]);
                    }
                    if (sw.self) {
                        slope += r2[i] * (aSame2[i] - kSame2[i]);
                    } else {
                        gR2[i] = 0;
                    }
                    dGdR2[e] = gR2;
                }
            }
            slope *= invTauMem;
            double sumReset = sw.resetAt(i, f);
            double resetScale = layer.thresholdOf(i) * invTauMem;
            slope += resetScale * sumReset;
            if (layer.detail().bias() != null) {
                // V_i gets b (1 - exp(-t/tauMem)) from the constant current: part of the slope only
                double rest = Math.exp(-f * invTauMem);
                slope += layer.biasOf(i) * invTauMem * rest;
                dGdB[e] = -Math.expm1(-f * invTauMem);
            }
            if (jacobian) {
                sw.entries(i, f, p > 0, rows);
            }
            // The layer's threshold parameter scales per-neuron thresholds (LayerSpec.withThreshold), so
            // neuron i's threshold moves by threshold_i/threshold per unit of it (exactly 1 without them).
            double thetaShare = layer.detail().threshold() == null ? 1 : layer.thresholdOf(i) / layer.threshold();
            dGdTheta[e] = -(1 + sumReset) * thetaShare;
            double minSlope = minSlopeFraction * resetScale;
            boolean clamp = clampSmallSlopes ? !(slope >= minSlope) : !(slope > 0);
            if (clamp) {
                slope = minSlope;
                clamped++;
            }
            slopes[e] = slope;
            sw.resetAdd(i, f, sumReset);
            if (jacobian) {
                rows.finishRow(e, slope);
                rowPtr[e + 1] = rows.length();
            }
        }
        return new ImplicitSystem(index, rowPtr, jacobian ? rows.cols() : null, jacobian ? rows.vals() : null, slopes,
                dGdW, dGdR, dGdW2, dGdR2, dGdTheta, dGdB, clamped);
    }

    /**
     * One layer's part of the sweep: its presynaptic spikes (input channels or the layer below) and its own
     * spikes are added to running sums as the sweep passes them, strictly before the spike being evaluated
     * (a spike acts on later times only), and the sums are carried forward to each evaluated spike.
     */
    private static final class LayerSweep {
        final KernelGroups groups;
        /** Sums over the presynaptic population (width fan-in) and the own one (width size; recurrent layers). */
        final KernelTraces pre;
        final KernelTraces same;
        /**
         * Per neuron: sum over its own earlier spikes of e^{-(t - m)/tauMem} (reset terms), held at the time
         * of its last spike (one exponential per spike carries it to the next).
         */
        private final double[] reset;
        private final double[] resetTime;
        /** Per neuron: presynaptic neurons with a non-zero weight, recurrent ones with a non-zero weight (j != i). */
        final int[][] preFanIn;
        final int[][] recFanIn;
        /** The same for the second synapse's weights (null without one, or without its recurrent weights). */
        final int[][] preFanIn2;
        final int[][] recFanIn2;
        final boolean self;
        private final double[] preTime;
        private final int[] preSource;
        private final double[] sameTime;
        private final int[] sameSource;
        private int preNext;
        private int sameNext;
        private double now = Double.NEGATIVE_INFINITY;
        private boolean empty = true;
        /** Off-diagonal entries (only with the Jacobian). */
        private final PairEntries pairs;

        LayerSweep(LayerSpec layer, double tEnd, double[][] presynaptic, double[][] own, SpikeIndex index, int p,
                   double horizon, boolean jacobian) {
            groups = new KernelGroups(layer);
            int size = layer.size();
            int fanIn = presynaptic.length;
            pre = new KernelTraces(groups.count(), fanIn);
            same = layer.hasRecurrent() ? new KernelTraces(groups.count(), size) : null;
            reset = new double[size];
            resetTime = new double[size];
            self = layer.countsSelfConnections();
            preFanIn = nonZero(layer.weights(), -1);
            recFanIn = layer.hasRecurrent() ? nonZeroOffDiagonal(layer.recurrent()) : null;
            SecondSynapse second = layer.detail().synapse2();
            preFanIn2 = second != null ? nonZero(second.weights(), -1) : null;
            recFanIn2 = second != null && second.recurrent() != null ? nonZeroOffDiagonal(second.recurrent()) : null;
            if (p == 0) {
                MergedEvents merged = MergedEvents.merge(presynaptic);
                preTime = merged.time();
                preSource = merged.source();
            } else {
                int[] global = index.ofLayer(p - 1);
                preTime = new double[global.length];
                preSource = new int[global.length];
                for (int m = 0; m < global.length; m++) {
                    preTime[m] = index.time(global[m]);
                    preSource[m] = index.neuron(global[m]);
                }
            }
            int[] global = index.ofLayer(p);
            sameTime = new double[global.length];
            sameSource = new int[global.length];
            for (int m = 0; m < global.length; m++) {
                sameTime[m] = index.time(global[m]);
                sameSource[m] = index.neuron(global[m]);
            }
            pairs = jacobian ? new PairEntries(layer, tEnd, presynaptic, own, index, p, horizon, preFanIn, recFanIn)
                    : null;
        }

        /**
         * Carries the sums to {@code f} (one step of all of them from the previous evaluation) and adds every
         * presynaptic and own spike after that and strictly before {@code f} with its value at {@code f}
         * (three exponentials per spike), so a layer whose spikes are few but whose fan-in is wide (an
         * output layer) does not step its sums at every presynaptic spike.
         */
        void advanceTo(double f) {
            if (f > now && !empty) {
                groups.step(f - now);
                pre.step(groups);
                if (same != null) {
                    same.step(groups);
                }
            }
            now = f;
            double lastT = Double.NaN;
            while (preNext < preTime.length && preTime[preNext] < f) {
                double t = preTime[preNext];
                if (t != lastT) {
                    groups.step(f - t);
                    lastT = t;
                }
                pre.addAll(preSource[preNext++], groups);
                empty = false;
            }
            if (same == null) {
                return;
            }
            lastT = Double.NaN;
            while (sameNext < sameTime.length && sameTime[sameNext] < f) {
                double t = sameTime[sameNext];
                if (t != lastT) {
                    groups.step(f - t);
                    lastT = t;
                }
                same.addAll(sameSource[sameNext++], groups);
                empty = false;
            }
        }

        /** Neuron {@code i}'s reset sum at {@code f} (after its last spike). */
        double resetAt(int i, double f) {
            double r = reset[i];
            return r == 0 ? 0 : KernelTraces.flush(r * Math.exp(-(f - resetTime[i]) * groups.invTauMem(groups.of(i))));
        }

        /** Neuron {@code i} fired at {@code f}: its reset sum there was {@code before}. */
        void resetAdd(int i, double f, double before) {
            reset[i] = before + 1;
            resetTime[i] = f;
        }

        void entries(int i, double f, boolean preAreUnknowns, RowBuilder rows) {
            pairs.row(i, f, preAreUnknowns, rows);
        }
    }

    /** Per row of {@code w}, the columns with a non-zero entry other than {@code skip}. */
    private static int[][] nonZero(double[][] w, int skip) {
        int[][] out = new int[w.length][];
        for (int i = 0; i < w.length; i++) {
            int count = 0;
            int[] cols = new int[w[i].length];
            for (int j = 0; j < w[i].length; j++) {
                if (w[i][j] != 0 && j != skip) {
                    cols[count++] = j;
                }
            }
            out[i] = Arrays.copyOf(cols, count);
        }
        return out;
    }

    /** Per row of a square matrix, the columns {@code j != i} with a non-zero entry. */
    private static int[][] nonZeroOffDiagonal(double[][] r) {
        int[][] out = new int[r.length][];
        for (int i = 0; i < r.length; i++) {
            out[i] = nonZero(new double[][] {r[i]}, i)[0];
        }
        return out;
    }

    /**
     * The off-diagonal entries of a layer's rows: {@code -W_ij k'(f - g)} for each spike {@code g} of each
     * presynaptic neuron {@code j} with {@code W_ij != 0} (layer below, or the own layer through a recurrent
     * weight), and {@code -(threshold/tauMem) e^{-(f - m)/tauMem}} (plus the self-connection's PSP) for the
     * neuron's own earlier spikes, all within the horizon. A moving start per (neuron, source) skips the
     * spikes beyond the horizon; masked (zero) weights are never visited.
     *
     * <p>Kernel values: the exponentials of a pair are factorised, {@code exp(-(f - g)/tau) =
     * exp(-f/tau) exp(g/tau)}, with the factors computed once per spike, so a pair costs a few
     * multiplications instead of two transcendental calls; when {@code tEnd/tau} is so large that the
     * factors could overflow, or the layer has per-neuron time constants, the exponentials are taken directly.
     * {@code k = c (e^{-s/tauMem} - e^{-s/tauSyn})} is used where the difference loses at most a few bits
     * ({@code s delta >= 1e-3}, relative error below ~1e-13); closer pairs use
     * {@code k = -c e^{-s/tauMem} expm1(-s delta)}, which has no cancellation at all.
     */
    private static final class PairEntries {
        /** exp(t/tau) factors stay below e^600, far from overflow. */
        private static final double MAX_EXPONENT = 600;
        private final LayerSpec layer;
        private final boolean uniform;
        private final boolean factorised;
        private final double horizon;
        private final double[][] preTimes;
        private final double[][] ownTimes;
        /** Global indices (-1: input channel) and factors e^{t/tauMem}, e^{t/tauSyn}, per neuron and spike. */
        private final int[][] preGlobal;
        private final int[][] ownGlobal;
        private final double[][] preEm;
        private final double[][] preEs;
        private final double[][] ownEm;
        private final double[][] ownEs;
        private final int[][] preFanIn;
        private final int[][] recFanIn;
        /** Per neuron: the first spike within the horizon of each presynaptic / recurrent source, and of itself. */
        private final int[][] preStart;
        private final int[][] recStart;
        private final int[] ownStart;
        private final int[] ownNext;
        private double tauMem;
        private double invTauMem;
        private double tauSyn;
        private double delta;
        private double scale;
        private boolean equal;
        private double emTarget;
        private double esTarget;
        double k;
        double kPrime;

        PairEntries(LayerSpec layer, double tEnd, double[][] presynaptic, double[][] own, SpikeIndex index, int p,
                    double horizon, int[][] preFanIn, int[][] recFanIn) {
            this.layer = layer;
            this.horizon = horizon;
            this.preFanIn = preFanIn;
            this.recFanIn = recFanIn;
            uniform = layer.detail().tauSyn() == null && layer.detail().tauMem() == null;
            setTimeConstants(layer.tauSyn(), layer.tauMem());
            factorised = uniform && tEnd / Math.min(tauMem, tauSyn) < MAX_EXPONENT;
            preTimes = presynaptic;
            ownTimes = own;
            preGlobal = globals(presynaptic, p == 0 ? null : index, p - 1);
            ownGlobal = globals(own, index, p);
            preEm = factors(presynaptic, tauMem);
            preEs = factors(presynaptic, tauSyn);
            ownEm = factors(own, tauMem);
            ownEs = factors(own, tauSyn);
            int size = layer.size();
            preStart = new int[size][presynaptic.length];
            recStart = new int[size][own.length];
            ownStart = new int[size];
            ownNext = new int[size];
        }

        private static int[][] globals(double[][] t, SpikeIndex index, int layer) {
            int[][] g = new int[t.length][];
            for (int j = 0; j < t.length; j++) {
                g[j] = new int[t[j].length];
                for (int k = 0; k < t[j].length; k++) {
                    g[j][k] = index == null ? -1 : index.index(layer, j, k);
                }
            }
            return g;
        }

        private double[][] factors(double[][] t, double tau) {
            if (!factorised) {
                return null;
            }
            double[][] out = new double[t.length][];
            for (int j = 0; j < t.length; j++) {
                out[j] = new double[t[j].length];
                for (int k = 0; k < t[j].length; k++) {
                    // Later source times (measured spikes beyond tEnd are dropped before) cannot overflow.
                    out[j][k] = Math.exp(Math.min(t[j][k], MAX_EXPONENT * tau) / tau);
                }
            }
            return out;
        }

        private void setTimeConstants(double tauSynOfNeuron, double tauMemOfNeuron) {
            tauMem = tauMemOfNeuron;
            invTauMem = 1.0 / tauMem;
            tauSyn = tauSynOfNeuron;
            // Same difference as in the scale below, so that their rounding cancels for close time constants.
            delta = (tauMem - tauSyn) / (tauSyn * tauMem);
            equal = tauMem == tauSyn;
            scale = equal ? 0 : tauSyn / (tauMem - tauSyn);
        }

        /** Appends row entries of the next spike of neuron {@code i} (at {@code f}). */
        void row(int i, double f, boolean preAreUnknowns, RowBuilder rows) {
            if (!uniform) {
                setTimeConstants(layer.tauSynOf(i), layer.tauMemOf(i));
            }
            int kOwn = ownNext[i]++;
            if (factorised) {
                emTarget = 1.0 / ownEm[i][kOwn];
                esTarget = 1.0 / ownEs[i][kOwn];
            }
            if (preAreUnknowns) {
                double[] w = layer.weights()[i];
                int[] start = preStart[i];
                for (int j : preFanIn[i]) {
                    start[j] = sourceEntries(preTimes[j], preGlobal[j], factorised ? preEm[j] : null,
                            factorised ? preEs[j] : null, start[j], f, w[j], rows);
                }
            }
            if (recFanIn != null) {
                double[] r = layer.recurrent()[i];
                int[] start = recStart[i];
                for (int j : recFanIn[i]) {
                    start[j] = sourceEntries(ownTimes[j], ownGlobal[j], factorised ? ownEm[j] : null,
                            factorised ? ownEs[j] : null, start[j], f, r[j], rows);
                }
            }
            // Own earlier spikes: reset term -threshold * exp(-(f - m)/tauMem), plus the PSP of a
            // self-connection (LayerDetail.selfRecurrent), both in one entry.
            boolean self = layer.countsSelfConnections();
            double rii = self ? layer.recurrent()[i][i] : 0;
            double resetScale = layer.thresholdOf(i) * invTauMem;
            double[] t = ownTimes[i];
            int k = ownStart[i];
            while (k < t.length && f - t[k] > horizon) {
                k++;
            }
            ownStart[i] = k;
            for (; k < t.length && t[k] < f; k++) {
                double s = f - t[k];
                double decay = factorised ? emTarget * ownEm[i][k] : Math.exp(-s * invTauMem);
                double entry = resetScale * decay;
                if (self) {
                    eval(s, factorised ? ownEm[i][k] : 0, factorised ? ownEs[i][k] : 0);
                    entry += rii * kPrime;
                }
                rows.add(ownGlobal[i][k], -entry);
            }
        }

        /** Entries {@code -weight k'(f - g)} for the spikes of one source within the horizon; the new start. */
        private int sourceEntries(double[] t, int[] global, double[] em, double[] es, int start, double f, double weight,
                                  RowBuilder rows) {
            int k = start;
            while (k < t.length && f - t[k] > horizon) {
                k++;
            }
            int first = k;
            for (; k < t.length && t[k] < f; k++) {
                eval(f - t[k], em == null ? 0 : em[k], es == null ? 0 : es[k]);
                if (global[k] >= 0) {
                    rows.add(global[k], -weight * kPrime);
                }
            }
            return first;
        }

        /** {@code k(s)} and {@code k'(s) = (e^{-s/tauSyn} - k(s))/tauMem} for a source with the given factors. */
        private void eval(double s, double emSource, double esSource) {
            double em = factorised ? emTarget * emSource : Math.exp(-s * invTauMem);
            double es;
            if (equal) {
                k = s / tauMem * em;
                es = em;
            } else if (Math.abs(s * delta) >= 1e-3) {
                es = factorised ? esTarget * esSource : Math.exp(-s / tauSyn);
                k = scale * (em - es);
            } else {
                double ex = Math.expm1(-s * delta);
                k = -scale * em * ex;
                es = em * (1 + ex);
            }
            kPrime = (es - k) * invTauMem;
        }
    }

    /** Collects the rows one after the other, each ending with its diagonal. */
    private static final class RowBuilder {
        private int[] cols;
        private double[] vals;
        private int length;

        RowBuilder(int n) {
            cols = new int[Math.max(64, 8 * n)];
            vals = new double[cols.length];
        }

        void add(int col, double value) {
            if (length == cols.length) {
                cols = Arrays.copyOf(cols, 2 * length);
                vals = Arrays.copyOf(vals, 2 * length);
            }
            cols[length] = col;
            vals[length] = value;
            length++;
        }

        /**
         * Ends the current row by appending the diagonal. The off-diagonal entries stay in the order
         * they were added (presynaptic population, then own population, each in time order): EJML's
         * backward substitution on {@code L^T} only needs the diagonal last in each column, and the
         * transpose used by the forward order comes out sorted anyway.
         */
        void finishRow(int diagonal, double value) {
            add(diagonal, value);
        }

        int length() {
            return length;
        }

        int[] cols() {
            return Arrays.copyOf(cols, length);
        }

        double[] vals() {
            return Arrays.copyOf(vals, length);
        }
    }
}
