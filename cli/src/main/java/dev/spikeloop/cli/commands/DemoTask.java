package dev.spikeloop.cli.commands;

import java.util.Locale;

/** The values of {@code demo --task}. */
enum DemoTask {
    /** The Yin-Yang classification demo on Xylo Audio 2. */
    YINYANG,
    /** Spoken digits (FSDD) on Xylo Audio 3. */
    FSDD;

    /** As typed on the command line (picocli lists candidates by this name). */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
