package dev.spikeloop.runtime.loop;

import dev.spikeloop.runtime.train.Adam;
import dev.spikeloop.runtime.train.EpochLoop;
import dev.spikeloop.runtime.train.Evaluation;
import dev.spikeloop.runtime.train.JsonStateFiles;

import java.nio.file.Path;
import java.util.List;

/**
 * The whole state of a fine-tuning run after {@code epochsDone} epochs: shadow parameters, Adam's
 * state, the best parameters and their validation result, the device's accuracy before
 * fine-tuning and the history. Shuffles derive from the seed and the epoch, so resuming from this
 * does exactly what the uninterrupted run would have done. JSON (doubles round-trip exactly),
 * written atomically, so an interruption leaves the previous checkpoint intact.
 *
 * @param settings the run's {@link FineTuneSettings#describe()}, which a resumed run must match
 * @param data     a description of the model and data the run started from, which must match too
 */
public record FineTuneCheckpoint(String format, String settings, String data, int epochsDone, double[] params,
                                 Adam.State adam, double[] bestParams, int bestEpoch, Evaluation best,
                                 Evaluation before, long flashes, List<FineTuneEpoch> history)
        implements JsonStateFiles.Stored {

    /** The value of {@code format} this class writes. */
    public static final String FORMAT = "spikeloop-finetune-checkpoint/1";

    public FineTuneCheckpoint {
        history = JsonStateFiles.copyOrNull(history);
    }

    /** Reads a checkpoint written by {@link #write}. */
    public static FineTuneCheckpoint read(Path path) {
        FineTuneCheckpoint c = JsonStateFiles.read(path, FineTuneCheckpoint.class, "fine-tuning checkpoint", FORMAT, FineTuneCheckpoint::format);
        if (c.params() == null || c.adam() == null || c.bestParams() == null || c.best() == null || c.before() == null
                || c.history() == null) {
            throw new IllegalArgumentException(path + ": checkpoint is incomplete");
        }
        return c;
    }

    /** The loop state this checkpoint holds (the best score: the best evaluation's accuracy). */
    public EpochLoop.State state() {
        return new EpochLoop.State(epochsDone, params.clone(), adam, bestParams.clone(), bestEpoch, best.accuracy());
    }
}
