package dev.spikeloop.runtime.train;

import dev.spikeloop.runtime.fp.GradientMode;

/**
 * How to train (everything but the network shape and the data).
 *
 * @param epochs         passes over the training set
 * @param batchSize      samples per Adam step (the last batch of an epoch may be smaller)
 * @param schedule       learning rate per epoch
 * @param tau0           softmax scale of the ttfs loss, seconds
 * @param gamma          weight of the Goltz et al. regulariser {@code gamma (exp(t_label/tau1) - 1)}
 *                       (0 = off); it pulls the label spike early
 * @param tau1           time scale of that regulariser, seconds
 * @param silentPush     every output neuron that does not fire in a sample gets the gradient
 *                       {@code -silentPush * u} on its incoming weights, {@code u} the unit vector of
 *                       its presynaptic spike counts: it brings the neuron back to threshold where
 *                       the exact gradient is zero (and a sample whose label neuron is silent
 *                       contributes only this push; see {@link SilentLabelGate})
 * @param deadPush       the same push for the silent neurons of a hidden layer in a sample where
 *                       more than 30 % of that layer is silent
 * @param clip           largest L2 norm of one sample's gradient (larger ones are scaled down to it;
 *                       0 = no clipping): a spike that barely crosses threshold has a huge, exact
 *                       but very local gradient that would otherwise dominate a batch
 * @param mode           order of the exact gradient solve
 * @param threads        worker threads for the per-sample work (results do not depend on it)
 * @param seed           seed of the initial weights and of the per-epoch shuffles
 * @param init           weight initialisation settings
 * @param inputJitter    every input spike of a training sample moves by a fresh uniform amount in
 *                       {@code [-inputJitter, inputJitter]} seconds each time the sample is used
 *                       (0 = off). Half a chip step makes the network robust to the rounding of
 *                       input times onto the chip's grid, which otherwise costs a sharply trained
 *                       model measurable accuracy (docs/training.md)
 */
public record TrainingOptions(int epochs, int batchSize, LearningRateSchedule schedule, double tau0, double gamma,
                              double tau1, double silentPush, double deadPush, double clip, GradientMode mode, int threads,
                              long seed, WeightInit.Settings init, double inputJitter) {

    public TrainingOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (schedule == null || mode == null || init == null) {
            throw new IllegalArgumentException("training options: schedule, gradient mode and init are required");
        }
        if (!(tau0 > 0) || !(tau1 > 0) || !Double.isFinite(tau0) || !Double.isFinite(tau1)) {
            throw new IllegalArgumentException("tau0 and tau1 must be finite numbers > 0 seconds, got " + tau0
                    + " and " + tau1);
        }
        if (!(gamma >= 0) || !(silentPush >= 0) || !(deadPush >= 0) || !(clip >= 0) || !Double.isFinite(gamma)
                || !Double.isFinite(silentPush) || !Double.isFinite(deadPush) || !Double.isFinite(clip)) {
            throw new IllegalArgumentException("gamma, silent push, dead push and clip must be finite numbers >= 0");
        }
        if (!(inputJitter >= 0) || !Double.isFinite(inputJitter)) {
            throw new IllegalArgumentException("input jitter must be a finite number >= 0 seconds, got " + inputJitter);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /**
     * The defaults used for Yin-Yang: batch 50, Adam at 0.02 (in units of each layer's initial weight
     * scale) annealed by a cosine to 1/20 over the run, tau0 = 0.3 ms, gamma = 0.003 with tau1 = 10 ms,
     * output push 20, hidden push 5, no gradient clipping, adjoint gradients.
     */
    public static TrainingOptions defaults(int epochs, long seed, int threads) {
        return new TrainingOptions(epochs, 50, LearningRateSchedule.cosine(0.02, 0.05, epochs), 0.0003, 0.003,
                0.010, 20.0, 5.0, 0.0, GradientMode.ADJOINT, threads, seed, WeightInit.Settings.DEFAULT, 0.0);
    }

    /** These options with another thread count (which does not change the result). */
    public TrainingOptions withThreads(int n) {
        return new TrainingOptions(epochs, batchSize, schedule, tau0, gamma, tau1, silentPush, deadPush, clip, mode, n, seed,
                init, inputJitter);
    }

    /** These options with another input jitter (seconds, 0 = off). */
    public TrainingOptions withInputJitter(double seconds) {
        return new TrainingOptions(epochs, batchSize, schedule, tau0, gamma, tau1, silentPush, deadPush, clip, mode, threads,
                seed, init, seconds);
    }

    /** A description of everything that changes the result (threads excluded), for checkpoints. */
    public String fingerprint() {
        return "epochs=" + epochs + ",batch=" + batchSize + ",schedule=" + schedule + ",tau0=" + tau0 + ",gamma="
                + gamma + ",tau1=" + tau1 + ",silentPush=" + silentPush + ",deadPush=" + deadPush + ",clip=" + clip + ",mode=" + mode
                + ",seed=" + seed + ",init=" + init + (inputJitter > 0 ? ",inputJitter=" + inputJitter : "");
    }
}
