package dev.spikeloop.runtime.loop;

import dev.spikeloop.runtime.fp.GradientMode;
import dev.spikeloop.runtime.fp.ParameterVector;
import dev.spikeloop.runtime.train.ActivityPush;
import dev.spikeloop.runtime.train.DecisionRule;
import dev.spikeloop.runtime.train.FirstSpikeRule;
import java.util.Locale;

/**
 * How to fine-tune. Immutable; start from {@link #defaults()}.
 *
 * @param epochs          passes over the training data (>= 1)
 * @param batchSize       samples per mini-batch, i.e. per weight update (>= 1)
 * @param learningRate    Adam's step size on the float shadow weights, in units of each layer's RMS
 *                        weight ({@link ParameterVector#units}) (> 0)
 * @param tau0            scale of the ttfs loss, seconds (> 0)
 * @param seed            seed of the per-epoch shuffles (epoch e shuffles with {@code seed + e}, so a
 *                        resumed run takes exactly the batches the uninterrupted one would have)
 * @param trainThresholds whether the layer thresholds are trained too
 * @param mode            the FP engine's solution order
 * @param silentPush      push on the incoming weights of an output neuron that did not fire
 *                        ({@link ActivityPush}; 0 = off), as in plain training
 * @param deadPush        push on the incoming weights of silent hidden neurons when more than
 *                        {@link ActivityPush#MAX_SILENT_HIDDEN} of their layer is silent ({@link ActivityPush}; 0 = off)
 * @param clip            largest L2 norm of one sample's gradient (larger ones are scaled down to it;
 *                        0 = off): a device spike that barely crossed threshold, or one the model puts
 *                        at a shallow slope, has a huge and very local gradient that would otherwise
 *                        dominate its batch
 * @param calibrate       whether to identify the chip's decays and threshold factors from its spikes
 *                        before tuning ({@link ChipCalibration}) and take gradients with them; only
 *                        meaningful for in-the-loop gradients (software fine-tuning never sees the chip)
 * @param rule            the decision rule and loss (e.g. the temporal count rule for streams); null: the
 *                        first-spike rule with {@code tau0}
 */
