package dev.spikeloop.compiler.quantize;

import dev.spikeloop.chipconfig.ChipProfile;

/**
 * How to compile a float network onto the chip. Immutable; start from {@link #defaults()}.
 *
 * @param dt              the chip's time step in seconds (the clock); every time constant is
 *                        quantised for this step
 * @param profile         chip profile name, see {@link ChipProfile#knownNames()}
 * @param thresholdTarget the integer threshold the compiler aims for in each layer (1..32767). The
 *                        16-bit membrane must also hold excursions below zero and above the
 *                        threshold, so the default 4096 leaves 8 thresholds of room either way;
 *                        a layer whose weights are very large relative to its threshold gets a
 *                        smaller one so that its weights fit the 8-bit range with the largest shift
 * @param weightQuantile  the quantile of |weight| (per layer, in (0, 1]) that must fit the weight
 *                        range unclipped; 1 (the default) fits every weight, smaller values give
 *                        the bulk of the weights more resolution and clip the few largest ones (the
 *                        report counts them)
 * @param matchPsp        when the dashes cannot realise a layer's time constants exactly, scale its
 *                        weights so the chip's PSP has the float PSP's peak instead of the float
 *                        current's amplitude (see docs/compiler.md); {@link Compilation#chipEquivalent()}
 *                        then holds the weights the chip effectively uses with its own time constants
 * @param pruneFanout     where a hidden neuron's outgoing weights exceed the profile's fan-out (or all
 *                        hidden-to-hidden weights the recurrent weight memory), remove the smallest
 *                        ({@link FanOutPruner}) instead of refusing; the report says what was removed
 */
public record CompileOptions(double dt, String profile, int thresholdTarget, double weightQuantile, boolean matchPsp,
                             boolean pruneFanout) {

    /** Options without PSP peak matching. */
    public CompileOptions(double dt, String profile, int thresholdTarget, double weightQuantile) {
        this(dt, profile, thresholdTarget, weightQuantile, false);
    }

    /** Options without fan-out pruning. */
    public CompileOptions(double dt, String profile, int thresholdTarget, double weightQuantile, boolean matchPsp) {
        this(dt, profile, thresholdTarget, weightQuantile, matchPsp, false);
    }

    /** The default time step, 1 ms. */
    public static final double DEFAULT_DT = 0.001;
    /** The default integer threshold target. */
    public static final int DEFAULT_THRESHOLD_TARGET = 4096;

    public CompileOptions {
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("dt must be a finite number of seconds > 0, got " + dt);
        }
        ChipProfile.require(profile); // an unknown name is an error listing the known ones
        if (thresholdTarget < 1 || thresholdTarget > ChipProfile.byName(profile).get().stateMax()) {
            throw new IllegalArgumentException("threshold target must be within 1.."
                    + ChipProfile.byName(profile).get().stateMax() + ", got " + thresholdTarget);
        }
        if (!(weightQuantile > 0 && weightQuantile <= 1)) {
            throw new IllegalArgumentException("weight quantile must be within (0, 1], got " + weightQuantile);
        }
    }

    /** dt = 1 ms, profile xylo-audio2, threshold target 4096, no clipping. */
    public static CompileOptions defaults() {
        return new CompileOptions(DEFAULT_DT, ChipProfile.DEFAULT, DEFAULT_THRESHOLD_TARGET, 1.0);
    }

    /** These options with another time step. */
    public CompileOptions withDt(double newDt) {
        return new CompileOptions(newDt, profile, thresholdTarget, weightQuantile, matchPsp, pruneFanout);
    }

    /** These options with another threshold target. */
    public CompileOptions withThresholdTarget(int target) {
        return new CompileOptions(dt, profile, target, weightQuantile, matchPsp, pruneFanout);
    }

    /** These options with another weight quantile. */
    public CompileOptions withWeightQuantile(double quantile) {
        return new CompileOptions(dt, profile, thresholdTarget, quantile, matchPsp, pruneFanout);
    }

    /** These options with PSP peak matching on or off. */
    public CompileOptions withMatchPsp(boolean match) {
        return new CompileOptions(dt, profile, thresholdTarget, weightQuantile, match, pruneFanout);
    }

    /** These options for another chip profile. */
    public CompileOptions withProfile(String name) {
        return new CompileOptions(dt, name, thresholdTarget, weightQuantile, matchPsp, pruneFanout);
    }

    /** These options with fan-out pruning on or off. */
    public CompileOptions withPruneFanout(boolean prune) {
        return new CompileOptions(dt, profile, thresholdTarget, weightQuantile, matchPsp, prune);
    }

    /** The profile's limits. */
    public ChipProfile chipProfile() {
        return ChipProfile.byName(profile).orElseThrow();
    }
}
