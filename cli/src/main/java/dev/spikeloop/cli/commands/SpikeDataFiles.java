package dev.spikeloop.cli.commands;

import dev.spikeloop.network.spikedata.SpikeDatasetHdf5;
import dev.spikeloop.network.spikedata.SpikeTrainDataset;
import java.nio.file.Path;

/**
 * How {@code train}, {@code eval} and {@code finetune} tell a spike data set (HDF5, docs/data.md)
 * from a feature CSV: by the file's extension, {@code .h5}/{@code .hdf5}/{@code .hdf}.
 */
final class SpikeDataFiles {
    private SpikeDataFiles() {
    }

    /** True for a spike data set file name. */
    static boolean isSpikeData(Path p) {
        return p != null && SpikeDatasetHdf5.isHdf5Name(p);
    }

    /** Reads a spike data set given to {@code option}; a CSV there is an error when the main data is HDF5. */
    static SpikeTrainDataset read(Path p, String option) {
        if (!isSpikeData(p)) {
            throw new IllegalArgumentException(option + " " + p + ": with a spike data set (.h5) as --data, this file "
                    + "must be a spike data set too");
        }
        return SpikeDatasetHdf5.read(p);
    }

    /** Throws unless {@code other} has the channels and classes of {@code train}. */
    static void requireCompatible(SpikeTrainDataset train, SpikeTrainDataset other, Path otherPath) {
        if (other.channels() != train.channels()) {
            throw new IllegalArgumentException(otherPath + ": " + other.channels() + " channels, the training data has "
                    + train.channels());
        }
    }

    /**
     * The simulation end time for a spike data set: at least {@code tEnd}, and long enough for the
     * longest sample plus {@code margin} seconds (the output may fire after the last input).
     */
    static double endTime(double tEnd, double margin, SpikeTrainDataset... sets) {
        double last = 0;
        for (SpikeTrainDataset d : sets) {
            if (d != null) {
                for (int i = 0; i < d.size(); i++) {
                    last = Math.max(last, d.sample(i).lastTime());
                }
            }
        }
        return Math.max(tEnd, last + margin);
    }
}
