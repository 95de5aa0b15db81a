package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.runtime.sim.LifKernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The neurons of one layer grouped by their pair of time constants (one group when the layer has no
 * per-neuron values), with the factors of one time step for every group: {@code e^{-dt/tauMem}},
 * {@code e^{-dt/tauSyn}} and {@code k(dt)}. Running kernel sums ({@link KernelTraces}) are kept per group,
 * because the kernel belongs to the postsynaptic neuron.
 */
final class KernelGroups {
    private final int[] groupOf;
    private final LifKernel[] kernel;
    private final double[] invTauMem;
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
        kernel = kernels.toArray(new LifKernel[0]);
        invTauMem = new double[kernel.length];
        for (int g = 0; g < kernel.length; g++) {
            invTauMem[g] = 1.0 / kernel[g].tauMem();
        }
        em = new double[kernel.length];
        es = new double[kernel.length];
        kd = new double[kernel.length];
    }

    int count() {
        return kernel.length;
    }

    int of(int neuron) {
        return groupOf[neuron];
    }

    double invTauMem(int group) {
        return invTauMem[group];
    }

    /** Computes the factors of a step of {@code dt > 0} seconds for group {@code g} only. */
    void step(int g, double dt) {
        em[g] = Math.exp(-dt * invTauMem[g]);
        es[g] = Math.exp(-dt / kernel[g].tauSyn());
        kd[g] = kernel[g].k(dt);
    }

    /** Computes the factors of a step of {@code dt > 0} seconds for every group. */
    void step(double dt) {
        for (int g = 0; g < kernel.length; g++) {
            em[g] = Math.exp(-dt * invTauMem[g]);
            es[g] = Math.exp(-dt / kernel[g].tauSyn());
            kd[g] = kernel[g].k(dt);
        }
    }
}
