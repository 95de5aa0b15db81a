package dev.spikeloop.runtime.sim;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerSpec;

/**
 * The membrane potential written exactly as in fp-lif-model.md (sum of kernels minus decaying resets),
 * independent of the simulator's incremental state: the reference the simulator is checked against.
 */
final class SpecMembrane {
    private SpecMembrane() {
    }

    static double k(double s, double tauSyn, double tauMem) {
        if (s <= 0) {
            return 0;
        }
        if (tauMem == tauSyn) {
            return s / tauMem * Math.exp(-s / tauMem);
        }
        if (Math.abs(tauMem - tauSyn) < 1e-3 * tauMem) {
            // The same expression without the cancellation of two nearly equal exponentials.
            double d = tauMem - tauSyn;
            return -tauSyn / d * Math.exp(-s / tauMem) * Math.expm1(-s * d / (tauSyn * tauMem));
        }
        return tauSyn / (tauMem - tauSyn) * (Math.exp(-s / tauMem) - Math.exp(-s / tauSyn));
    }

    /** V of neuron {@code i} of layer {@code p} at time {@code t}, counting only spikes strictly before {@code t}. */
    static double potential(FloatNetwork net, InputSpikes in, SpikeRecord r, int p, int i, double t) {
        LayerSpec l = net.layer(p);
        double[][] pre = p == 0 ? in.times() : r.times()[p - 1];
        double v = 0;
        for (int j = 0; j < pre.length; j++) {
            for (double g : pre[j]) {
                if (g < t) {
                    v += l.weights()[i][j] * k(t - g, l.tauSyn(), l.tauMem());
                }
            }
        }
        if (l.hasRecurrent()) {
            for (int j = 0; j < l.size(); j++) {
                if (j == i) {
                    continue;
                }
                for (double g : r.times()[p][j]) {
                    if (g < t) {
                        v += l.recurrent()[i][j] * k(t - g, l.tauSyn(), l.tauMem());
                    }
                }
            }
        }
        for (double m : r.times()[p][i]) {
            if (m < t) {
                v -= l.threshold() * Math.exp(-(t - m) / l.tauMem());
            }
        }
        return v;
    }
}
