package dev.spikeloop.cli.commands;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.runtime.fp.ReadoutScore;
import dev.spikeloop.runtime.fp.ReadoutWindows;
import dev.spikeloop.runtime.train.DecisionRule;
import dev.spikeloop.runtime.train.MembraneRule;

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

    /**
     * {@code rule} reading the readout windows of {@code net} (what it was trained with) on a device; the
     * rule itself when it is not a membrane rule or there is no model. An explicit {@code --readout-windows}
     * ({@code given}, or null) that contradicts the model is refused, as for the score.
     */
    static DecisionRule withWindows(DecisionRule rule, FloatNetwork net, Integer given, Path model) {
        if (!(rule instanceof MembraneRule m)) {
            if (given != null && given > 1) {
                throw new IllegalArgumentException("--readout-windows " + given + " applies to the membrane rule only");
            }
            return rule;
        }
        ReadoutWindows windows = net == null || net.outputLayer().isSpiking()
                ? new ReadoutWindows(given == null ? 1 : given) : ReadoutWindows.of(net.outputLayer());
        if (given != null && given != windows.count()) {
            throw new IllegalArgumentException("--readout-windows " + given + " contradicts " + model + ", whose "
                    + "membrane readout was trained with " + windows.count() + " window(s) per class; leave the option out");
        }
        return m.withWindows(windows);
    }

    /** The classes {@code net} answers: its outputs, or its outputs over its readout windows. */
    static int classes(FloatNetwork net) {
        return ReadoutWindows.of(net.outputLayer()).classes(net.outputLayer().size());
    }
}
