package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;
import org.ejml.data.DMatrixSparseCSC;

/**
 * The forward (FP) order: {@code L dF/dtheta = -dG/dtheta} by forward substitution in time order, one
 * sparse row of {@code dF/dtheta} per spike: row {@code e} is
 * {@code (-dG_e/dtheta - sum_{m<e} L_em row_m) / L_ee}, so it needs only earlier rows (the order can run
 * online as spikes arrive), and it holds only the parameters that can reach spike {@code e}. Then
 * {@code dLoss/dtheta = sum_e dLoss/dF_e row_e}.
 *
 * <p>Parameters are numbered as in {@link ParameterVector} with thresholds: layer by layer the weights
 * row-major, then the recurrent weights row-major (if any); then one threshold per layer; then (layers
 * with a bias field) each neuron's bias.
 */
final class ForwardSolver {
    private ForwardSolver() {
    }

    /** The rows of {@code dF/dtheta}: for spike {@code e}, parameter indices and values. */
    record Rows(int[][] index, double[][] value, int parameters) {
    }

    /**
     * First parameter index of each layer's weights, recurrent weights, threshold and biases, and of its
     * second synapse's weights and recurrent weights (-1: none).
     */
    record Layout(int[] weights, int[] recurrent, int[] threshold, int[] bias, int parameters, int[] weights2,
                  int[] recurrent2) {
        static Layout of(FloatNetwork net) {
            ParameterVector v = new ParameterVector(true);
            int layers = net.layerCount();
            int[] w = new int[layers];
            int[] r = new int[layers];
            int[] t = new int[layers];
            int[] b = new int[layers];
            int[] w2 = new int[layers];
            int[] r2 = new int[layers];
            int k = v.size(net);
            for (int p = 0; p < layers; p++) {
                LayerSpec l = net.layer(p);
                w[p] = v.weightOffset(net, p);
                r[p] = w[p] + l.size() * net.fanIn(p);
                t[p] = v.thresholdOffset(net, p);
                b[p] = v.biasOffset(net, p);
                k += l.detail().bias() != null ? l.size() : 0;
                w2[p] = v.synapse2Offset(net, p);
                r2[p] = w2[p] >= 0 && l.detail().synapse2().recurrent() != null ? w2[p] + l.size() * net.fanIn(p) : -1;
            }
            return new Layout(w, r, t, b, k, w2, r2);
        }
    }

