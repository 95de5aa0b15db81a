package dev.spikeloop.runtime.loop;

/** Progress of a fine-tuning run, called on its thread. Every method has an empty default. */
public interface FineTuneListener {
    /** A listener that ignores everything. */
    FineTuneListener NONE = new FineTuneListener() {
    };

    /** The chip was calibrated before tuning ({@link ChipCalibration}); not called when calibration is off. */
    default void calibrated(ChipCalibration.Result calibration) {
    }

    /** Fine-tuning begins at {@code firstEpoch} (0 unless resumed) of {@code epochs}. */
    default void started(int firstEpoch, int epochs, int batchesPerEpoch) {
    }

    /** A batch is done; {@code loss} and {@code accuracy} are running means over the epoch so far. */
    default void batchDone(int epoch, int batch, double loss, double accuracy) {
    }

    /** An epoch is done and validated on the device; {@code best} when it is the best so far. */
    default void epochDone(FineTuneEpoch epoch, boolean best) {
    }
}
