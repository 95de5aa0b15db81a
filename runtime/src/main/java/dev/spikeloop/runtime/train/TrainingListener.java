package dev.spikeloop.runtime.train;

import dev.spikeloop.network.FloatNetwork;

/**
 * Progress of a training run, called on the training thread. Every method has an empty default,
 * so a listener implements only what it shows.
 */
public interface TrainingListener extends EpochProgress {
    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };

    /** An epoch is done and validated; {@code best} when it is the best epoch so far. */
    default void epochDone(EpochStats stats, boolean best) {
    }

    /** The network after epoch {@code epoch} (for snapshots and diagnostics); called before {@link #epochDone}. */
    default void networkAfterEpoch(int epoch, FloatNetwork net) {
    }

    /**
     * A new best network (after {@link #epochDone} with {@code best}), e.g. to save it at once so an
     * interrupted run still leaves a model.
     */
    default void newBest(FloatNetwork best, EpochStats stats) {
    }

    /** Training is over. */
    default void finished(TrainingResult result) {
    }
}
