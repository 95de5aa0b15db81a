package dev.spikeloop.cli.commands;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.runtime.fp.ReadoutScore;

import java.nio.file.Path;

/**
 * The membrane readout's score for {@code eval} and {@code finetune}: the one the model file records
 * (what it was trained for), so that the chip is scored by the rule it was trained with. An explicit
 * {@code --readout-score} that contradicts the file is refused rather than obeyed: scoring with another
 * rule would silently report a different, untrained decision.
 */
final class ReadoutScoreChoice {
    private ReadoutScoreChoice() {
    }

    /**
     * The score to decide with.
     *
     * @param given the {@code --readout-score} option, or null when not given
     * @param net   the model, or null (then {@code given}, else the mean)
     * @param model the model's file, for the message
     * @throws IllegalArgumentException when {@code given} contradicts the model's membrane readout
     */
    static ReadoutScore resolve(ReadoutScore given, FloatNetwork net, Path model) {
        if (net == null || net.outputLayer().isSpiking()) {
            return given == null ? ReadoutScore.MEAN : given;
        }
        ReadoutScore trained = ReadoutScore.of(net.outputLayer());
        if (given != null && given != trained) {
            throw new IllegalArgumentException("--readout-score " + given + " contradicts " + model
                    + ", whose membrane readout was trained with the " + trained + " score; leave the option out (a file "
                    + "written before the score was recorded means mean: add \"readoutScore\": \"max\" to its output "
                    + "layer if it was trained with max)");
        }
        return trained;
    }
}
