package dev.spikeloop.driver.virtual;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A socat left running by a board killed with SIGKILL is ended when a board starts on the same links. */
class SocatOrphanTest {
    @Test
    void theNextStartReapsTheOrphan(@TempDir Path dir) throws Exception {
        assumeTrue(SocatPty.available(), "socat is not installed");
        Path host = dir.resolve("ttyHost");
        Path board = dir.resolve("ttyBoard");
        // what a killed board leaves: a socat on these links whose parent is gone
        Process orphan = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + host.toAbsolutePath(),
                "pty,raw,echo=0,link=" + board.toAbsolutePath()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 500 && !Files.exists(host); i++) {
            Thread.sleep(10);
        }
        Process other = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + dir.resolve("otherA").toAbsolutePath(),
                "pty,raw,echo=0,link=" + dir.resolve("otherB").toAbsolutePath())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (SocatPty pty = SocatPty.start(host, board)) {
            assertTrue(orphan.waitFor(3, TimeUnit.SECONDS), "the orphaned socat must be ended");
            assertTrue(pty.isAlive());
            assertTrue(other.isAlive(), "a socat on other links is not touched");
            assertEquals(0, SocatPty.reapOrphans(dir.resolve("none1").toAbsolutePath(),
                    dir.resolve("none2").toAbsolutePath()));
        } finally {
            orphan.destroyForcibly();
            other.destroyForcibly();
        }
        assertFalse(orphan.isAlive());
    }
}
