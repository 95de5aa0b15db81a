package dev.spikeloop.runtime.fp;

import org.ejml.data.DMatrixSparseCSC;
import org.ejml.sparse.csc.misc.TriangularSolver_DSCC;

/**
 * The adjoint order on the stored Jacobian (the engine's order until the matrix-free {@link AdjointSweep}
 * replaced it; kept as a reference for tests): one backward substitution {@code L^T lambda = dLoss/dF} (EJML's sparse upper
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
        AdjointSweep.accumulate(sys, lambda, out);
    }
}
