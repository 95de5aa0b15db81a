package dev.spikeloop.runtime.train;

/**
 * Progress of the {@link EpochLoop} within an epoch, shared by training's and fine-tuning's
 * listeners. Every method has an empty default.
 */
public interface EpochProgress {
    /**
     * The run begins at {@code firstEpoch} (0 unless resumed) of {@code epochs}, with
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
}
