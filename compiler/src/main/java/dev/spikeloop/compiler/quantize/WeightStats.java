package dev.spikeloop.compiler.quantize;

import java.util.Arrays;

/** Magnitude statistics of the weights feeding one layer. */
public final class WeightStats {
    private WeightStats() {
    }

    /**
     * The nearest-rank {@code quantile} of |w| over the given matrices (null matrices are skipped;
     * a recurrent matrix's diagonal is skipped because the model ignores self-connections).
     * Returns 0 when there are no entries.
     *
     * @param recurrent which of {@code matrices} are recurrent (their diagonal is skipped)
     */
    public static double quantileAbs(double quantile, double[][][] matrices, boolean[] recurrent) {
        int n = 0;
        for (int m = 0; m < matrices.length; m++) {
            if (matrices[m] != null) {
                for (double[] row : matrices[m]) {
                    n += row.length;
                }
            }
        }
        double[] all = new double[n];
        int k = 0;
        for (int m = 0; m < matrices.length; m++) {
            double[][] w = matrices[m];
            if (w == null) {
                continue;
            }
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < w[i].length; j++) {
                    if (!(recurrent[m] && i == j)) {
                        all[k++] = Math.abs(w[i][j]);
                    }
                }
            }
        }
        if (k == 0) {
            return 0.0;
        }
        if (quantile >= 1.0) {
            double max = 0;
            for (int i = 0; i < k; i++) {
                max = Math.max(max, all[i]);
            }
            return max;
        }
        double[] used = Arrays.copyOf(all, k);
        Arrays.sort(used);
        int rank = (int) Math.ceil(quantile * k) - 1;
        return used[Math.max(0, Math.min(k - 1, rank))];
    }
}
