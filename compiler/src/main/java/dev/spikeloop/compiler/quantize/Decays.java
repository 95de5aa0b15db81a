package dev.spikeloop.compiler.quantize;

/**
 * The chip's bit-shift decays and the float time constants they stand for.
 *
 * <p>A state decayed with {@code x -= x >> dash} each step shrinks by {@code 1 - 2^-dash} per step,
 * which is {@code exp(-dt / tau)} for {@code tau = dt / -ln(1 - 2^-dash)}. Dash 0 empties a state in
 * one step (a synaptic current would never reach the membrane), so only dashes 1.. are usable.
 * A float time constant maps to the dash whose time constant is nearest in the log domain; it is
 * accepted when that nearest dash is within 1..maxDash, i.e. when it lies between the geometric
 * midpoints just outside dash 1 and dash maxDash.
 */
public final class Decays {
    /** The smallest usable dash. */
    public static final int MIN_DASH = 1;

    private Decays() {
    }

    /** The per-step retention factor {@code 1 - 2^-dash}. */
    public static double retention(int dash) {
        return 1.0 - Math.scalb(1.0, -dash);
    }

    /** The per-step log decay {@code -ln(1 - 2^-dash)} = dt / tau. */
    public static double logDecay(int dash) {
        return -Math.log1p(-Math.scalb(1.0, -dash));
    }

    /** The time constant (seconds) that a dash realises at step {@code dt}. */
    public static double tau(int dash, double dt) {
        return dt / logDecay(dash);
    }

    /**
     * The dash whose time constant is nearest to {@code tau} in the log domain, among
     * {@code MIN_DASH..maxDash}; ties go to the smaller dash.
     */
    public static int nearestDash(double tau, double dt, int maxDash) {
        int best = MIN_DASH;
        double bestDistance = Double.POSITIVE_INFINITY;
        double logTau = Math.log(tau);
        for (int d = MIN_DASH; d <= maxDash; d++) {
            double distance = Math.abs(logTau - Math.log(tau(d, dt)));
            if (distance < bestDistance) {
                best = d;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** The shortest accepted time constant: dash 1's time constant divided by half the log spacing of dashes 1 and 2. */
    public static double minTau(double dt) {
        double t1 = tau(MIN_DASH, dt);
        double t2 = tau(MIN_DASH + 1, dt);
        return t1 / Math.sqrt(t2 / t1);
    }

    /** The longest accepted time constant: {@code maxDash}'s time constant times half the log spacing below it. */
    public static double maxTau(double dt, int maxDash) {
        double tMax = tau(maxDash, dt);
        double tBelow = tau(maxDash - 1, dt);
        return tMax * Math.sqrt(tMax / tBelow);
    }

    /** True when {@code tau} maps to a usable dash at this step. */
    public static boolean inRange(double tau, double dt, int maxDash) {
        return tau >= minTau(dt) && tau <= maxTau(dt, maxDash);
    }

    /**
     * The peak of the float PSP kernel {@code k(s) = ts/(tm-ts) (e^(-s/tm) - e^(-s/ts))} (fp-lif-model.md),
     * reached at {@code s* = ts tm / (tm - ts) ln(tm / ts)}; {@code 1/e} when the time constants are equal.
     */
    public static double pspPeak(double tauSyn, double tauMem) {
        if (Math.abs(tauMem - tauSyn) <= 1e-12 * tauMem) {
            return Math.exp(-1);
        }
        double s = tauSyn * tauMem / (tauMem - tauSyn) * Math.log(tauMem / tauSyn);
        return tauSyn / (tauMem - tauSyn) * (Math.exp(-s / tauMem) - Math.exp(-s / tauSyn));
    }

    /**
     * The factor that gives a PSP with the chip's time constants the peak of the float PSP:
     * {@code pspPeak(tauSyn, tauMem) / pspPeak(chip tauSyn, chip tauMem)} (1 when the dashes realise
     * the time constants exactly).
     */
    public static double pspPeakRatio(double tauSyn, double tauMem, int dashSyn, int dashMem, double dt) {
        return pspPeak(tauSyn, tauMem) / pspPeak(tau(dashSyn, dt), tau(dashMem, dt));
    }

    /**
     * The synaptic gain g linking a float weight to the integer amount added to a synaptic current.
     *
     * <p>With per-step retentions a (synapse) and b (membrane) and log decays La = -ln a, Lb = -ln b,
     * a weight A added to the current in step 0 gives the membrane {@code A a (b^(n+1) - a^(n+1)) / (b - a)}
     * at the end of step n (the current decays once before the membrane integrates it). The float kernel
     * sampled one step later, {@code W k((n+1) dt)} with {@code k(s) = ts/(tm-ts) (e^(-s/tm) - e^(-s/ts))},
     * has the same shape, so both agree at every step when {@code A = lambda g W} with
     * <pre>  g = Lb (b - a) / (a (La - Lb))       (g = Lb when a = b)</pre>
     * where lambda is the membrane scale (integer units per float unit). For small dt/tau,
     * {@code g ~ dt / tau_mem}.
     */
    public static double gain(int dashSyn, int dashMem) {
        double a = retention(dashSyn);
        double b = retention(dashMem);
        double la = logDecay(dashSyn);
        double lb = logDecay(dashMem);
        if (dashSyn == dashMem) {
            return lb;
        }
        return lb * (b - a) / (a * (la - lb));
    }
}
