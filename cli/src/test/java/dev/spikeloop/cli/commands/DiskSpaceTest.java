package dev.spikeloop.cli.commands;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiskSpaceTest {
    @Test
    void anOutputLargerThanTheDiskIsRefusedUpFront(@TempDir Path dir) {
        Path f = dir.resolve("d.csv");
        assertDoesNotThrow(() -> DiskSpace.require(f, 1000, "--out d.csv"));
        String m = assertThrows(IllegalArgumentException.class,
                () -> DiskSpace.require(f, Long.MAX_VALUE / 2, "--out d.csv: 1 samples")).getMessage();
        assertTrue(m.startsWith("--out d.csv: 1 samples need about 4194304.0 TB of disk space, but the disk has "), m);
        assertEquals("1.5 GB", DiskSpace.size(3L << 29));
    }
}
