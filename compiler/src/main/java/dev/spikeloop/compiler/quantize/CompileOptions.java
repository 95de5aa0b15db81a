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
 */
public record CompileOptions(double dt, String profile, int thresholdTarget, double weightQuantile, boolean matchPsp) {

    /** Options without PSP peak matching. */
    public CompileOptions(double dt, String profile, int thresholdTarget, double weightQuantile) {
        this(dt, profile, thresholdTarget, weightQuantile, false);
    }

    /** The default time step, 1 ms. */
    public static final double DEFAULT_DT = 0.001;
    /** The default integer threshold target. */
    public static final int DEFAULT_THRESHOLD_TARGET = 4096;

    public CompileOptions {
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("dt must be a finite number of seconds > 0, got " + dt);
        }
        if (profile == null || ChipProfile.byName(profile).isEmpty()) {
            throw new IllegalArgumentException("unknown chip profile '" + profile + "'; known: " + ChipProfile.knownNames());
        }
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
        return new CompileOptions(newDt, profile, thresholdTarget, weightQuantile, matchPsp);
    }

    /** These options with another threshold target. */
    public CompileOptions withThresholdTarget(int target) {
        return new CompileOptions(dt, profile, target, weightQuantile, matchPsp);
    }

    /** These options with another weight quantile. */
    public CompileOptions withWeightQuantile(double quantile) {
        return new CompileOptions(dt, profile, thresholdTarget, quantile, matchPsp);
    }

    /** These options with PSP peak matching on or off. */
    public CompileOptions withMatchPsp(boolean match) {
        return new CompileOptions(dt, profile, thresholdTarget, weightQuantile, match);
    }

    /** The profile's limits. */
    public ChipProfile chipProfile() {
        return ChipProfile.byName(profile).orElseThrow();
    }
}
