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
 * raised (up to the 16-bit threshold limit) until it reaches 64. A larger lambda is always better
 * here: integer states get more resolution and the chip's truncating decays lose less.
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
            int ds = Decays.nearestDash(layer.tauSyn(), o.dt(), p.maxDash());
            int dm = Decays.nearestDash(layer.tauMem(), o.dt(), p.maxDash());
            double psp = o.matchPsp() ? Decays.pspPeakRatio(layer.tauSyn(), layer.tauMem(), ds, dm, o.dt()) : 1.0;
            double g = Decays.gain(ds, dm) * psp;
            double reference = WeightStats.quantileAbs(o.weightQuantile(),
                    new double[][][] {layer.weights(), layer.recurrent()}, new boolean[] {false, true});
            double byThreshold = o.thresholdTarget() / layer.threshold();
            double byWeights = reference > 0 ? limit / (g * reference) : Double.POSITIVE_INFINITY;
            double lambda0 = Math.min(byThreshold, byWeights);
            // Weights tiny against the threshold would round to a few integer levels at shift 0:
            // trade membrane headroom for weight resolution, up to the 16-bit threshold limit.
            double halfRange = (p.weightMax() + 1) / 2.0;
            if (reference > 0 && lambda0 * g * reference < halfRange) {
                lambda0 = Math.min(p.stateMax() / layer.threshold(), halfRange / (g * reference));
            }
            // floor (with a hair of tolerance for byThreshold * threshold == target) keeps lambda <= lambda0
            long th = (long) Math.floor(lambda0 * layer.threshold() * (1 + 1e-12));
            int threshold = (int) Math.max(1, Math.min(p.stateMax(), th));
            double lambda = threshold / layer.threshold();
            scales.add(new LayerScale(ds, dm, g, lambda, threshold, psp));

            double ff = lambda * g * WeightStats.quantileAbs(o.weightQuantile(),
                    new double[][][] {layer.weights()}, new boolean[] {false});
            double rec = lambda * g * WeightStats.quantileAbs(o.weightQuantile(),
                    new double[][][] {layer.recurrent()}, new boolean[] {true});
            switch (map.feedForwardMatrix(l)) {
                case IN -> neededIn = Math.max(neededIn, ff);
                case REC -> neededRec = Math.max(neededRec, Math.max(ff, rec));
                case OUT -> neededOut = Math.max(neededOut, ff);
            }
            if (l == 0) {
                neededRec = Math.max(neededRec, rec);
            }
        }
        return new QuantizationScales(scales, shiftFor(neededIn, p), shiftFor(neededRec, p), shiftFor(neededOut, p));
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
