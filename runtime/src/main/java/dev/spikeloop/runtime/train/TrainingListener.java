package dev.spikeloop.runtime.train;

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

    /** Training is over. */
    default void finished(TrainingResult result) {
    }
}
