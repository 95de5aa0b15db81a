package dev.spikeloop.runtime.sim;

/**
 * The response functions of one population of the float LIF model (fp-lif-model.md), written so
 * that they stay accurate when {@code tauMem} is close to (or equal to) {@code tauSyn}.
 *
 * <p>With {@code delta = 1/tauSyn - 1/tauMem} the synaptic kernel
 * {@code k(s) = tauSyn/(tauMem - tauSyn) (exp(-s/tauMem) - exp(-s/tauSyn))} equals
 * {@code (s/tauMem) exp(-s/tauMem) phi(s delta)} with {@code phi(x) = (1 - exp(-x))/x} and
 * {@code phi(0) = 1}; for {@code tauMem == tauSyn} this is exactly the spec's
 * {@code (s/tauMem) exp(-s/tauMem)}. Computing {@code phi} with {@code expm1} avoids the
 * cancellation of the two-exponential form.
 */
public final class LifKernel {
    private final double tauSyn;
    private final double tauMem;
    private final double delta;

    /** The kernel of a population with the given time constants (seconds, > 0). */
    public LifKernel(double tauSyn, double tauMem) {
        if (!(tauSyn > 0) || !(tauMem > 0) || !Double.isFinite(tauSyn) || !Double.isFinite(tauMem)) {
            throw new IllegalArgumentException("time constants must be finite and > 0, got tauSyn=" + tauSyn
                    + ", tauMem=" + tauMem);
        }
        this.tauSyn = tauSyn;
        this.tauMem = tauMem;
        // tauMem - tauSyn is exact when the two are within a factor of 2 (Sterbenz), so delta keeps full
        // relative precision even when the time constants nearly coincide; 1/tauSyn - 1/tauMem would not.
        this.delta = (tauMem - tauSyn) / (tauSyn * tauMem);
    }

    public double tauSyn() {
        return tauSyn;
    }

    public double tauMem() {
        return tauMem;
    }

    /** {@code 1/tauSyn - 1/tauMem}. */
    public double delta() {
        return delta;
    }

    /** {@code (1 - exp(-x)) / x}, continuous at 0. */
    static double phi(double x) {
        if (Math.abs(x) < 1e-8) {
            return 1.0 - 0.5 * x;
        }
        return -Math.expm1(-x) / x;
    }

    /** Membrane response {@code k(s)} to a unit current jump {@code s} seconds ago (0 for {@code s <= 0}). */
    public double k(double s) {
        if (s <= 0) {
            return 0.0;
        }
        return s / tauMem * Math.exp(-s / tauMem) * phi(s * delta);
    }

    /** {@code dk/ds} for {@code s > 0}: from the ODE, {@code (exp(-s/tauSyn) - k(s)) / tauMem}. */
    public double kPrime(double s) {
        if (s <= 0) {
            return 0.0;
        }
        return (Math.exp(-s / tauSyn) - k(s)) / tauMem;
    }

    /** Decay of an own reset {@code s} seconds ago: {@code exp(-s/tauMem)}. */
    public double reset(double s) {
        return Math.exp(-s / tauMem);
    }

    /**
     * Membrane potential {@code s >= 0} seconds after a moment where it was {@code v0} and the synaptic
     * current was {@code j}, with no event in between.
     */
    public double potential(double v0, double j, double s) {
        return Math.exp(-s / tauMem) * (v0 + j * (s / tauMem) * phi(s * delta));
    }

    /** Synaptic current {@code s} seconds after it was {@code j}. */
    public double current(double j, double s) {
        return j * Math.exp(-s / tauSyn);
    }
}
