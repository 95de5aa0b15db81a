package dev.spikeloop.runtime.sim;

/**
 * The first threshold crossing of a neuron with two synaptic currents (a second synapse,
 * {@code LayerDetail.synapse2()}): the same membrane time constant, two synaptic ones. Between events
 * {@code U(s) = e^{-s/tauMem} (u0 + j1 (s/tauMem) phi(s d1) + j2 (s/tauMem) phi(s d2))}, a sum of three
 * exponentials, which can have two extrema, so the single-extremum bracket of {@link ThresholdCrossing}
 * (and its closed form) does not apply.
 *
 * <p>The extrema are found exactly instead. {@code tauMem U' = I1 + I2 - U}; multiplied by
 * {@code e^{s/tauMem}} this is {@code h(s) = j1 e^{-s d1} + j2 e^{-s d2} - (u0 + j1 (1 - e^{-s d1})/d1 + ...)},
 * whose derivative {@code h'(s) = -(j1/tauSyn1 e^{-s d1} + j2/tauSyn2 e^{-s d2})} vanishes at most once, in
 * closed form. So {@code h} is monotonic on at most two pieces, each holding at most one zero of {@code U'}
 * (found by bisection on its sign); between those zeros {@code U} is monotonic, and the first piece whose
 * end reaches the threshold holds exactly one crossing, solved by Newton steps safeguarded by bisection
 * to a few ulps. Works for any sign of the threshold (a bias at or above it).
 */
final class TwoSynapseCrossing {
    private static final int MAX_ITERATIONS = 200;

    private final LifKernel first;
    private final LifKernel second;
    private final double threshold;

    /**
     * @param first     the kernel of the first synapse ({@code tauSyn1, tauMem})
     * @param second    the kernel of the second synapse ({@code tauSyn2}, the same {@code tauMem})
     * @param threshold the threshold of {@code U} (the threshold minus the bias)
     */
    TwoSynapseCrossing(LifKernel first, LifKernel second, double threshold) {
        if (first.tauMem() != second.tauMem()) {
            throw new IllegalArgumentException("the two synapses of a neuron share its membrane time constant, got "
                    + first.tauMem() + " and " + second.tauMem());
        }
        this.first = first;
        this.second = second;
        this.threshold = threshold;
    }

    /** {@code U(s)} from {@code U(0) = u0} and the two currents {@code j1, j2}. */
    double potential(double u0, double j1, double j2, double s) {
        return first.potential(u0, j1, s) + second.potential(0, j2, s);
    }

    /** {@code tauMem U'(s)}: the total current minus the potential. */
    private double rise(double u0, double j1, double j2, double s) {
        return first.current(j1, s) + second.current(j2, s) - potential(u0, j1, j2, s);
    }

    /**
     * The first {@code s} in {@code (0, horizon]} with {@code U(s) = threshold}; {@code 0} when {@code u0} is
     * already at or above it; {@code +Infinity} when there is none.
     */
    double first(double u0, double j1, double j2, double horizon) {
        if (u0 >= threshold) {
            return 0.0;
        }
        if (!(horizon > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        // U rises only while the total current exceeds it, and the current never exceeds the sum of its
        // positive parts: below that the threshold is out of reach.
        if (threshold > 0 && Math.max(j1, 0) + Math.max(j2, 0) <= threshold) {
            return Double.POSITIVE_INFINITY;
        }
        double[] cuts = new double[4];
        int n = 0;
        cuts[n++] = 0.0;
        double split = hTurn(j1, j2);
        if (split > 0 && split < horizon) {
            double z = riseZero(u0, j1, j2, 0.0, split);
            if (z > 0) {
                cuts[n++] = z;
            }
            cuts[n++] = split;
            z = riseZero(u0, j1, j2, split, horizon);
            if (z > 0) {
                cuts[n++] = z;
            }
        } else {
            double z = riseZero(u0, j1, j2, 0.0, horizon);
            if (z > 0) {
                cuts[n++] = z;
            }
        }
        double lo = 0.0;
        for (int c = 1; c <= n; c++) {
            double hi = c < n ? cuts[c] : horizon;
            if (!(hi > lo)) {
                continue;
            }
            if (potential(u0, j1, j2, hi) >= threshold) {
                return solve(u0, j1, j2, lo, hi);
            }
            lo = hi;
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Where {@code h'} vanishes ({@code NaN} or {@code <= 0} when it does not ahead). */
    private double hTurn(double j1, double j2) {
        double c1 = j1 / first.tauSyn();
        double c2 = j2 / second.tauSyn();
        double d1 = first.delta();
        double d2 = second.delta();
        if (c1 == 0 || c2 == 0 || (c1 > 0) == (c2 > 0) || d1 == d2) {
            return Double.NaN;
        }
        return Math.log(-c2 / c1) / (d2 - d1);
    }

    /**
     * The zero of {@code U'} in {@code (a, b)}, where {@code h} is monotonic (at most one zero), by bisection
     * on its sign; {@code -1} when the sign does not change.
     */
    private double riseZero(double u0, double j1, double j2, double a, double b) {
        double fa = rise(u0, j1, j2, a);
        double fb = rise(u0, j1, j2, b);
        if (fa == 0 || fb == 0 || (fa > 0) == (fb > 0)) {
            return -1;
        }
        double lo = a;
        double hi = b;
        for (int it = 0; it < MAX_ITERATIONS && hi - lo > 2 * Math.ulp(hi); it++) {
            double mid = 0.5 * (lo + hi);
            double fm = rise(u0, j1, j2, mid);
            if (fm == 0) {
                return mid;
            }
            if ((fm > 0) == (fa > 0)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** The crossing in {@code [lo, hi]}, where U is monotonic and crosses. */
    private double solve(double u0, double j1, double j2, double lo, double hi) {
        double tauMem = first.tauMem();
        return NewtonBisection.solve(new NewtonBisection.Membrane() {
            @Override
            public double potential(double s) {
                return TwoSynapseCrossing.this.potential(u0, j1, j2, s);
            }

            @Override
            public double slope(double s, double v) {
                return (first.current(j1, s) + second.current(j2, s) - v) / tauMem;
            }
        }, threshold, lo, hi, 0.5 * (lo + hi));
    }
}
