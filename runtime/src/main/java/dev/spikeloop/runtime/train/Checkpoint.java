package dev.spikeloop.runtime.train;


import java.nio.file.Path;
import java.util.List;

/**
 * Everything a training run needs to continue after an interruption, as of the end of epoch
 * {@code epochsDone - 1}: the parameters, Adam's state, the best parameters so far and the history.
 * Shuffling and everything else random is derived from the seed and the epoch number, so this is
 * the whole state: a resumed run does exactly what the uninterrupted run would have done.
 *
 * <p>{@code settings} describes the training settings and data the run was started with; a run
 * resumes only from a checkpoint with the same description. Stored as JSON (doubles round-trip
 * exactly), written atomically.
 */
public record Checkpoint(String format, String settings, int epochsDone, double[] params, Adam.State adam,
                         double[] bestParams, int bestEpoch, double bestValidationAccuracy,
                         List<EpochStats> history) {

    /** The value of {@code format} this class writes. */
    public static final String FORMAT = "spikeloop-checkpoint/1";

    public Checkpoint {
        history = List.copyOf(history);
    }

    /** Writes this checkpoint to {@code path} atomically. */
    public void write(Path path) {
        JsonStateFiles.write(path, this);
    }

    /** Reads a checkpoint written by {@link #write}. */
    public static Checkpoint read(Path path) {
        Checkpoint c = JsonStateFiles.read(path, Checkpoint.class, "training checkpoint");
        if (!FORMAT.equals(c.format())) {
            throw new IllegalArgumentException(path + ": not a training checkpoint (format '" + c.format()
                    + "', expected '" + FORMAT + "')");
        }
        if (c.params() == null || c.adam() == null || c.history() == null) {
            throw new IllegalArgumentException(path + ": checkpoint is incomplete");
        }
        return c;
    }
}
