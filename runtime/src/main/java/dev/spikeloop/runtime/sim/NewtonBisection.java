package dev.spikeloop.runtime.sim;

/**
 * The root search both threshold-crossing classes end in: Newton steps on {@code V(s) - threshold},
 * safeguarded by bisection, on a bracket where {@code V} is increasing and crosses the threshold,
 * until the step or the bracket is a few ulps wide.
 */
final class NewtonBisection {
    private static final int MAX_ITERATIONS = 200;

    /** A membrane trajectory over the time {@code s} since the last event. */
    interface Membrane {
        /** {@code V(s)}. */
        double potential(double s);

        /** {@code V'(s)}, given {@code v = V(s)}. */
        double slope(double s, double v);
    }

    private NewtonBisection() {
    }

    /**
     * The crossing in {@code [lo, hi]}, starting from {@code start} (the bracket's midpoint when
     * {@code start} lies outside it).
     */
    static double solve(Membrane m, double threshold, double lo, double hi, double start) {
        double s = start;
        if (!(s > lo && s < hi)) {
            s = 0.5 * (lo + hi);
        }
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double v = m.potential(s);
            double f = v - threshold;
            if (f == 0.0) {
                return s;
            }
            if (f > 0) {
                hi = s;
            } else {
                lo = s;
            }
            double next = s - f / m.slope(s, v);
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - s) <= 2 * Math.ulp(s) || hi - lo <= 2 * Math.ulp(hi)) {
                return next;
            }
            s = next;
        }
        return s;
    }
}