    /**
     * Forward substitution, row by row in time order: through the stored off-diagonal entries of {@code L}
     * when the system has them, otherwise with running sums of rows ({@link ForwardSweep}).
     */
    static Rows rows(FloatNetwork net, ImplicitSystem sys) {
        if (!sys.hasJacobian()) {
            return ForwardSweep.rows(net, sys);
        }
        int n = sys.size();
        Layout layout = Layout.of(net);
        SpikeIndex index = sys.index;
        double[] work = new double[layout.parameters()];
        int[] mark = new int[layout.parameters()];
        java.util.Arrays.fill(mark, -1);
        int[] touched = new int[layout.parameters()];
        int[][] rowIndex = new int[n][];
        double[][] rowValue = new double[n][];
        for (int e = 0; e < n; e++) {
            int p = index.layer(e);
            int i = index.neuron(e);
            int count = 0;
            // -dG_e/dtheta: the weights and threshold of the spiking neuron only.
            double[] dW = sys.dGdW[e];
            int base = layout.weights()[p] + i * dW.length;
            for (int j = 0; j < dW.length; j++) {
                if (dW[j] != 0) {
                    int c = base + j;
                    mark[c] = e;
                    work[c] = -dW[j];
                    touched[count++] = c;
                }
            }
            double[] dR = sys.dGdR[e];
            if (dR != null) {
                base = layout.recurrent()[p] + i * dR.length;
                for (int j = 0; j < dR.length; j++) {
                    if (dR[j] != 0) {
                        int c = base + j;
                        mark[c] = e;
                        work[c] = -dR[j];
                        touched[count++] = c;
                    }
                }
            }
            int th = layout.threshold()[p];
            mark[th] = e;
            work[th] = -sys.dGdTheta[e];
            touched[count++] = th;
            if (layout.bias()[p] >= 0) {
                int c = layout.bias()[p] + i;
                mark[c] = e;
                work[c] = -sys.dGdB[e];
                touched[count++] = c;
            }
            // - sum over the earlier spikes of L_em row_m (the row storage ends with the diagonal).
            int diagonal = sys.rowPtr[e + 1] - 1;
            for (int k = sys.rowPtr[e]; k < diagonal; k++) {
                double l = sys.vals[k];
                int m = sys.cols[k];
                int[] mi = rowIndex[m];
                double[] mv = rowValue[m];
                for (int t = 0; t < mi.length; t++) {
                    int c = mi[t];
                    if (mark[c] != e) {
                        mark[c] = e;
                        work[c] = -l * mv[t];
                        touched[count++] = c;
                    } else {
                        work[c] -= l * mv[t];
                    }
                }
            }
            double inv = 1.0 / sys.vals[diagonal];
            int[] ri = java.util.Arrays.copyOf(touched, count);
            double[] rv = new double[count];
            for (int t = 0; t < count; t++) {
                rv[t] = work[ri[t]] * inv;
            }
            rowIndex[e] = ri;
            rowValue[e] = rv;
        }
        return new Rows(rowIndex, rowValue, layout.parameters());
    }

    /** The full sensitivity matrix {@code dF/dtheta} (spikes x parameters) in compressed-column form. */
    static DMatrixSparseCSC sensitivities(FloatNetwork net, ImplicitSystem sys) {
        Rows rows = rows(net, sys);
        int n = sys.size();
        DMatrixSparseCSC x = new DMatrixSparseCSC(n, rows.parameters(), 0);
        for (int e = 0; e < n; e++) {
            for (int t = 0; t < rows.index()[e].length; t++) {
                x.set(e, rows.index()[e][t], rows.value()[e][t]);
            }
        }
        return x;
    }

