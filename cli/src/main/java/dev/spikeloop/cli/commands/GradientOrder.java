package dev.spikeloop.cli.commands;

import dev.spikeloop.runtime.fp.GradientMode;

import java.util.Locale;

/** The values of {@code grad --mode}: the solution order of the exact gradient. */
enum GradientOrder {
    /** The cheaper of the two for one loss. */
    AUTO,
    /** Forward substitution. */
    FP,
    /** The adjoint (backward) order. */
    ADJOINT;

    /** The engine's mode. */
    GradientMode mode() {
        return switch (this) {
            case AUTO -> GradientMode.cheaperForOneLoss();
            case FP -> GradientMode.FP;
            case ADJOINT -> GradientMode.ADJOINT;
        };
    }

    /** As typed on the command line (picocli lists candidates by this name). */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
