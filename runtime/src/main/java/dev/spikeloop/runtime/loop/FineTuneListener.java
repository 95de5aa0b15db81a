package dev.spikeloop.runtime.loop;

import dev.spikeloop.runtime.train.EpochProgress;

/** Progress of a fine-tuning run, called on its thread. Every method has an empty default. */
public interface FineTuneListener extends EpochProgress {
    /** A listener that ignores everything. */
    FineTuneListener NONE = new FineTuneListener() {
    };

    /** The chip was calibrated before tuning ({@link ChipCalibration}); not called when calibration is off. */
    default void calibrated(ChipCalibration.Result calibration) {
    }

    /** An epoch is done and validated on the device; {@code best} when it is the best so far. */
    default void epochDone(FineTuneEpoch epoch, boolean best) {
    }
}
