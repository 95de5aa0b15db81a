package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.runtime.sim.LifKernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The neurons of one layer grouped by their pair of time constants (one group when the layer has no
 * per-neuron values), with the factors of one time step for every group: {@code e^{-dt/tauMem}},
 * {@code e^{-dt/tauSyn}} and {@code k(dt)}. Running kernel sums ({@link KernelTraces}) are kept per group,
 * because the kernel belongs to the postsynaptic neuron. A layer with a second synapse
 * ({@code LayerDetail.synapse2()}) also has a group per pair (second {@code tauSyn}, {@code tauMem}) of its
 * neurons ({@link #of2}); a pair that is already a group (equal time constants) shares it, since its sums
 * are the same.
 */
final class KernelGroups {
    private final int[] groupOf;
    private final int[] group2Of;
    private final LifKernel[] kernel;
    private final double[] invTauMem;
    /** {@code 1/tauSyn - 1/tauMem}, {@code tauSyn/(tauMem - tauSyn)} and whether the two are equal, per group. */
    private final double[] delta;
    private final double[] scale;
    private final boolean[] equal;
    /** Factors of the last {@link #step}. */
    final double[] em;
    final double[] es;
    final double[] kd;

    KernelGroups(LayerSpec layer) {
        int n = layer.size();
        groupOf = new int[n];
        List<LifKernel> kernels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double ts = layer.tauSynOf(i);
            double tm = layer.tauMemOf(i);
            int g = 0;
            while (g < kernels.size() && !(kernels.get(g).tauSyn() == ts && kernels.get(g).tauMem() == tm)) {
                g++;
            }
            if (g == kernels.size()) {
                kernels.add(new LifKernel(ts, tm));
            }
            groupOf[i] = g;
        }
        group2Of = new int[n];
        java.util.Arrays.fill(group2Of, -1);
        dev.spikeloop.network.SecondSynapse second = layer.detail().synapse2();
        if (second != null) {
            for (int i = 0; i < n; i++) {
                group2Of[i] = groupFor(kernels, second.tauSyn()[i], layer.tauMemOf(i));
            }
        }
        kernel = kernels.toArray(new LifKernel[0]);
        invTauMem = new double[kernel.length];
        delta = new double[kernel.length];
        scale = new double[kernel.length];
        equal = new boolean[kernel.length];
        for (int g = 0; g < kernel.length; g++) {
            double ts = kernel[g].tauSyn();
            double tm = kernel[g].tauMem();
            invTauMem[g] = 1.0 / tm;
            // the same difference in delta and scale, so that their rounding cancels for close time constants
            delta[g] = (tm - ts) / (ts * tm);
            equal[g] = tm == ts;
            scale[g] = equal[g] ? 0 : ts / (tm - ts);
        }
        em = new double[kernel.length];
        es = new double[kernel.length];
        kd = new double[kernel.length];
    }

    /** The index of the group of {@code (ts, tm)} in {@code kernels}, appended if new. */
    private static int groupFor(List<LifKernel> kernels, double ts, double tm) {
        int g = 0;
        while (g < kernels.size() && !(kernels.get(g).tauSyn() == ts && kernels.get(g).tauMem() == tm)) {
            g++;
        }
        if (g == kernels.size()) {
            kernels.add(new LifKernel(ts, tm));
        }
        return g;
    }

    int count() {
        return kernel.length;
    }

    int of(int neuron) {
        return groupOf[neuron];
    }

    /** The group of neuron {@code neuron}'s second synapse, or -1 when it has none. */
    int of2(int neuron) {
        return group2Of[neuron];
    }

    double invTauMem(int group) {
        return invTauMem[group];
    }

    /**
     * Computes the factors of a step of {@code dt > 0} seconds for group {@code g} only. With two exponentials
     * in the common case: {@code k = c (e^{-dt/tauMem} - e^{-dt/tauSyn})} where the difference loses at most a
     * few bits ({@code |dt delta| >= 1e-3}, relative error below ~1e-13), {@code -c e^{-dt/tauMem} expm1(-dt delta)}
     * (no cancellation) for closer ones, {@code (dt/tauMem) e^{-dt/tauMem}} for equal time constants.
     */
    void step(int g, double dt) {
        double m = Math.exp(-dt * invTauMem[g]);
        double x = dt * delta[g];
        em[g] = m;
        if (equal[g]) {
            es[g] = m;
            kd[g] = dt * invTauMem[g] * m;
        } else if (Math.abs(x) >= 1e-3) {
            double s = Math.exp(-dt / kernel[g].tauSyn());
            es[g] = s;
            kd[g] = scale[g] * (m - s);
        } else {
            double ex = Math.expm1(-x);
            es[g] = m * (1 + ex);
            kd[g] = -scale[g] * m * ex;
        }
    }

    /** Computes the factors of a step of {@code dt > 0} seconds for every group. */
    void step(double dt) {
        for (int g = 0; g < kernel.length; g++) {
            step(g, dt);
        }
    }
}
