package dev.spikeloop.runtime.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CheckpointTest {

    @Test
    void roundTripsExactlyIncludingNaN(@TempDir Path dir) {
        Path f = dir.resolve("c.ckpt");
        Adam.State adam = new Adam.State(7, new double[] {0.1, -1e-300}, new double[] {3.0, 0.0});
        EpochStats e = new EpochStats(0, 0.02, 0.5, 0.75, Double.NaN, Double.NaN, 1.5);
        Checkpoint c = new Checkpoint(Checkpoint.FORMAT, "s", 1, new double[] {Math.PI, -0.0}, adam,
                new double[] {1.0 / 3, 2}, 0, Double.NaN, List.of(e));
        c.write(f);
        Checkpoint r = Checkpoint.read(f);
        assertArrayEquals(c.params(), r.params());
        assertArrayEquals(c.bestParams(), r.bestParams());
        assertArrayEquals(adam.m(), r.adam().m());
        assertArrayEquals(adam.v(), r.adam().v());
        assertEquals(7, r.adam().steps());
        assertTrue(Double.isNaN(r.bestValidationAccuracy()));
        assertEquals(List.of(e), r.history());
    }

    @Test
    void badFilesGetClearErrors(@TempDir Path dir) throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(dir.resolve("none.ckpt")));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
        Path bad = dir.resolve("bad.ckpt");
        Files.writeString(bad, "{\"format\": \"x\"");
        e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(bad));
        assertTrue(e.getMessage().contains("bad.ckpt"), e.getMessage());
    }

    @Test
    void missingFieldsAreNamedNotANullPointer(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("n.ckpt");
        Files.writeString(f, "{\"format\": \"" + Checkpoint.FORMAT + "\", \"settings\": \"s\", \"epochsDone\": 1, "
                + "\"params\": [1.0], \"adam\": null, \"bestParams\": null, \"bestEpoch\": 0, "
                + "\"bestValidationAccuracy\": 0.5, \"history\": null}");
        String m = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(f)).getMessage();
        assertEquals(f + ": checkpoint is incomplete: no adam, bestParams, history", m);
    }

    @Test
    void aCheckpointPastTheRunsEpochsIsRefused() {
        Adam.State adam = new Adam.State(7, new double[] {0.1, 0.2}, new double[] {3.0, 0.0});
        EpochStats e = new EpochStats(0, 0.02, 0.5, 0.75, Double.NaN, Double.NaN, 1.5);
        Checkpoint c = new Checkpoint(Checkpoint.FORMAT, "s", 3, new double[] {1, 2}, adam, new double[] {1, 2}, 0,
                0.5, List.of(e, e, e));
        Path p = Path.of("c.ckpt");
        c.requireFits(p, 2, 3);
        assertEquals("c.ckpt: checkpoint is after epoch 3, outside the 0..2 epochs asked for",
                assertThrows(IllegalArgumentException.class, () -> c.requireFits(p, 2, 2)).getMessage());
        assertEquals("c.ckpt: checkpoint has 2 parameters, the network has 5",
                assertThrows(IllegalArgumentException.class, () -> c.requireFits(p, 5, 3)).getMessage());
        Checkpoint odd = new Checkpoint(Checkpoint.FORMAT, "s", 3, new double[] {1, 2}, adam, new double[] {1, 2}, 7,
                0.5, List.of(e));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> odd.requireFits(p, 2, 3)).getMessage()
                .startsWith("c.ckpt: checkpoint is inconsistent"));
    }
}
