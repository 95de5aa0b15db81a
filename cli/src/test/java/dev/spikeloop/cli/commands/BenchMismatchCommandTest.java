package dev.spikeloop.cli.commands;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bench mismatch}: the study's command line (the study itself is a benchmark, minutes long). */
class BenchMismatchCommandTest {
    private static final String MODEL = "../models/yinyang-5-120-3.json";

    @Test
    void helpListsTheStudysOptions() {
        CliRun r = CliRun.run("bench", "mismatch", "--help");
        assertEquals(0, r.code(), r.err());
        for (String o : new String[] {"--mismatch", "--dt", "--epochs", "--lr", "--no-calibrate", "MODEL.json"}) {
            assertTrue(r.out().contains(o), o + "\n" + r.out());
        }
        assertTrue(CliRun.run("bench").out().contains("mismatch"));
    }

    @Test
    void badSettingsAreRefusedBeforeAnyWork() {
        CliRun spec = CliRun.run("bench", "mismatch", MODEL, "--mismatch", "dash-mem=banana");
        assertEquals(1, spec.code());
        assertTrue(spec.err().contains("dash-mem"), spec.err());
        CliRun epochs = CliRun.run("bench", "mismatch", MODEL, "--epochs", "0");
        assertEquals(1, epochs.code());
        assertTrue(epochs.err().contains("--epochs must be at least 1, got 0"), epochs.err());
        CliRun dt = CliRun.run("bench", "mismatch", MODEL, "--dt", "soon");
        assertEquals(2, dt.code());
        assertTrue(dt.err().contains("'soon'"), dt.err());
    }
}
