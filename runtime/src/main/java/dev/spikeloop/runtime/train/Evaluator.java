package dev.spikeloop.runtime.train;

import dev.spikeloop.network.data.LabelledDataset;

/**
 * Classifies every sample of a labelled data set with some model and tallies the result. The float
 * model has {@link FloatEvaluator}; the chip path (emulator or hardware, given a chip
 * configuration) implements the same interface with the same encoding
 * ({@link dev.spikeloop.network.encode.SpikeEncoder}) and the same decision rule
 * ({@link FirstSpikeReadout}).
 */
public interface Evaluator {
    /** Classifies every sample of {@code data}. */
    Evaluation evaluate(LabelledDataset data);
}