public record FineTuneSettings(int epochs, int batchSize, double learningRate, double tau0, long seed,
                               boolean trainThresholds, GradientMode mode, double silentPush,
                               double deadPush, double clip, boolean calibrate, DecisionRule rule) {


    /** Settings with the first-spike rule (scale {@code tau0}). */
    public FineTuneSettings(int epochs, int batchSize, double learningRate, double tau0, long seed,
                            boolean trainThresholds, GradientMode mode, double silentPush, double deadPush, double clip,
                            boolean calibrate) {
        this(epochs, batchSize, learningRate, tau0, seed, trainThresholds, mode, silentPush, deadPush, clip, calibrate,
                null);
    }

    /** These settings with another decision rule (null: first spike). */
    public FineTuneSettings withRule(DecisionRule r) {
        return new FineTuneSettings(epochs, batchSize, learningRate, tau0, seed, trainThresholds, mode, silentPush,
                deadPush, clip, calibrate, r);
    }

    /** The rule in force: {@link #rule()} or the first-spike rule with {@code tau0}. */
    public DecisionRule effectiveRule() {
        return rule != null ? rule : new FirstSpikeRule(tau0, 0, 1);
    }

    public FineTuneSettings {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a finite number > 0, got " + learningRate);
        }
        if (!(tau0 > 0) || !Double.isFinite(tau0)) {
            throw new IllegalArgumentException("tau0 must be a finite number of seconds > 0, got " + tau0);
        }
        if (!(silentPush >= 0) || !Double.isFinite(silentPush)) {
            throw new IllegalArgumentException("silent push must be a finite number >= 0, got " + silentPush);
        }
        if (!(deadPush >= 0) || !Double.isFinite(deadPush)) {
            throw new IllegalArgumentException("dead push must be a finite number >= 0, got " + deadPush);
        }
        if (!(clip >= 0) || !Double.isFinite(clip)) {
            throw new IllegalArgumentException("gradient clip must be a finite number >= 0, got " + clip);
        }
        if (mode == null) {
            throw new IllegalArgumentException("gradient mode is required");
        }
    }

    /**
     * 10 epochs, batches of 50, learning rate 0.0005, tau0 = 0.3 ms and silent push 20 (the loss the
     * model was trained with, {@code TrainingOptions.defaults}), seed 1, weights only, adjoint, hidden
     * push 5, per-sample gradient clip 5, calibration on.
     *
     * <p>Why these: fine-tuning starts at a float optimum of the training loss. A different loss (a
     * softer tau0 such as 2.5 ms, or a weaker silent push) has its optimum elsewhere, so every step
     * moves the weights away from the good model: on Yin-Yang, 5 epochs at tau0 = 2.5 ms took the
     * device from 93% to 77%, and so did the same run with gradients of the float model alone. The
     * small learning rate suits a model that is already close: the device only needs the margins
     * that quantisation and the chip's time step took away.
     */
    public static FineTuneSettings defaults() {
        return new FineTuneSettings(10, 50, 0.0005, 0.0003, 1, false, GradientMode.ADJOINT, 20.0, 5.0, 5.0, true);
    }

    public FineTuneSettings withEpochs(int e) {
        return new FineTuneSettings(e, batchSize, learningRate, tau0, seed, trainThresholds, mode, silentPush, deadPush, clip, calibrate, rule);
    }

    public FineTuneSettings withBatchSize(int b) {
        return new FineTuneSettings(epochs, b, learningRate, tau0, seed, trainThresholds, mode, silentPush, deadPush, clip, calibrate, rule);
    }

    public FineTuneSettings withLearningRate(double lr) {
        return new FineTuneSettings(epochs, batchSize, lr, tau0, seed, trainThresholds, mode, silentPush, deadPush, clip, calibrate, rule);
    }

    public FineTuneSettings withTau0(double t) {
        return new FineTuneSettings(epochs, batchSize, learningRate, t, seed, trainThresholds, mode, silentPush, deadPush, clip, calibrate, rule);
    }

    public FineTuneSettings withSeed(long s) {
        return new FineTuneSettings(epochs, batchSize, learningRate, tau0, s, trainThresholds, mode, silentPush, deadPush, clip, calibrate, rule);
    }

    public FineTuneSettings withTrainThresholds(boolean t) {
        return new FineTuneSettings(epochs, batchSize, learningRate, tau0, seed, t, mode, silentPush, deadPush, clip, calibrate, rule);
    }

    public FineTuneSettings withMode(GradientMode m) {
        return new FineTuneSettings(epochs, batchSize, learningRate, tau0, seed, trainThresholds, m, silentPush, deadPush, clip, calibrate, rule);
    }

    public FineTuneSettings withSilentPush(double p) {
        return new FineTuneSettings(epochs, batchSize, learningRate, tau0, seed, trainThresholds, mode, p, deadPush, clip, calibrate, rule);
    }

    public FineTuneSettings withDeadPush(double d) {
        return new FineTuneSettings(epochs, batchSize, learningRate, tau0, seed, trainThresholds, mode, silentPush, d, clip, calibrate, rule);
    }

    public FineTuneSettings withClip(double c) {
        return new FineTuneSettings(epochs, batchSize, learningRate, tau0, seed, trainThresholds, mode, silentPush, deadPush, c, calibrate, rule);
    }

    public FineTuneSettings withCalibrate(boolean c) {
        return new FineTuneSettings(epochs, batchSize, learningRate, tau0, seed, trainThresholds, mode, silentPush, deadPush, clip, c, rule);
    }

    /**
     * Everything that must match for a checkpoint to be resumed (all but the number of epochs,
     * which a resumed run may extend).
     */
    public String describe() {
        return String.format(Locale.ROOT,
                "batch=%d lr=%s tau0=%s seed=%d thresholds=%b mode=%s silent-push=%s dead-push=%s clip=%s calibrate=%b",
                batchSize, learningRate, tau0, seed, trainThresholds, mode, silentPush, deadPush, clip, calibrate)
                + (rule == null ? "" : " rule=" + rule.describe());
    }
}
