package dev.spikeloop.runtime.train;

import dev.spikeloop.network.FloatNetwork;

/**
 * Progress of a training run, called on the training thread. Every method has an empty default,
 * so a listener implements only what it shows.
 */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };

    /**
     * Training begins at {@code firstEpoch} (0 unless resumed) of {@code epochs}, with
     * {@code batchesPerEpoch} batches per epoch.
     */
    default void started(int firstEpoch, int epochs, int batchesPerEpoch) {
    }

    /**
     * Batch {@code batch} (0-based) of {@code epoch} is done; {@code loss} and {@code accuracy} are
     * running means over the epoch's samples so far.
     */
    default void batchDone(int epoch, int batch, double loss, double accuracy) {
    }

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
