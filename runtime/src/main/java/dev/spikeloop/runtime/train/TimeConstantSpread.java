package dev.spikeloop.runtime.train;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerDetail;
import dev.spikeloop.network.LayerSpec;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * Gives every hidden layer per-neuron membrane time constants spread log-uniformly between the
 * layer's own {@code tauMem} and a longer {@code tauMemMax}, fixed for the whole training.
 *
 * <p>Why: a stream classifier needs memory longer than one syllable, and a layer in which every
 * neuron forgets at the same rate has only one time scale to offer. Heterogeneous membranes give the
 * layer a bank of time scales (the chip holds one {@code dash_mem} per neuron, so this costs nothing
 * there). The steady membrane under a constant input rate does not depend on {@code tauMem}, so the
 * initial weights' scale stays right for every neuron.
 */
public final class TimeConstantSpread {
    private TimeConstantSpread() {
    }

    /**
     * {@code net} with per-neuron membrane time constants in its hidden layers (the output layer keeps
     * its own).
     *
     * @param tauMemMax the longest time constant (seconds), at least every hidden layer's {@code tauMem}
     * @param seed      the draw (the same seed gives the same constants)
     * @param realise   maps a drawn time constant to the one actually used (e.g. the chip's nearest
     *                  bit-shift decay), identity for float training
     * @throws IllegalArgumentException if {@code tauMemMax} is not finite or below a layer's {@code tauMem}
     */
    public static FloatNetwork spread(FloatNetwork net, double tauMemMax, long seed, DoubleUnaryOperator realise) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x2545F4914F6CDD1DL + 0x1B873593L);
        FloatNetwork out = net;
        for (int l = 0; l < net.layerCount() - 1; l++) {
            LayerSpec layer = net.layer(l);
            double low = layer.tauMem();
            if (!Double.isFinite(tauMemMax) || !(tauMemMax >= low)) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "--tau-mem-max %s s must be a finite number >= the hidden layer's tau_mem %.4g s",
                        tauMemMax, low));
            }
            double[] tau = new double[layer.size()];
            double logLow = Math.log(low);
            double logSpan = Math.log(tauMemMax) - logLow;
            for (int i = 0; i < tau.length; i++) {
                tau[i] = realise.applyAsDouble(Math.exp(logLow + logSpan * rnd.nextDouble()));
            }
            // the layer's scalar must be neuron 0's value (what plain-model readers see)
            out = out.withLayer(l, new LayerSpec(layer.name(), layer.size(), layer.tauSyn(), tau[0],
                    layer.threshold(), layer.weights(), layer.recurrent(), layer.detail().withTauMem(tau)));
        }
        return out;
    }
}
