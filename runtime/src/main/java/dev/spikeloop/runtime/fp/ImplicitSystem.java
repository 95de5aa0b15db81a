package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerSpec;
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
 * Pairs further apart than the layer's {@linkplain #horizon horizon} are left out: every term they
 * would add is below {@link #RELATIVE_BOUND} (see there), and leaving them out makes the cost grow
 * with the number of spikes, not its square. With per-neuron time constants the horizon is taken
 * over the layer's longest and shortest, so it holds for every neuron.
 *
 * <p>Row {@code e} of the Jacobian {@code L = dG/dF} is stored with the diagonal last (the other
 * entries grouped by population, each group in column order), which is column {@code e} of
 * {@code L^T} in compressed-column form.
 */
final class ImplicitSystem {
    /**
     * Kernel cut-off. With {@code k(s) = (1/tauMem) int_0^s e^{-u/tauSyn} e^{-(s-u)/tauMem} du}, every
     * quantity a pair at distance {@code s} contributes, {@code k(s)}, {@code tauMem |k'(s)|} and the reset
     * decay {@code e^{-s/tauMem}}, is at most {@code b(s) = (1 + s/tauMin) e^{-s/tauMax}}; these functions
     * are of order 1 at {@code s ~ tau} (k peaks at 1/e for equal time constants). Pairs with
     * {@code b(s) <= RELATIVE_BOUND} are dropped.
     */
    static final double RELATIVE_BOUND = 1e-13;

    final SpikeIndex index;
    /** Row pointers, columns and values of {@code L} row by row (= {@code L^T} column by column). */
    final int[] rowPtr;
    final int[] cols;
    final double[] vals;
    /** {@code dG_e/dW} over the fan-in of the spike's layer. */
    final double[][] dGdW;
    /** {@code dG_e/dW_rec} over the layer (null where the layer has no recurrence). */
    final double[][] dGdR;
    /** {@code dG_e/dthreshold}. */
    final double[] dGdTheta;
    /** {@code dG_e/dbias} of the spiking neuron, {@code 1 - exp(-f/tauMem)} (0 where its layer has no bias field). */
    final double[] dGdB;
    /** Number of slopes that were clamped to the minimum. */
    final int clampedSlopes;

    private ImplicitSystem(SpikeIndex index, int[] rowPtr, int[] cols, double[] vals, double[][] dGdW,
                           double[][] dGdR, double[] dGdTheta, double[] dGdB, int clampedSlopes) {
        this.index = index;
        this.rowPtr = rowPtr;
        this.cols = cols;
        this.vals = vals;
        this.dGdW = dGdW;
        this.dGdR = dGdR;
        this.dGdTheta = dGdTheta;
        this.dGdB = dGdB;
        this.clampedSlopes = clampedSlopes;
    }

    int size() {
        return index.size();
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
        SpikeIndex index = new SpikeIndex(record);
        int n = index.size();
        double[][][] times = record.times();
        double[][] dGdW = new double[n][];
        double[][] dGdR = new double[n][];
        double[] dGdTheta = new double[n];
        double[] dGdB = new double[n];
        int[] rowPtr = new int[n + 1];
        RowBuilder rows = new RowBuilder(n);
        int clamped = 0;
        LayerTerms[] terms = new LayerTerms[net.layerCount()];
        for (int e = 0; e < n; e++) {
            int p = index.layer(e);
            int i = index.neuron(e);
            double f = index.time(e);
            LayerSpec layer = net.layer(p);
            if (terms[p] == null) {
                terms[p] = new LayerTerms(layer, net.tEnd(), p == 0 ? in.times() : times[p - 1], times[p],
                        index, p, horizon(shortestTau(layer), longestTau(layer), bound));
            }
            LayerTerms lt = terms[p];
            lt.neuron(i);
            // The own population's stream lists this layer's spikes in global order, so the k-th spike of
            // layer p met here is entry k of that stream.
            lt.target(f, lt.nextOwn++);
            double slope = 0;
            // Presynaptic spikes in time order (= global index order): input channels are constants
            // (no Jacobian entries); spikes of the layer below are unknowns.
            double[] w = layer.weights()[i];
            double[] gW = new double[w.length];
            Stream pre = lt.pre;
            double[] preTime = pre.time;
            int[] preSource = pre.source;
            // Spikes of one layer come in time order, so the start of the window only moves forward.
            while (lt.preStart < preTime.length && f - preTime[lt.preStart] > lt.horizon) {
                lt.preStart++;
            }
            for (int m = lt.preStart; m < preTime.length && preTime[m] < f; m++) {
                int j = preSource[m];
                lt.eval(f - preTime[m], pre.em[m], pre.es[m]);
                gW[j] += lt.k;
                double wij = w[j];
                if (wij != 0) {
                    double entry = wij * lt.kPrime;
                    slope += entry;
                    if (p > 0) {
                        rows.add(pre.global[m], -entry);
                    }
                }
            }
            dGdW[e] = gW;
            // Spikes of the own layer: recurrent inputs from the others, resets from the neuron itself.
            double[] r = layer.hasRecurrent() ? layer.recurrent()[i] : null;
            boolean self = layer.countsSelfConnections();
            double[] gR = r == null ? null : new double[r.length];
            double sumReset = 0;
            double resetScale = layer.thresholdOf(i) / lt.tauMem;
            double bias = layer.biasOf(i);
            if (layer.detail().bias() != null) {
                // V_i gets b (1 - exp(-t/tauMem)) from the constant current: part of the slope only
                double rest = Math.exp(-f * lt.invTauMem);
                slope += bias * lt.invTauMem * rest;
                dGdB[e] = -Math.expm1(-f * lt.invTauMem);
            }
            if (r == null) {
                // Without recurrence only the neuron's own earlier spikes matter (resets).
                double[] own = times[p][i];
                double[] ownEm = lt.ownEm[i];
                int[] ownGlobal = lt.ownGlobal[i];
                while (lt.ownStart[i] < own.length && f - own[lt.ownStart[i]] > lt.horizon) {
                    lt.ownStart[i]++;
                }
                for (int k = lt.ownStart[i]; k < own.length && own[k] < f; k++) {
                    double decay = lt.decay(f - own[k], ownEm[k]);
                    sumReset += decay;
                    slope += resetScale * decay;
                    rows.add(ownGlobal[k], -resetScale * decay);
                }
            } else {
                Stream same = lt.same;
                while (lt.sameStart < same.time.length && f - same.time[lt.sameStart] > lt.horizon) {
                    lt.sameStart++;
                }
                for (int m = lt.sameStart; m < same.time.length && same.time[m] < f; m++) {
                    int j = same.source[m];
                    double s = f - same.time[m];
                    if (j == i) {
                        // Reset term -threshold * exp(-(f - m)/tauMem), plus the PSP of a self-connection
                        // (LayerDetail.selfRecurrent), both in one Jacobian entry.
                        double decay = lt.decay(s, same.em[m]);
                        sumReset += decay;
                        double entry = resetScale * decay;
                        if (self) {
                            lt.eval(s, same.em[m], same.es[m]);
                            gR[i] += lt.k;
                            entry += r[i] * lt.kPrime;
                        }
                        slope += entry;
                        rows.add(same.global[m], -entry);
                    } else {
                        lt.eval(s, same.em[m], same.es[m]);
                        gR[j] += lt.k;
                        double rij = r[j];
                        if (rij != 0) {
                            slope += rij * lt.kPrime;
                            rows.add(same.global[m], -rij * lt.kPrime);
                        }
                    }
                }
            }
            dGdR[e] = gR;
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
            rows.finishRow(e, slope);
            rowPtr[e + 1] = rows.length();
        }
        return new ImplicitSystem(index, rowPtr, rows.cols(), rows.vals(), dGdW, dGdR, dGdTheta, dGdB, clamped);
    }

    /**
     * The spikes of one population merged in time order (ties by neuron, as in the global order), with
     * their source neuron, global index (-1 for input channels) and exponential factors.
     */
    private record Stream(double[] time, int[] source, int[] global, double[] em, double[] es) {
    }

    /**
     * Kernel values {@code k(s)} and {@code k'(s)} of one layer. The exponentials of a pair are
     * factorised, {@code exp(-(f - g)/tau) = exp(-f/tau) exp(g/tau)}, with the factors computed once per
     * spike, so a pair costs a few multiplications instead of two transcendental calls; when
     * {@code tEnd/tau} is so large that the factors could overflow, the exponentials are taken directly.
     * {@code k = c (e^{-s/tauMem} - e^{-s/tauSyn})} is used where the difference loses at most a few bits
     * ({@code s delta >= 1e-3}, relative error below ~1e-13); closer pairs use
     * {@code k = -c e^{-s/tauMem} expm1(-s delta)}, which has no cancellation at all.
     */
    private static final class LayerTerms {
        /** exp(t/tau) factors stay below e^600, far from overflow. */
        private static final double MAX_EXPONENT = 600;
        private final LayerSpec layer;
        /** True when every neuron has the layer's time constants. */
        private final boolean uniform;
        /** The time constants of the neuron whose spike is being evaluated ({@link #neuron(int)}). */
        double tauMem;
        double invTauMem;
        private double tauSyn;
        private double delta;
        private double scale;
        private boolean equal;
        private final boolean factorised;
        /** Presynaptic spikes, and the layer's own spikes (recurrence and resets). */
        final Stream pre;
        final Stream same;
        /** Per neuron of the layer: exp(t/tauMem) and the global index of its k-th spike. */
        final double[][] ownEm;
        final int[][] ownGlobal;
        int nextOwn;
        /** Pairs further apart than this are cut; first presynaptic / own-layer / own spike within it. */
        final double horizon;
        int preStart;
        int sameStart;
        final int[] ownStart;
        private double emTarget;
        private double esTarget;
        double k;
        double kPrime;

        LayerTerms(LayerSpec layer, double tEnd, double[][] presynaptic, double[][] own, SpikeIndex index, int p,
                   double horizon) {
            this.layer = layer;
            this.horizon = horizon;
            ownStart = new int[own.length];
            uniform = layer.detail().tauSyn() == null && layer.detail().tauMem() == null;
            setTimeConstants(layer.tauSyn(), layer.tauMem());
            // The factors exp(t/tau) are per time constant: with per-neuron ones the exponentials are taken
            // directly (one pair of exp calls per pair of spikes).
            factorised = uniform && tEnd / Math.min(tauMem, tauSyn) < MAX_EXPONENT;
            pre = p == 0 ? inputStream(presynaptic) : layerStream(index, p - 1);
            same = layerStream(index, p);
            ownEm = new double[own.length][];
            ownGlobal = new int[own.length][];
            for (int j = 0; j < own.length; j++) {
                ownEm[j] = new double[own[j].length];
                ownGlobal[j] = new int[own[j].length];
            }
            int[] nextK = new int[own.length];
            for (int m = 0; m < same.time.length; m++) {
                int j = same.source[m];
                int k = nextK[j]++;
                ownEm[j][k] = same.em[m];
                ownGlobal[j][k] = same.global[m];
            }
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

        /** Switches to neuron {@code i}'s time constants (nothing to do when the layer has one pair). */
        void neuron(int i) {
            if (!uniform) {
                setTimeConstants(layer.tauSynOf(i), layer.tauMemOf(i));
            }
        }

        /** Input channels (no global indices): merged here; there are only a few. */
        private Stream inputStream(double[][] t) {
            MergedEvents merged = MergedEvents.merge(t);
            int n = merged.size();
            int[] global = new int[n];
            java.util.Arrays.fill(global, -1);
            return withFactors(merged.time(), merged.source(), global);
        }

        /** A layer's spikes in global order, read off the spike index (no second sort). */
        private Stream layerStream(SpikeIndex index, int layer) {
            int[] global = index.ofLayer(layer);
            double[] time = new double[global.length];
            int[] source = new int[global.length];
            for (int m = 0; m < global.length; m++) {
                time[m] = index.time(global[m]);
                source[m] = index.neuron(global[m]);
            }
            return withFactors(time, source, global);
        }

        private Stream withFactors(double[] time, int[] source, int[] global) {
            int n = time.length;
            double[] em = new double[n];
            double[] es = new double[n];
            if (factorised) {
                for (int m = 0; m < n; m++) {
                    // Later source times (measured spikes beyond tEnd are dropped before) cannot overflow.
                    double g = time[m];
                    em[m] = Math.exp(Math.min(g, MAX_EXPONENT * tauMem) / tauMem);
                    es[m] = Math.exp(Math.min(g, MAX_EXPONENT * tauSyn) / tauSyn);
                }
            }
            return new Stream(time, source, global, em, es);
        }

        void target(double f, int ownPosition) {
            if (factorised) {
                emTarget = 1.0 / same.em[ownPosition];
                esTarget = 1.0 / same.es[ownPosition];
            }
        }

        /** {@code exp(-s/tauMem)} for an own earlier spike with factor {@code emSource}. */
        double decay(double s, double emSource) {
            return factorised ? emTarget * emSource : Math.exp(-s / tauMem);
        }

        /** {@code k(s)} and {@code k'(s) = (e^{-s/tauSyn} - k(s))/tauMem} for a source with the given factors. */
        void eval(double s, double emSource, double esSource) {
            double em = factorised ? emTarget * emSource : Math.exp(-s / tauMem);
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
