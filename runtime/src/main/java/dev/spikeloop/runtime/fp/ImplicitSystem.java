package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerSpec;
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
 *   <li>{@code dG_e/dthreshold = -(1 + sum_{m < f} exp(-(f - m)/tauMem))}.</li>
 * </ul>
 * Row {@code e} of the Jacobian {@code L = dG/dF} is stored sorted by column with the diagonal last,
 * which is column {@code e} of {@code L^T} in compressed-column form.
 */
final class ImplicitSystem {
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
    /** Number of slopes that were clamped to the minimum. */
    final int clampedSlopes;

    private ImplicitSystem(SpikeIndex index, int[] rowPtr, int[] cols, double[] vals, double[][] dGdW,
                           double[][] dGdR, double[] dGdTheta, int clampedSlopes) {
        this.index = index;
        this.rowPtr = rowPtr;
        this.cols = cols;
        this.vals = vals;
        this.dGdW = dGdW;
        this.dGdR = dGdR;
        this.dGdTheta = dGdTheta;
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
        SpikeIndex index = new SpikeIndex(record);
        int n = index.size();
        double[][][] times = record.times();
        double[][] dGdW = new double[n][];
        double[][] dGdR = new double[n][];
        double[] dGdTheta = new double[n];
        int[] rowPtr = new int[n + 1];
        RowBuilder rows = new RowBuilder(n);
        int clamped = 0;
        LayerTerms[] terms = new LayerTerms[net.layerCount()];
        for (int p = 0; p < terms.length; p++) {
            terms[p] = new LayerTerms(net.layer(p));
        }
        for (int e = 0; e < n; e++) {
            int p = index.layer(e);
            int i = index.neuron(e);
            double f = index.time(e);
            LayerSpec layer = net.layer(p);
            LayerTerms lt = terms[p];
            double[][] pre = p == 0 ? in.times() : times[p - 1];
            double slope = 0;
            // Feed-forward sources: input channels are constants (no Jacobian entries).
            double[] w = layer.weights()[i];
            double[] gW = new double[w.length];
            for (int j = 0; j < w.length; j++) {
                double[] tj = pre[j];
                double wij = w[j];
                double sumK = 0;
                for (int k = 0; k < tj.length && tj[k] < f; k++) {
                    lt.eval(f - tj[k]);
                    sumK += lt.k;
                    if (wij != 0) {
                        slope += wij * lt.kPrime;
                        if (p > 0) {
                            rows.add(index.index(p - 1, j, k), -wij * lt.kPrime);
                        }
                    }
                }
                gW[j] = sumK;
            }
            dGdW[e] = gW;
            if (layer.hasRecurrent()) {
                double[] r = layer.recurrent()[i];
                double[] gR = new double[r.length];
                double[][] same = times[p];
                for (int j = 0; j < r.length; j++) {
                    if (j == i) {
                        continue;           // self-connections are ignored by the model
                    }
                    double[] tj = same[j];
                    double rij = r[j];
                    double sumK = 0;
                    for (int k = 0; k < tj.length && tj[k] < f; k++) {
                        lt.eval(f - tj[k]);
                        sumK += lt.k;
                        if (rij != 0) {
                            slope += rij * lt.kPrime;
                            rows.add(index.index(p, j, k), -rij * lt.kPrime);
                        }
                    }
                    gR[j] = sumK;
                }
                dGdR[e] = gR;
            }
            // Own earlier spikes: the reset term -threshold * exp(-(f - m)/tauMem).
            double[] own = times[p][i];
            double sumReset = 0;
            double resetScale = layer.threshold() / layer.tauMem();
            for (int k = 0; k < own.length && own[k] < f; k++) {
                double decay = Math.exp(-(f - own[k]) / layer.tauMem());
                sumReset += decay;
                slope += resetScale * decay;
                rows.add(index.index(p, i, k), -resetScale * decay);
            }
            dGdTheta[e] = -(1 + sumReset);
            double minSlope = minSlopeFraction * resetScale;
            boolean clamp = clampSmallSlopes ? !(slope >= minSlope) : !(slope > 0);
            if (clamp) {
                slope = minSlope;
                clamped++;
            }
            rows.finishRow(e, slope);
            rowPtr[e + 1] = rows.length();
        }
        return new ImplicitSystem(index, rowPtr, rows.cols(), rows.vals(), dGdW, dGdR, dGdTheta, clamped);
    }

    /** Kernel values {@code k(s)} and {@code k'(s)} of one layer, two transcendental calls per pair. */
    private static final class LayerTerms {
        private final double tauMem;
        private final double delta;
        private final double scale;
        private final boolean equal;
        double k;
        double kPrime;

        LayerTerms(LayerSpec layer) {
            tauMem = layer.tauMem();
            delta = 1.0 / layer.tauSyn() - 1.0 / layer.tauMem();
            equal = layer.tauMem() == layer.tauSyn();
            scale = equal ? 0 : layer.tauSyn() / (layer.tauMem() - layer.tauSyn());
        }

        /**
         * {@code k(s) = c (e^{-s/tauMem} - e^{-s/tauSyn}) = -c e^{-s/tauMem} expm1(-s delta)} (no
         * cancellation) and {@code k'(s) = (e^{-s/tauSyn} - k(s))/tauMem}.
         */
        void eval(double s) {
            double em = Math.exp(-s / tauMem);
            double es;
            if (equal) {
                k = s / tauMem * em;
                es = em;
            } else {
                double ex = Math.expm1(-s * delta);
                k = -scale * em * ex;
                es = em * (1 + ex);
            }
            kPrime = (es - k) / tauMem;
        }
    }

    /** Collects one row at a time, sorts it by column and appends the diagonal. */
    private static final class RowBuilder {
        private int[] cols = new int[64];
        private double[] vals = new double[64];
        private int length;
        private int rowStart;
        private final double[] scratch;

        RowBuilder(int n) {
            scratch = new double[Math.max(n, 1)];
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

        void finishRow(int diagonal, double value) {
            // Each earlier spike appears at most once per row, so sorting the columns and reading the
            // values back through a dense scratch keeps them paired.
            for (int m = rowStart; m < length; m++) {
                scratch[cols[m]] = vals[m];
            }
            Arrays.sort(cols, rowStart, length);
            for (int m = rowStart; m < length; m++) {
                vals[m] = scratch[cols[m]];
            }
            add(diagonal, value);
            rowStart = length;
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
