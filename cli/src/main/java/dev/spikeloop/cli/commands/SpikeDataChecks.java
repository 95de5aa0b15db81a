package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.network.spikedata.SpikeTrainDataset;

import java.nio.file.Path;

/**
 * Checks a spike data set against the model and chip it is used with, before any work starts, so
 * that a mismatch is one named error instead of a failure deep in a run.
 */
final class SpikeDataChecks {
    private SpikeDataChecks() {
    }

    /** A data set with no samples. */
    static void requireNotEmpty(SpikeTrainDataset d, Path file) {
        if (d.size() == 0) {
            throw new IllegalArgumentException(file + ": the data set is empty (no samples)");
        }
    }

    /**
     * Training: non-empty sets, and (with a target profile) channels, output neurons ({@code outputs}: one
     * per class, or per class and readout window) and hidden neurons within the chip's inputs, outputs and
     * hidden neurons.
     */
    static void requireTrainable(SpikeTrainDataset train, Path trainFile, SpikeTrainDataset validation,
                                 Path validationFile, ChipProfile profile, int[] hidden, int outputs) {
        requireNotEmpty(train, trainFile);
        if (validation != null) {
            requireNotEmpty(validation, validationFile);
        }
        if (profile == null) {
            return;
        }
        requireChipInputs(train, trainFile, profile.maxInputs(), profile.name());
        if (outputs > profile.maxOutputs()) {
            String need = outputs == train.classCount() ? train.classCount() + " classes need as many outputs"
                    : train.classCount() + " classes x " + outputs / train.classCount() + " readout windows need "
                    + outputs + " outputs";
            throw new IllegalArgumentException(trainFile + ": " + need + ", but " + profile.name() + " has "
                    + profile.maxOutputs() + " output neurons");
        }
        int total = 0;
        for (int h : hidden) {
            total += h;
        }
        if (total > profile.maxHidden()) {
            throw new IllegalArgumentException("--hidden: " + total + " hidden neurons, but " + profile.name() + " has "
                    + profile.maxHidden());
        }
    }

    /** The data's channels must fit the chip's inputs. */
    static void requireChipInputs(SpikeTrainDataset d, Path file, int inputs, String chip) {
        if (d.channels() > inputs) {
            throw new IllegalArgumentException(file + ": " + d.channels() + " channels exceed the " + inputs
                    + " inputs of " + chip);
        }
    }

    /**
     * Evaluation or fine-tuning of a model with {@code outputs} outputs: not empty, no more outputs than
     * the data has classes, and every label has an output.
     */
    static void requireEvaluable(SpikeTrainDataset d, Path file, int outputs, String model) {
        requireNotEmpty(d, file);
        if (outputs > d.classCount()) {
            throw new IllegalArgumentException(model + " has " + outputs + " outputs, more than the "
                    + d.classCount() + " classes of " + file + " (a model for another task?)");
        }
        for (int i = 0; i < d.size(); i++) {
            if (d.label(i) >= outputs) {
                String src = d.sample(i).source().isEmpty() ? "" : " (" + d.sample(i).source() + ")";
                throw new IllegalArgumentException(file + ": sample " + i + src + " has label " + d.label(i)
                        + ", but " + model + " has no output for it (outputs 0.." + (outputs - 1) + ")");
            }
        }
    }
}
