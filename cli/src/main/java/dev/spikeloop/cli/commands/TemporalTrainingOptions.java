package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.runtime.fp.ReadoutScore;
import dev.spikeloop.runtime.train.CountRule;
import dev.spikeloop.runtime.train.DecisionRule;
import dev.spikeloop.runtime.train.FirstSpikeRule;
import dev.spikeloop.runtime.train.MembraneRule;
import picocli.CommandLine.Option;

/**
 * {@code train}'s options for the loss and decision rule, recurrence and the target chip profile
 * (a picocli mixin, so the command class only gains one field).
 */
final class TemporalTrainingOptions {
    @Option(names = "--loss", defaultValue = "auto", paramLabel = "LOSS",
            description = {"Loss and decision rule: ttfs (first output spike wins), count (largest time-weighted "
                    + "spike count wins, for streams; docs/fp-engine.md), membrane (the output layer becomes a "
                    + "non-spiking membrane readout, largest mean membrane wins; spike data only), auto = count for "
                    + "spike data sets, ttfs otherwise (one of: ${COMPLETION-CANDIDATES}; default: ${DEFAULT-VALUE})."})
    LossChoice loss;

    @Option(names = "--beta", defaultValue = "1.0",
            description = "count and membrane losses: softmax scale (temperature), in spikes for count, in "
                    + "membrane (threshold) units for membrane (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--burst-weight", defaultValue = "0.05",
            description = "count and membrane losses: weight of the burst penalty on hidden spikes closer than --min-interval "
                    + "(0 = off) (default: ${DEFAULT-VALUE}).")
    double burstWeight;

    @Option(names = "--min-interval", paramLabel = "SECONDS",
            description = "count and membrane losses: hidden spikes closer than this are pushed apart (default: the chip step "
                    + "with --chip-dt, else 1 ms).")
    Double minInterval;

    @Option(names = "--readout-score", defaultValue = "mean", paramLabel = "mean|max",
            description = "membrane loss: score of each output's membrane over the window, its mean or its maximum "
                    + "(recorded in the model file, so eval, finetune and demo decide by it) (one of: "
                    + "${COMPLETION-CANDIDATES}; default: ${DEFAULT-VALUE}).")
    ReadoutScore readoutScore;

    @Option(names = "--readout-windows", defaultValue = "1", paramLabel = "W",
            description = "membrane loss: read each class in W consecutive windows of the sample's span (up to its "
                    + "last input spike) with one readout neuron per window, the class score being the sum of the "
                    + "window means (W x classes outputs; recorded in the model file) (default: ${DEFAULT-VALUE}).")
    int readoutWindows;

    @Option(names = "--recurrent", defaultValue = "0", paramLabel = "N",
            description = "Give each hidden neuron N recurrent inputs from other hidden neurons, a fixed sparse mask "
                    + "kept in training (0 = feed-forward) (default: ${DEFAULT-VALUE}).")
    int recurrent;

    @Option(names = "--tau-mem-max", paramLabel = "SECONDS",
            description = "Spread the hidden neurons' membrane time constants log-uniformly from --tau-mem up to "
                    + "this, one per neuron, fixed in training (with --chip-dt: the chip's nearest decays). Off by "
                    + "default.")
    Double tauMemMax;

    @Option(names = "--chip", paramLabel = "PROFILE",
            description = "Target chip profile (xylo-audio2, xylo-audio3, xylo-imu): sizes are checked against it "
                    + "before training, and --chip-dt trains for it (default: xylo-audio2 for --chip-dt).")
    String chip;

    /** The rule chosen by {@code --loss}. */
    DecisionRule rule(boolean spikeData, double tau0, double gamma, double tau1, double dt) {
        double interval = minInterval != null ? minInterval : Double.isNaN(dt) ? 0.001 : dt;
        LossChoice chosen = loss.resolve(spikeData);
        if (readoutWindows < 1 || (readoutWindows > 1 && chosen != LossChoice.MEMBRANE)) {
            throw new IllegalArgumentException("--readout-windows " + readoutWindows + ": needs --loss membrane and a "
                    + "count >= 1 (windows belong to a membrane readout)");
        }
        return switch (chosen) {
            case COUNT -> new CountRule(beta, burstWeight, interval);
            case MEMBRANE -> new MembraneRule(beta, burstWeight, interval, readoutScore,
                    new dev.spikeloop.runtime.fp.ReadoutWindows(readoutWindows));
            default -> new FirstSpikeRule(tau0, gamma, tau1);
        };
    }

    /** The profile of {@code --chip}, or null when not given. */
    ChipProfile profile() {
        return chip == null ? null : ChipProfile.require(chip);
    }

    /**
     * The rule fine-tuning uses: null (the first-spike rule of the settings' tau0) for ttfs, else the
     * count rule with training's defaults (burst penalty 0.05 at the chip step).
     */
    static DecisionRule forFinetune(LossChoice loss, boolean spikeData, double dt) {
        return forFinetune(loss, spikeData, dt, false);
    }

    /**
     * The same for a model that may have a membrane readout ({@code auto} then picks the membrane rule, with
     * training's defaults: temperature 1, burst penalty 0.05 at the chip step).
     */
    static DecisionRule forFinetune(LossChoice loss, boolean spikeData, double dt, boolean membraneReadout) {
        return forFinetune(loss, spikeData, dt, membraneReadout, ReadoutScore.MEAN);
    }

    /** The same with the membrane readout's score ({@code --readout-score}). */
    static DecisionRule forFinetune(LossChoice loss, boolean spikeData, double dt, boolean membraneReadout,
                                    ReadoutScore score) {
        DecisionRule r = forEval(loss, spikeData, membraneReadout, score);
        return r instanceof FirstSpikeRule ? null : r instanceof MembraneRule ? new MembraneRule(1.0, 0.05, dt, score)
                : new CountRule(1.0, 0.05, dt);
    }

    /** The rule eval uses for a model: by {@code --loss}, or count for spike data and ttfs otherwise. */
    static DecisionRule forEval(LossChoice loss, boolean spikeData) {
        return forEval(loss, spikeData, false);
    }

    /** The same, with {@code auto} = membrane for a model (or configuration) with a membrane readout. */
    static DecisionRule forEval(LossChoice loss, boolean spikeData, boolean membraneReadout) {
        return forEval(loss, spikeData, membraneReadout, ReadoutScore.MEAN);
    }

    /** The same with the membrane readout's score ({@code --readout-score}). */
    static DecisionRule forEval(LossChoice loss, boolean spikeData, boolean membraneReadout, ReadoutScore score) {
        return switch ((loss == null ? LossChoice.AUTO : loss).resolve(spikeData, membraneReadout)) {
            case COUNT -> new CountRule(1.0, 0, 1);
            case MEMBRANE -> new MembraneRule(1.0, 0, 1, score);
            default -> new FirstSpikeRule(1.0, 0, 1);
        };
    }
}
