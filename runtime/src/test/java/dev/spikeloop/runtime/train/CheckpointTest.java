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
}
