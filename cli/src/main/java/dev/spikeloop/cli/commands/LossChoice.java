package dev.spikeloop.cli.commands;

import java.util.Locale;

/** The values of {@code --loss} (train, finetune, eval): the loss and decision rule. */
enum LossChoice {
    /** {@link #COUNT} for spike data sets, {@link #TTFS} for feature data. */
    AUTO,
    /** The first output spike wins. */
    TTFS,
    /** The largest time-weighted spike count wins. */
    COUNT,
    /** The largest mean membrane of a non-spiking readout output layer wins. */
    MEMBRANE;

    /** {@link #TTFS} or {@link #COUNT}: {@code auto} decided by the kind of data. */
    LossChoice resolve(boolean spikeData) {
        return this != AUTO ? this : spikeData ? COUNT : TTFS;
    }

    /** As {@link #resolve(boolean)}, but {@code auto} is {@link #MEMBRANE} for a model with a membrane readout. */
    LossChoice resolve(boolean spikeData, boolean membraneReadout) {
        return this == AUTO && membraneReadout ? MEMBRANE : resolve(spikeData);
    }

    /** As typed on the command line (picocli lists candidates by this name). */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
