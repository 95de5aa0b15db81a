package dev.spikeloop.compiler.quantize;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the scales of a fresh compilation.
 *
 * <p>Per layer: the dashes nearest to its time constants, the gain g they imply, and the membrane
 * scale lambda = the largest value such that (a) the integer threshold is at most the target and
 * (b) the layer's reference weight (the chosen quantile of |w|, the maximum by default) still fits
 * {@code weightMax << maxWeightShift} after multiplying by {@code lambda g}. The integer threshold is
 * {@code floor(lambda * threshold)} and lambda is then set to {@code thresholdInt / threshold}, so the
 * threshold is exact and only the weights carry rounding error. When the weights are so small against
 * the threshold that the reference weight would stay below 64 integer units at shift 0, lambda is
 * raised (up to the 16-bit threshold limit) until it reaches 64. Likewise when a synapse's reference
 * current is below {@link CurrentResolution#TARGET_RATIO} times {@code 2^dash_syn} (short steps, slow
 * second synapses): lambda is raised towards that, up to the same limit. A larger lambda is always
 * better here: integer states get more resolution and the chip's truncating decays lose less.
 *
 * <p>Per chip matrix: the smallest shift such that every layer's reference weight in that matrix
 * rounds into the 8-bit range, so the largest integer weight is between 64 and 127 unless the
 * shift is 0.
 */
final class ScaleChooser {
    private ScaleChooser() {
    }

    static QuantizationScales choose(FloatNetwork net, ChipMapping map, CompileOptions o) {
        ChipProfile p = o.chipProfile();
        double limit = (double) p.weightMax() * (1 << p.maxWeightShift());
        List<LayerScale> scales = new ArrayList<>();
        double neededIn = 0;
        double neededRec = 0;
        double neededOut = 0;
        for (int l = 0; l < net.layerCount(); l++) {
            LayerSpec layer = net.layer(l);
            NeuronDecays nd = NeuronDecays.of(layer, o);
            int ds = nd.dashSyn()[0];
            int dm = nd.dashMem()[0];
            double psp = nd.psp()[0];
            double g = nd.gain()[0];
            boolean uniform = layer.isPlain() && uniform(nd.gain());
            boolean skipDiagonal = !layer.countsSelfConnections();
            // Per-neuron gains: compare g_i |w_ij| directly (gain 1 below); uniform layers keep the scalar form.
            double[][] ff = uniform ? layer.weights() : nd.gainScaled(layer.weights());
            double[][] recW = uniform ? layer.recurrent() : nd.gainScaled(layer.recurrent());
            double gRef = uniform ? g : 1.0;
            double threshold = maxThreshold(layer);
            var s2 = layer.detail().synapse2();
            double[][] ff2 = s2 == null ? null : nd.gain2Scaled(s2.weights());
            double[][] rec2 = s2 == null ? null : nd.gain2Scaled(s2.recurrent());
            double reference = WeightStats.quantileAbs(o.weightQuantile(),
                    new double[][][] {ff, recW, ff2, rec2}, new boolean[] {false, skipDiagonal, false, skipDiagonal});
            double byThreshold = o.thresholdTarget() / threshold;
            double byWeights = reference > 0 ? limit / (gRef * reference) : Double.POSITIVE_INFINITY;
            double lambda0 = Math.min(byThreshold, byWeights);
            // Weights tiny against the threshold would round to a few integer levels at shift 0:
            // trade membrane headroom for weight resolution, up to the 16-bit threshold limit.
            double halfRange = (p.weightMax() + 1) / 2.0;
            if (reference > 0 && lambda0 * gRef * reference < halfRange) {
                lambda0 = Math.min(p.stateMax() / threshold, halfRange / (gRef * reference));
            }
            // Currents small against 2^dash_syn lose their charge to the chip's decay of at least 1 per
            // step (CurrentResolution): at short steps and for slow (second) synapses, trade membrane
            // headroom for current resolution, up to the 16-bit threshold limit and the weights' range.
            if (layer.isSpiking()) {
                double byResolution = CurrentResolution.lambdaFor(layer, nd, o.weightQuantile(),
                        CurrentResolution.TARGET_RATIO);
                if (byResolution > lambda0) {
                    lambda0 = Math.max(lambda0, Math.min(byResolution, Math.min(p.stateMax() / threshold, byWeights)));
                }
            }
            // floor (with a hair of tolerance for byThreshold * threshold == target) keeps lambda <= lambda0
            long th = (long) Math.floor(lambda0 * threshold * (1 + 1e-12));
            int thresholdInt = (int) Math.max(1, Math.min(p.stateMax(), th));
            double lambda = thresholdInt / threshold;
            if (uniform) {
                scales.add(new LayerScale(ds, dm, g, lambda, thresholdInt, psp));
            } else {
                // thresholds and biases per neuron are set by the quantizer from lambda
                scales.add(new LayerScale(ds, dm, g, lambda, thresholdInt, psp, nd, null, null));
            }

            double ffNeed = lambda * gRef * WeightStats.quantileAbs(o.weightQuantile(),
                    new double[][][] {ff, ff2}, new boolean[] {false, false});
            double rec = lambda * gRef * WeightStats.quantileAbs(o.weightQuantile(),
                    new double[][][] {recW, rec2}, new boolean[] {skipDiagonal, skipDiagonal});
            switch (map.feedForwardMatrix(l)) {
                case IN -> neededIn = Math.max(neededIn, ffNeed);
                case REC -> neededRec = Math.max(neededRec, Math.max(ffNeed, rec));
                case OUT -> neededOut = Math.max(neededOut, ffNeed);
            }
            if (l == 0) {
                neededRec = Math.max(neededRec, rec);
            }
        }
        return new QuantizationScales(scales, shiftFor(neededIn, p), shiftFor(neededRec, p), shiftFor(neededOut, p));
    }

    private static boolean uniform(double[] v) {
        for (double x : v) {
            if (x != v[0]) {
                return false;
            }
        }
        return true;
    }

    /** The largest threshold of a layer (its scalar without per-neuron thresholds). */
    static double maxThreshold(LayerSpec layer) {
        double m = layer.threshold();
        for (int i = 0; i < layer.size(); i++) {
            m = Math.max(m, layer.thresholdOf(i));
        }
        return m;
    }

    /** The smallest shift whose rounded integer for {@code needed} is within the weight range. */
    static int shiftFor(double needed, ChipProfile p) {
        for (int k = 0; k < p.maxWeightShift(); k++) {
            if (Rounding.halfAway(Math.scalb(needed, -k)) <= p.weightMax()) {
                return k;
            }
        }
        return p.maxWeightShift();
    }
}
