package dev.spikeloop.runtime.loop;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.runtime.fp.BurstPenalty;
import dev.spikeloop.runtime.fp.GradientEngine;
import dev.spikeloop.runtime.fp.GradientMode;
import dev.spikeloop.runtime.fp.Gradients;
import dev.spikeloop.runtime.fp.Loss;
import dev.spikeloop.runtime.fp.ParameterVector;
import dev.spikeloop.runtime.fp.RegularisedLoss;
import dev.spikeloop.runtime.sim.SpikeRecord;
import dev.spikeloop.runtime.train.ActivityPush;
import dev.spikeloop.runtime.train.DecisionRule;
import dev.spikeloop.runtime.train.FirstSpikeRule;
import dev.spikeloop.runtime.train.SampleGradient;

/**
 * The fine-tuning loss of one sample and how its gradient is finished, the same for every
 * {@link GradientSource}: the FP engine's gradient of the ttfs loss at the given spikes, clipped per
 * sample, plus the {@link ActivityPush} of plain training ({@link SampleGradient#finish}).
 *
 * @param mode       the FP engine's solution order
 * @param tau0       the ttfs loss scale (seconds)
 * @param silentPush push on a label neuron that stayed silent ({@link ActivityPush}; 0 = off)
 * @param deadPush   push on silent hidden neurons ({@link ActivityPush}; 0 = off)
 * @param clip       largest L2 norm of one sample's gradient (0 = no clipping)
 */
record SampleLoss(GradientMode mode, double tau0, double silentPush, double deadPush, double clip, DecisionRule rule) {

    /** The first-spike loss with scale {@code tau0}. */
    SampleLoss(GradientMode mode, double tau0, double silentPush, double deadPush, double clip) {
        this(mode, tau0, silentPush, deadPush, clip, new FirstSpikeRule(tau0, 0, 1));
    }

    /** The loss of {@code settings}. */
    static SampleLoss of(FineTuneSettings settings) {
        return new SampleLoss(settings.mode(), settings.tau0(), settings.silentPush(), settings.deadPush(),
                settings.clip(), settings.effectiveRule());
    }

    /** Whether {@code spikes} (a device's, in float time, or the model's own) decide for the sample's label. */
    boolean correct(SpikeRecord spikes, double tEnd, int label) {
        return rule.decide(spikes.outputTimes(), tEnd).predicted() == label;
    }

    /** The same for the model's spikes (or a device's hidden spikes) of {@code model}: any rule, membranes included. */
    boolean correct(FloatNetwork model, SpikeRecord spikes, LoopSample s) {
        return rule.decide(model, spikes, s.chipInputs()).predicted() == s.label();
    }

    /**
     * The gradient of sample {@code s} at {@code spikes} (the device's or the model's own).
     *
     * @param correct whether the sample was classified correctly where {@code spikes} came from
     * @param outside device spikes left out because they fell outside the model's window
     */
    SampleGradient gradient(FloatNetwork model, LoopSample s, SpikeRecord spikes, boolean correct, int outside,
                            ParameterVector params) {
        Loss task = rule.loss(model, s.label(), s.chipInputs());
        BurstPenalty penalty = rule.penalty();
        Loss loss = penalty == null ? task : new RegularisedLoss(task, penalty);
        Gradients g = new GradientEngine(mode).gradientAt(model, s.chipInputs(), spikes, loss);
        return SampleGradient.finish(params.flattenGradient(model, g), g.loss(), correct, g.guards(), outside, clip,
                new ActivityPush(silentPush, deadPush), model, params, ActivityPush.counts(spikes, model),
                inputCounts(s));
    }

    /** Spikes per input channel of a sample (as the model sees them). */
    static double[] inputCounts(LoopSample s) {
        double[] c = new double[s.chipInputs().channels()];
        for (int j = 0; j < c.length; j++) {
            c[j] = s.chipInputs().times(j).length;
        }
        return c;
    }
}
