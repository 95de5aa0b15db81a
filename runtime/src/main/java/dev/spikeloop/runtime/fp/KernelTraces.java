package dev.spikeloop.runtime.fp;

/**
 * Running kernel sums over the spikes of one population, carried along in time instead of summed pair
 * by pair. For source {@code j} and kernel group {@code g} at the current time {@code t}:
 * {@code k[g][j] = sum_x a_x k_g(|t - x|)} and {@code a[g][j] = sum_x a_x e^{-|t - x|/tauSyn_g}} over the
 * spikes {@code x} of {@code j} added so far with weights {@code a_x} (1 for the forward sums, the adjoints
 * for the backward ones). A step of {@code dt} in the direction of the sweep maps them exactly as the
 * simulator maps {@code (V, I)}: {@code k <- e^{-dt/tauMem} k + k(dt) a}, {@code a <- e^{-dt/tauSyn} a}, from
 * {@code k(s + dt) = e^{-dt/tauMem} k(s) + e^{-s/tauSyn} k(dt)}. No exponential of an absolute time appears,
 * so nothing can overflow however long the sample is, and the form is the same for every ratio of the
 * time constants (equal or nearly equal ones included). The kernel's slope at the current time is
 * {@code k'(s) = (e^{-s/tauSyn} - k(s))/tauMem}, i.e. {@code (a - k)/tauMem} summed.
 */
final class KernelTraces {
    /**
     * Sums that have decayed below this are set to 0: subnormal numbers make every later multiplication
     * many times slower, and a sum this small is far below anything a gradient can carry (the kernel
     * cut-off of the stored Jacobian, {@link ImplicitSystem#RELATIVE_BOUND}, is 1e-13 relative).
     */
    static final double TINY = 1e-290;
    final double[][] k;
    final double[][] a;

    KernelTraces(int groups, int width) {
        k = new double[groups][width];
        a = new double[groups][width];
    }

    /** Advances every sum by the step whose factors {@code groups} holds. */
    void step(KernelGroups groups) {
        for (int g = 0; g < k.length; g++) {
            double em = groups.em[g];
            double es = groups.es[g];
            double kd = groups.kd[g];
            double[] kg = k[g];
            double[] ag = a[g];
            for (int j = 0; j < kg.length; j++) {
                kg[j] = flush(em * kg[j] + kd * ag[j]);
                ag[j] = flush(ag[j] * es);
            }
        }
    }

    /** {@code x}, or 0 when it has decayed below {@link #TINY}. */
    static double flush(double x) {
        return Math.abs(x) < TINY ? 0 : x;
    }

    /**
     * A spike of source {@code j} a step ago, counted in every group with its value now: {@code k(dt)} and
     * {@code e^{-dt/tauSyn}} from the factors {@code groups} holds.
     */
    void addAll(int j, KernelGroups groups) {
        for (int g = 0; g < a.length; g++) {
            k[g][j] += groups.kd[g];
            a[g][j] += groups.es[g];
        }
    }

    /** A spike of source {@code j} now, counted in group {@code g} only. */
    void add(int g, int j, double amount) {
        a[g][j] += amount;
    }
}
