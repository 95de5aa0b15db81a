package dev.spikeloop.runtime.sim;

/**
 * Finds the first time a membrane reaches its threshold between two events, to full double
 * precision.
 *
 * <p>Between events the membrane is {@code V(s) = exp(-s/tauMem) (v0 + j (s/tauMem) phi(s delta))}:
 * a sum of two exponentials (or {@code (a + b s) exp(-s/tau)}), which has at most one extremum. So the
 * first crossing, if any, lies in {@code (0, min(s*, S)]} where {@code s*} is the maximum, on which
 * {@code V} is increasing: a bracket with exactly one root, solved by Newton steps safeguarded by
 * bisection until the bracket is a few ulps wide. When {@code tauMem = 2 tauSyn} the crossing is the
 * root of a quadratic in {@code x = exp(-s/tauMem)} and is computed in closed form.
 */
final class ThresholdCrossing {
    private final LifKernel kernel;
    private final double threshold;
    private final boolean closedForm;

    ThresholdCrossing(LifKernel kernel, double threshold, boolean allowClosedForm) {
        this.kernel = kernel;
        this.threshold = threshold;
        this.closedForm = allowClosedForm && kernel.tauMem() == 2 * kernel.tauSyn();
    }

    boolean usesClosedForm() {
        return closedForm;
    }

    /**
     * The first {@code s} in {@code (0, horizon]} with {@code V(s) = threshold}, given {@code V(0) = v0}
     * and current {@code j}; {@code 0} when the membrane is already at or above threshold (rounding at an
     * event boundary); {@code +Infinity} when there is no crossing.
     */
    double first(double v0, double j, double horizon) {
        if (v0 >= threshold) {
            return 0.0;
        }
        if (!(threshold > 0)) {
            return towardsRest(v0, j, horizon);
        }
        // V follows the current with a lag: if the current never exceeds the threshold (it only decays
        // towards 0), V can never rise above max(v0, j) and cannot reach the threshold.
        if (j <= threshold || !(horizon > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        if (closedForm) {
            return quadratic(v0, j, horizon);
        }
        double peak = peak(v0, j);
        if (!(peak > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        double hi = Math.min(peak, horizon);
        if (kernel.potential(v0, j, hi) < threshold) {
            return Double.POSITIVE_INFINITY;
        }
        return solve(v0, j, hi);
    }

    /**
     * Time of the membrane maximum (where {@code V' = 0}, i.e. the current equals the potential); NaN or
     * non-positive when the membrane has no maximum ahead. In the two-exponential form
     * {@code s* = -ln(r)/delta} with {@code r = (tauSyn + v0 (tauMem - tauSyn)/j)/tauMem}; written with
     * {@code log1p(u)/u} so that it is exact in the limit {@code tauMem -> tauSyn}.
     */
    double peak(double v0, double j) {
        double tauSyn = kernel.tauSyn();
        double tauMem = kernel.tauMem();
        double a = 1.0 - v0 / j;             // > 0 since v0 < threshold < j
        double u = -(tauMem - tauSyn) * a / tauMem;
        if (u <= -1.0) {
            return Double.NaN;               // r <= 0: the potential rises monotonically towards 0 (never reaches threshold)
        }
        double ratio = Math.abs(u) < 1e-12 ? 1.0 - 0.5 * u : Math.log1p(u) / u;
        return tauSyn * a * ratio;
    }

    /**
     * The crossing when the threshold is at or below the resting potential 0 (a membrane shifted by a
     * bias at or above the real threshold: the neuron fires on its own). {@code V} has at most one
     * extremum and tends to 0; below the threshold at {@code s = 0}, it crosses on its increasing part:
     * before a maximum ahead (rising now), or after a minimum ahead (falling now), or anywhere when it is
     * monotonic. A threshold of exactly 0 is only reached by an overshoot in the rising case.
     */
    private double towardsRest(double v0, double j, double horizon) {
        if (!(horizon > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        double lo = 0.0;
        double hi = horizon;
        if (j == 0) {
            lo = 0.0;                      // a pure decay towards 0: monotonic
        } else if (j > v0) {
            double peak = peak(v0, j);
            if (peak > 0) {
                hi = Math.min(peak, horizon);
            }
        } else {
            double valley = peak(v0, j);   // the same stationary-point formula; here a minimum
            if (valley > 0) {
                if (valley >= horizon) {
                    return Double.POSITIVE_INFINITY;
                }
                lo = valley;
            }
        }
        if (kernel.potential(v0, j, hi) < threshold || kernel.potential(v0, j, lo) >= threshold) {
            return Double.POSITIVE_INFINITY;
        }
        return solve(v0, j, lo, hi, 0.5 * (lo + hi));
    }

    /** Newton-bisection on {@code V(s) - threshold} in {@code [0, hi]}, where it is increasing and changes sign. */
    private double solve(double v0, double j, double hi) {
        // First Newton step from s = 0, where V' = (j - v0)/tauMem > 0.
        return solve(v0, j, 0.0, hi, (threshold - v0) * kernel.tauMem() / (j - v0));
    }

    /** The crossing in {@code [lo, hi]}, where {@code V} is increasing and changes sign. */
    private double solve(double v0, double j, double lo, double hi, double start) {
        double tauMem = kernel.tauMem();
        return NewtonBisection.solve(new NewtonBisection.Membrane() {
            @Override
            public double potential(double s) {
                return kernel.potential(v0, j, s);
            }

            @Override
            public double slope(double s, double v) {
                return (kernel.current(j, s) - v) / tauMem;
            }
        }, threshold, lo, hi, start);
    }

    /**
     * Closed form for {@code tauMem = 2 tauSyn}: {@code V = (v0 + j) x - j x^2} with {@code x = exp(-s/tauMem)}
     * (the kernel factor {@code tauSyn/(tauMem - tauSyn)} is 1). The first crossing is the largest root
     * {@code x < 1}; the roots use the cancellation-free form of the quadratic formula.
     */
    private double quadratic(double v0, double j, double horizon) {
        double b = v0 + j;                   // j x^2 - b x + threshold = 0
        if (b <= 0) {
            return Double.POSITIVE_INFINITY; // both roots negative or complex
        }
        double disc = b * b - 4 * j * threshold;
        if (disc < 0) {
            return Double.POSITIVE_INFINITY;
        }
        double q = 0.5 * (b + Math.sqrt(disc));
        double x1 = q / j;
        double x2 = threshold / q;
        double x = Math.max(x1 < 1 ? x1 : -1, x2 < 1 ? x2 : -1);
        if (!(x > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        double s = -kernel.tauMem() * Math.log(x);
        return s <= horizon ? s : Double.POSITIVE_INFINITY;
    }
}
