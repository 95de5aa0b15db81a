package dev.spikeloop.compiler.quantize;

import dev.spikeloop.network.LayerSpec;

/**
 * How well the integer synaptic currents of one layer resolve their decay.
 *
 * <p>The chip decays a current by {@code s >> dash_syn}, and by 1 when that is 0 (chip-xylo.md).
 * A current far below {@code 2^dash_syn} therefore decays linearly, by 1 per step, and dies in
 * {@code |s|} steps instead of fading over about {@code 2^dash_syn}: a single spike's current
 * {@code K 2^dash} delivers about {@code K/2} of its float charge for {@code K < 2} (0.5 at K = 1,
 * 0.12 at K = 1/4), 0.97-0.99 at K = 2, and up to 10% more above (the floor slows the decay: 1.08-1.10
 * at K = 4..8, 1.07 at 16), whatever the dash. The current's integer size is {@code lambda g w} with
 * {@code g ~ dt / tau_mem} for every synapse, so a slow synapse (large dash) or a short step (every dash larger) is hit hardest: at
 * dt = 0.1 ms a 20 ms synapse has {@code 2^dash = 256} while a weight of the threshold gives
 * {@code lambda dt / tau_mem ~ 41} integer units at the default threshold target.
 *
 * <p>{@link #worst} gives K for the layer's reference weight (the largest by default) of its worst
 * synapse; {@link #lambdaFor} is the membrane scale at which every synapse reaches a given K.
 */
final class CurrentResolution {
    /**
     * The K the scale chooser asks for: the reference weight's current at least 8 times
     * {@code 2^dash_syn}, so that weights down to a quarter of it (K = 2) still deliver their charge
     * within about 10% (a single spike gives 0.97-0.99 of it at K = 2, 1.08-1.10 at K = 4..8). Layers
     * that already have K of 8 or more at the default target keep their scale (the shipped Yin-Yang
     * model's output layer has 8.7 at its automatic step).
     */
    static final double TARGET_RATIO = 8;

    /** Below this K, which the scale chooser could not raise, the report notes the layer. */
    static final double NOTE_RATIO = TARGET_RATIO / 2;

    private CurrentResolution() {
    }

    /**
     * The smallest lambda at which the reference current of every synapse of {@code layer} is
     * {@code ratio * 2^dash_syn} (0 when the layer has no weights).
     */
    static double lambdaFor(LayerSpec layer, NeuronDecays nd, double quantile, double ratio) {
        double[] unit = unitLambdas(layer, nd, quantile);
        return ratio * Math.max(unit[0], unit[1]);
    }

    /**
     * The worst-resolved synapse at scale {@code lambda}: which one (1 = first, 2 = second) and its K,
     * its reference current over {@code 2^dash_syn} (infinite without weights).
     */
    static Worst worst(LayerSpec layer, NeuronDecays nd, double quantile, double lambda) {
        double[] unit = unitLambdas(layer, nd, quantile);
        int synapse = unit[1] > unit[0] ? 2 : 1;
        double u = unit[synapse - 1];
        int dash = synapse == 1 ? max(nd.dashSyn()) : max(nd.dashSyn2());
        return new Worst(synapse, dash, u > 0 ? lambda / u : Double.POSITIVE_INFINITY);
    }

    /**
     * The worst-resolved synapse of a layer.
     *
     * @param synapse 1 (the first) or 2 (the second)
     * @param dash    its largest {@code dash_syn}
     * @param ratio   K: its reference current in units of {@code 2^dash}
     */
    record Worst(int synapse, int dash, double ratio) {
    }

    /** Per synapse, the lambda at which its reference current equals {@code 2^dash_syn} (0: no such synapse or weights). */
    private static double[] unitLambdas(LayerSpec layer, NeuronDecays nd, double quantile) {
        double[] out = new double[2];
        boolean skipDiagonal = !layer.countsSelfConnections();
        double ref1 = WeightStats.quantileAbs(quantile,
                new double[][][] {nd.gainScaled(layer.weights()), nd.gainScaled(layer.recurrent())},
                new boolean[] {false, skipDiagonal});
        if (ref1 > 0) {
            out[0] = Math.scalb(1.0, max(nd.dashSyn())) / ref1;
        }
        var s2 = layer.detail().synapse2();
        if (s2 != null) {
            double ref2 = WeightStats.quantileAbs(quantile,
                    new double[][][] {nd.gain2Scaled(s2.weights()), nd.gain2Scaled(s2.recurrent())},
                    new boolean[] {false, skipDiagonal});
            if (ref2 > 0) {
                out[1] = Math.scalb(1.0, max(nd.dashSyn2())) / ref2;
            }
        }
        return out;
    }

    private static int max(int[] v) {
        int m = 0;
        for (int x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
