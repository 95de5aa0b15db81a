package dev.spikeloop.network.spikedata;

import dev.spikeloop.network.data.InvalidDatasetException;

/**
 * A spike-train data set (or its HDF5 file) breaks a rule: the message names the file, the sample
 * and, where it applies, the spike, the value and the limit.
 */
public class InvalidSpikeDataException extends InvalidDatasetException {
    private static final long serialVersionUID = 1L;

    public InvalidSpikeDataException(String message) {
        super(message);
    }
}
