package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;
import org.ejml.data.DGrowArray;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.IGrowArray;
import org.ejml.sparse.csc.CommonOps_DSCC;
import org.ejml.sparse.csc.misc.TriangularSolver_DSCC;

/**
 * The forward (FP) order: {@code L dF/dtheta = -dG/dtheta} by sparse forward substitution in time
 * order (EJML's {@code TriangularSolver_DSCC.solve} with a sparse right-hand side, which only touches
 * the spikes each parameter can reach), then {@code dLoss/dtheta = dLoss/dF . dF/dtheta}.
 *
 * <p>Parameters are numbered layer by layer: the weights row-major, then the recurrent weights
 * row-major (if any), then the threshold.
 */
final class ForwardSolver {
    private ForwardSolver() {
    }

    /** The full sensitivity matrix {@code dF/dtheta} (spikes x parameters). */
    static DMatrixSparseCSC sensitivities(FloatNetwork net, ImplicitSystem sys) {
        int n = sys.size();
        DMatrixSparseCSC lt = new DMatrixSparseCSC(n, n, 0);
        lt.col_idx = sys.rowPtr;
        lt.nz_rows = sys.cols;
        lt.nz_values = sys.vals;
        lt.nz_length = sys.rowPtr[n];
        lt.indicesSorted = false;
        // The counting transpose emits each column's rows in increasing order: L comes out sorted, with
        // the diagonal first in every column as the lower-triangular solve expects.
        DMatrixSparseCSC lower = CommonOps_DSCC.transpose(lt, null, new IGrowArray());
        lower.indicesSorted = true;
        DMatrixSparseCSC rhs = parameterPartials(net, sys);
        DMatrixSparseCSC x = new DMatrixSparseCSC(n, rhs.numCols, 0);
        TriangularSolver_DSCC.solve(lower, true, rhs, x, null, new DGrowArray(), new IGrowArray(), new IGrowArray());
        return x;
    }

    static void solve(FloatNetwork net, ImplicitSystem sys, double[] dLossdF, GradientArrays out) {
        if (sys.size() == 0) {
            return;
        }
        DMatrixSparseCSC x = sensitivities(net, sys);
        int col = 0;
        for (int p = 0; p < net.layerCount(); p++) {
            LayerSpec layer = net.layer(p);
            for (double[] row : out.weights[p]) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = dot(x, col++, dLossdF);
                }
            }
            if (layer.hasRecurrent()) {
                for (double[] row : out.recurrent[p]) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] = dot(x, col++, dLossdF);
                    }
                }
            }
            out.thresholds[p] = dot(x, col++, dLossdF);
        }
    }

    private static double dot(DMatrixSparseCSC x, int col, double[] v) {
        double sum = 0;
        for (int m = x.col_idx[col]; m < x.col_idx[col + 1]; m++) {
            sum += v[x.nz_rows[m]] * x.nz_values[m];
        }
        return sum;
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
            params += l.size() * net.fanIn(p) + (l.hasRecurrent() ? l.size() * l.size() : 0) + 1;
        }
        int[] colIdx = new int[params + 1];
        int[] rows = new int[nnz];
        double[] vals = new double[nnz];
        int col = 0;
        int m = 0;
        int[] spikesOf = new int[0];
        for (int p = 0; p < net.layerCount(); p++) {
            LayerSpec layer = net.layer(p);
            int fanIn = net.fanIn(p);
            int[][] perNeuron = spikesByNeuron(index, p, layer.size());
            for (int i = 0; i < layer.size(); i++) {
                spikesOf = perNeuron[i];
                for (int j = 0; j < fanIn; j++) {
                    for (int e : spikesOf) {
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
                    spikesOf = perNeuron[i];
                    for (int j = 0; j < layer.size(); j++) {
                        for (int e : spikesOf) {
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
            for (int e = 0; e < n; e++) {
                if (index.layer(e) == p) {
                    rows[m] = e;
                    vals[m++] = -sys.dGdTheta[e];
                }
            }
            colIdx[++col] = m;
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