    static void solve(FloatNetwork net, ImplicitSystem sys, double[] dLossdF, GradientArrays out) {
        if (sys.size() == 0) {
            return;
        }
        Rows rows = rows(net, sys);
        double[] grad = new double[rows.parameters()];
        for (int e = 0; e < sys.size(); e++) {
            double d = dLossdF[e];
            if (d != 0) {
                int[] ri = rows.index()[e];
                double[] rv = rows.value()[e];
                for (int t = 0; t < ri.length; t++) {
                    grad[ri[t]] += d * rv[t];
                }
            }
        }
        Layout layout = Layout.of(net);
        for (int p = 0; p < net.layerCount(); p++) {
            LayerSpec layer = net.layer(p);
            int col = layout.weights()[p];
            for (double[] row : out.weights[p]) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = grad[col++];
                }
            }
            if (layer.hasRecurrent()) {
                for (double[] row : out.recurrent[p]) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] = grad[col++];
                    }
                }
            }
            if (out.weights2[p] != null) {
                col = layout.weights2()[p];
                for (double[] row : out.weights2[p]) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] = grad[col++];
                    }
                }
                if (out.recurrent2[p] != null) {
                    for (double[] row : out.recurrent2[p]) {
                        for (int j = 0; j < row.length; j++) {
                            row[j] = grad[col++];
                        }
                    }
                }
            }
            out.thresholds[p] = grad[layout.threshold()[p]];
            if (out.biases[p] != null) {
                for (int i = 0; i < layer.size(); i++) {
                    out.biases[p][i] = grad[layout.bias()[p] + i];
                }
            }
        }
    }

    /** {@code -dG/dtheta} in compressed-column form, one column per parameter, rows ascending. */
    static DMatrixSparseCSC parameterPartials(FloatNetwork net, ImplicitSystem sys) {
        SpikeIndex index = sys.index;
        int n = sys.size();
        int params = 0;
        int nnz = n;
        for (int e = 0; e < n; e++) {
            nnz += sys.dGdW[e].length + (sys.dGdR[e] == null ? 0 : sys.dGdR[e].length);
        }
        for (int p = 0; p < net.layerCount(); p++) {
            LayerSpec l = net.layer(p);
            params += l.size() * net.fanIn(p) + (l.hasRecurrent() ? l.size() * l.size() : 0) + 1
                    + (l.detail().bias() != null ? l.size() : 0);
        }
        for (int e = 0; e < n; e++) {
            nnz += net.layer(index.layer(e)).detail().bias() != null ? 1 : 0;
        }
        int[] colIdx = new int[params + 1];
        int[] rows = new int[nnz];
        double[] vals = new double[nnz];
        int col = 0;
        int m = 0;
        int[][][] perNeuron = new int[net.layerCount()][][];
        for (int p = 0; p < net.layerCount(); p++) {
            perNeuron[p] = spikesByNeuron(index, p, net.layer(p).size());
        }
        // Columns in ParameterVector order: every layer's weights and recurrent weights, ...
        for (int p = 0; p < net.layerCount(); p++) {
            LayerSpec layer = net.layer(p);
            int fanIn = net.fanIn(p);
            for (int i = 0; i < layer.size(); i++) {
                for (int j = 0; j < fanIn; j++) {
                    for (int e : perNeuron[p][i]) {
                        double v = sys.dGdW[e][j];
                        if (v != 0) {
                            rows[m] = e;
                            vals[m++] = -v;
                        }
                    }
                    colIdx[++col] = m;
                }
            }
            if (layer.hasRecurrent()) {
                for (int i = 0; i < layer.size(); i++) {
                    for (int j = 0; j < layer.size(); j++) {
                        for (int e : perNeuron[p][i]) {
                            double v = sys.dGdR[e][j];
                            if (v != 0) {
                                rows[m] = e;
                                vals[m++] = -v;
                            }
                        }
                        colIdx[++col] = m;
                    }
                }
            }
        }
        // ... then one threshold per layer, ...
        for (int p = 0; p < net.layerCount(); p++) {
            for (int e = 0; e < n; e++) {
                if (index.layer(e) == p) {
                    rows[m] = e;
                    vals[m++] = -sys.dGdTheta[e];
                }
            }
            colIdx[++col] = m;
        }
        // ... then the biases of the layers that have them.
        for (int p = 0; p < net.layerCount(); p++) {
            if (net.layer(p).detail().bias() != null) {
                for (int i = 0; i < net.layer(p).size(); i++) {
                    for (int e : perNeuron[p][i]) {
                        rows[m] = e;
                        vals[m++] = -sys.dGdB[e];
                    }
                    colIdx[++col] = m;
                }
            }
        }
        DMatrixSparseCSC b = new DMatrixSparseCSC(n, params, 0);
        b.col_idx = colIdx;
        b.nz_rows = rows;
        b.nz_values = vals;
        b.nz_length = m;
        b.indicesSorted = true;
        return b;
    }

    /** Global indices of each neuron's spikes in one layer, ascending. */
    private static int[][] spikesByNeuron(SpikeIndex index, int layer, int size) {
        int[] counts = new int[size];
        for (int e = 0; e < index.size(); e++) {
            if (index.layer(e) == layer) {
                counts[index.neuron(e)]++;
            }
        }
        int[][] out = new int[size][];
        for (int i = 0; i < size; i++) {
            out[i] = new int[counts[i]];
            counts[i] = 0;
        }
        for (int e = 0; e < index.size(); e++) {
            if (index.layer(e) == layer) {
                int i = index.neuron(e);
                out[i][counts[i]++] = e;
            }
        }
        return out;
    }
}
