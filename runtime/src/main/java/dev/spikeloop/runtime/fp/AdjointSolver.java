package dev.spikeloop.runtime.fp;

import org.ejml.data.DMatrixSparseCSC;
import org.ejml.sparse.csc.misc.TriangularSolver_DSCC;

/**
 * The adjoint order: one backward substitution {@code L^T lambda = dLoss/dF} (EJML's sparse upper
 * triangular solve on {@code L^T}, which is exactly the row-wise storage of {@code L}), then
 * {@code dLoss/dtheta = -lambda^T dG/dtheta} spike by spike. The cost is one pass over the Jacobian
 * plus one over the parameter partials, independent of how many parameters each spike reaches.
 */
final class AdjointSolver {
    private AdjointSolver() {
    }

    static void solve(ImplicitSystem sys, double[] dLossdF, GradientArrays out) {
        int n = sys.size();
        if (n == 0) {
            return;
        }
        DMatrixSparseCSC lt = new DMatrixSparseCSC(n, n, 0);
        lt.col_idx = sys.rowPtr;
        lt.nz_rows = sys.cols;
        lt.nz_values = sys.vals;
        lt.nz_length = sys.rowPtr[n];
        lt.indicesSorted = false;         // off-diagonals grouped by population; the diagonal is last
        double[] lambda = dLossdF.clone();
        TriangularSolver_DSCC.solveU(lt, lambda);
        SpikeIndex index = sys.index;
        for (int e = 0; e < n; e++) {
            double l = lambda[e];
            if (l == 0) {
                continue;
            }
            int p = index.layer(e);
            int i = index.neuron(e);
            double[] gW = out.weights[p][i];
            double[] dW = sys.dGdW[e];
            for (int j = 0; j < dW.length; j++) {
                gW[j] -= l * dW[j];
            }
            double[] dR = sys.dGdR[e];
            if (dR != null) {
                double[] gR = out.recurrent[p][i];
                for (int j = 0; j < dR.length; j++) {
                    gR[j] -= l * dR[j];
                }
            }
            out.thresholds[p] -= l * sys.dGdTheta[e];
            if (out.biases[p] != null) {
                out.biases[p][i] -= l * sys.dGdB[e];
            }
        }
    }
}
