package dev.spikeloop.chipconfig.npy;

import java.io.IOException;

/** A file or zip entry that is not an NPY array this reader can load; the message names it and why. */
public class NpyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public NpyFormatException(String message) {
        super(message);
    }
}
