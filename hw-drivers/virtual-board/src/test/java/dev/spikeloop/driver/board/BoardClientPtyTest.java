package dev.spikeloop.driver.board;

import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.driver.link.LinkOptions;
import dev.spikeloop.driver.virtual.BoardSettings;
import dev.spikeloop.driver.virtual.SocatPty;
import dev.spikeloop.driver.virtual.VirtualBoard;
import dev.spikeloop.chipconfig.spikes.EmulationResult;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real jssc serial path, over a socat pseudo-terminal pair. */
class BoardClientPtyTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @BeforeAll
    static void needSocat() {
        assumeTrue(SocatPty.available(), "socat is not installed: pseudo-terminal tests skipped "
                + "(install socat, e.g. 'apt-get install socat'; .ci/run does)");
    }

    @Test
    void flashAndRunOverPtyMatchEmulator() {
        assertTimeoutPreemptively(LIMIT, () -> {
            ChipConfig config = TestNets.medium(5);
            int steps = 2000;
            SpikeRaster input = TestNets.input(steps, 6);
            EmulationResult expected = TestNets.reference(config, input, steps, false);
            LinkOptions options = LinkOptions.defaults();
            try (SocatPty pty = SocatPty.start(dir.resolve("host"), dir.resolve("board"));
                 VirtualBoard board = VirtualBoard.startSerial(pty.boardDevice(), options, BoardSettings.defaults());
                 BoardClient client = BoardClient.open(pty.hostDevice(), options)) {
                assertEquals(pty.boardDevice(), board.address());
                client.flash(config, ProgressListener.NONE);
                assertArrayEquals(BoardClient.digestOf(config), client.digest());
                RunResult r = client.run(input, steps);
                assertEquals(expected.outputs(), r.outputs());
                assertEquals(expected.hidden(), r.hidden());
                assertEquals(0, client.stats().rejectedTotal());
                assertTrue(client.stats().framesReceived() > 3);
            }
        });
    }

    @Test
    void vanishedPtyEndsInDisconnectedErrorWithinTimeout() {
        assertTimeoutPreemptively(LIMIT, () -> {
            LinkOptions options = LinkOptions.defaults().withTimeout(Duration.ofMillis(300)).withRetries(1)
                    .withReconnectTimeout(Duration.ofMillis(500));
            SocatPty pty = SocatPty.start(dir.resolve("host"), dir.resolve("board"));
            try (VirtualBoard board = VirtualBoard.startSerial(pty.boardDevice(), options, BoardSettings.defaults());
                 BoardClient client = BoardClient.open(pty.hostDevice(), options)) {
                assertEquals(-1, board.port());
                pty.close();
                long start = System.nanoTime();
                BoardException e = assertThrows(BoardException.class, client::identify);
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertTrue(e instanceof BoardDisconnectedException || e instanceof BoardTimeoutException, e.toString());
                assertTrue(ms < 3_000, "failed after " + ms + " ms");
            } finally {
                pty.close();
            }
        });
    }

    @Test
    void reconnectsWhenThePortComesBack() {
        assertTimeoutPreemptively(LIMIT, () -> {
            LinkOptions options = LinkOptions.defaults().withTimeout(Duration.ofMillis(500)).withRetries(3)
                    .withReconnectTimeout(Duration.ofSeconds(5));
            Path host = dir.resolve("host");
            Path boardEnd = dir.resolve("board");
            SocatPty first = SocatPty.start(host, boardEnd);
            VirtualBoard board = VirtualBoard.startSerial(first.boardDevice(), options, BoardSettings.defaults());
            try (BoardClient client = BoardClient.open(first.hostDevice(), options)) {
                // Unplug: the device goes away, then comes back (a new pty pair under the same name) a bit later.
                board.close();
                first.close();
                Thread replug = new Thread(() -> {
                    try {
                        Thread.sleep(300);
                        SocatPty second = SocatPty.start(host, boardEnd);
                        VirtualBoard.startSerial(second.boardDevice(), options, BoardSettings.defaults());
                        replugged[0] = second;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                replug.start();
                assertEquals("virtual-0001", client.identify().boardId());
                assertTrue(client.stats().reconnects() >= 1, client.stats().toString());
                replug.join();
            } finally {
                board.close();
                first.close();
                if (replugged[0] != null) {
                    replugged[0].close();
                }
            }
        });
    }

    private final SocatPty[] replugged = new SocatPty[1];
}
