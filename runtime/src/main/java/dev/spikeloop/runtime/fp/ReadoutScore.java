package dev.spikeloop.runtime.fp;

import java.util.Locale;

/** How a membrane readout's trajectory over the window {@code [0, T]} becomes a class score ({@link MembraneReadout}). */
public enum ReadoutScore {
    /** The time average of the membrane over the window. */
    MEAN,
    /** The largest membrane reached in the window. */
    MAX;

    /** As typed on the command line. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
