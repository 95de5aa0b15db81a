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
                         List<EpochStats> history) implements JsonStateFiles.Stored {

    /** The value of {@code format} this class writes. */
    public static final String FORMAT = "spikeloop-checkpoint/1";

    public Checkpoint {
        history = JsonStateFiles.copyOrNull(history);
    }

    /** Reads a checkpoint written by {@link #write}. */
    public static Checkpoint read(Path path) {
        Checkpoint c = JsonStateFiles.read(path, Checkpoint.class, "training checkpoint", FORMAT, Checkpoint::format);
        List<String> missing = new java.util.ArrayList<>();
        if (c.settings() == null) {
            missing.add("settings");
        }
        if (c.params() == null) {
            missing.add("params");
        }
        if (c.adam() == null || c.adam().m() == null || c.adam().v() == null) {
            missing.add("adam");
        }
        if (c.bestParams() == null) {
            missing.add("bestParams");
        }
        if (c.history() == null) {
            missing.add("history");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(path + ": checkpoint is incomplete: no " + String.join(", ", missing));
        }
        return c;
    }

    /** The loop state this checkpoint holds. */
    public EpochLoop.State state() {
        return new EpochLoop.State(epochsDone, params.clone(), adam, bestParams.clone(), bestEpoch,
                bestValidationAccuracy);
    }

    /**
     * Checks this checkpoint against the run that resumes it, by the loop's one rule
     * ({@link EpochLoop.State#requireFits}): parameter counts, and epochs within {@code 0..epochs}.
     */
    public void requireFits(Path path, int parameters, int epochs) {
        state().requireFits(path, parameters, epochs, history.size());
    }
}
