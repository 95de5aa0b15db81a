package dev.spikeloop.runtime.loop;

import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.runtime.train.Evaluation;

import java.util.List;

/**
 * The outcome of fine-tuning.
 *
 * @param model       the best shadow float network (original time constants, tuned weights)
 * @param compilation its configuration, which the device holds when the run returns
 * @param before      validation on the device before fine-tuning
 * @param after       validation on the device of the best configuration
 * @param bestEpoch   the epoch that gave it (-1: no epoch beat the starting configuration)
 * @param flashes     configurations written to the device over the run
 * @param history     one entry per epoch
 * @param calibration what {@link ChipCalibration} identified, or {@code null} when calibration was off
 */
public record FineTuneResult(FloatNetwork model, Compilation compilation, Evaluation before, Evaluation after,
                             int bestEpoch, long flashes, List<FineTuneEpoch> history,
                             ChipCalibration.Result calibration) {
    public FineTuneResult {
        history = List.copyOf(history);
    }
}
