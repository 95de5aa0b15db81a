package dev.spikeloop.runtime.fp;

import dev.spikeloop.runtime.sim.LifKernel;

import java.util.Arrays;

/**
 * The peak of a membrane readout neuron's trajectory over a window, for the max-over-time score of
 * {@link MembraneReadout}: its time, value, and, when it sits on a kink, the spike that makes it.
 */
final class MembranePeak {
    private MembranePeak() {
    }

    /** Presynaptic spikes merged in time order: time, source neuron and index within the source's train. */
    record Events(double[] time, int[] source, int[] index) {
        int size() {
            return time.length;
        }

        static Events of(double[][] pre) {
            int total = 0;
            for (double[] p : pre) {
                total += p.length;
            }
            Integer[] order = new Integer[total];
            double[] t = new double[total];
            int[] src = new int[total];
            int[] idx = new int[total];
            int e = 0;
            for (int j = 0; j < pre.length; j++) {
                for (int m = 0; m < pre[j].length; m++) {
                    t[e] = pre[j][m];
                    src[e] = j;
                    idx[e] = m;
                    order[e] = e;
                    e++;
                }
            }
            Arrays.sort(order, (a, b) -> Double.compare(t[a], t[b]));
            double[] ts = new double[total];
            int[] ss = new int[total];
            int[] is = new int[total];
            for (int q = 0; q < total; q++) {
                ts[q] = t[order[q]];
                ss[q] = src[order[q]];
                is[q] = idx[order[q]];
            }
            return new Events(ts, ss, is);
        }
    }

    /**
     * Where the membrane of a readout neuron (kernel {@code k}, bias {@code b}, weights {@code w}) is largest in {@code [0, window]}: its time and value, and for a
     * kink the event whose jump made it (else -1) with the slope just before it.
     */
    record Peak(double time, double value, int kinkEvent, double leftSlope) {
    }

    /**
     * The maximum of {@code V_c} over {@code [0, window]}. Between events {@code tauMem V' = I + b - V} with
     * {@code I} of one sign; where {@code I > 0} every stationary point is a maximum ({@code g = I + b - V}
     * falls through 0 there, {@code g' = -I/tauSyn}), so each event interval holds at most one, bracketed by
     * the sign of {@code g} at its ends and found by bisection to a few ulps; the other candidates are the
     * event times (kinks, where a negative jump of I turns V down), 0 and the window's end.
     */
    static Peak peak(LifKernel k, double b, double[] w, Events ev, double window) {
        double u = 0;       // bias-free part of V at t0
        double cur = 0;     // synaptic current at t0
        double t0 = 0;
        Peak best = new Peak(0, 0, -1, 0);
        int e = 0;
        while (true) {
            double te = e < ev.size() ? ev.time[e] : Double.POSITIVE_INFINITY;
            double end = Math.min(te, window);
            best = better(best, interior(k, b, u, cur, t0, end));
            if (te > window) {
                double v = total(k, b, u, cur, t0, window);
                if (v > best.value) {
                    best = new Peak(window, v, -1, 0);
                }
                return best;
            }
            double s = te - t0;
            u = k.potential(u, cur, s);
            cur = k.current(cur, s);
            t0 = te;
            double v = u + biasPart(k, b, te);
            double slope = (cur + b - v) / k.tauMem();
            int most = e;
            while (e < ev.size() && ev.time[e] == te) {
                if (w[ev.source[e]] < w[ev.source[most]]) {
                    most = e;
                }
                cur += w[ev.source[e]];
                e++;
            }
            if (v > best.value) {
                best = new Peak(te, v, most, slope);
            }
        }
    }

    private static Peak better(Peak a, Peak b) {
        return b != null && b.value > a.value ? b : a;
    }

    /** The interior maximum on {@code (t0, t1)} from state {@code (u, cur)} at {@code t0}, or null. */
    private static Peak interior(LifKernel k, double b, double u, double cur, double t0, double t1) {
        if (!(cur > 0) || !(t1 > t0)) {
            return null;
        }
        if (!(g(k, b, u, cur, t0, 0) > 0) || !(g(k, b, u, cur, t0, t1 - t0) < 0)) {
            return null;
        }
        double lo = 0;
        double hi = t1 - t0;
        for (int it = 0; it < 200 && hi - lo > 2 * Math.ulp(t1); it++) {
            double mid = 0.5 * (lo + hi);
            if (g(k, b, u, cur, t0, mid) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double s = 0.5 * (lo + hi);
        return new Peak(t0 + s, total(k, b, u, cur, t0, t0 + s), -1, 0);
    }

    /** {@code tauMem V'} at {@code t0 + s}: {@code I + b - V}. */
    private static double g(LifKernel k, double b, double u, double cur, double t0, double s) {
        return k.current(cur, s) + b - (k.potential(u, cur, s) + biasPart(k, b, t0 + s));
    }

    private static double total(LifKernel k, double b, double u, double cur, double t0, double t) {
        return k.potential(u, cur, t - t0) + biasPart(k, b, t);
    }

    private static double biasPart(LifKernel k, double b, double t) {
        return b == 0 || t <= 0 ? 0 : -b * Math.expm1(-t / k.tauMem());
    }
}
