package dev.spikeloop.cli.commands;

import java.util.Locale;

/** The values of {@code --loss} (train, finetune, eval): the loss and decision rule. */
enum LossChoice {
    /** {@link #COUNT} for spike data sets, {@link #TTFS} for feature data. */
    AUTO,
    /** The first output spike wins. */
    TTFS,
    /** The largest time-weighted spike count wins. */
    COUNT;

    /** {@link #TTFS} or {@link #COUNT}: {@code auto} decided by the kind of data. */
    LossChoice resolve(boolean spikeData) {
        return this != AUTO ? this : spikeData ? COUNT : TTFS;
    }

    /** As typed on the command line (picocli lists candidates by this name). */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
