package dev.spikeloop.driver.board;

import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.driver.link.LinkOptions;
import dev.spikeloop.driver.virtual.VirtualBoard;
import dev.spikeloop.chipconfig.spikes.EmulationResult;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoardClientTcpTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @Test
    void flashVerifiesDigestAndRunMatchesEmulatorBitForBit() {
        assertTimeoutPreemptively(LIMIT, () -> {
            ChipConfig config = TestNets.medium(1);
            int steps = 3000;
            SpikeRaster input = TestNets.input(steps, 2);
            EmulationResult expected = TestNets.reference(config, input, steps, false);
            try (VirtualBoard board = VirtualBoard.startTcp(0);
                 BoardClient client = BoardClient.open(board.address(), LinkOptions.defaults())) {
                assertEquals("xylo-audio2", client.info().chipProfile());
                List<Long> progress = new ArrayList<>();
                client.flash(config, (done, total) -> progress.add(done));
                assertTrue(progress.size() > 2, "config spans several chunks: " + progress);
                assertEquals(config.toByteArray().length, progress.get(progress.size() - 1));
                assertArrayEquals(BoardClient.digestOf(config), client.digest());
                client.reset();
                RunResult r = client.run(input, steps);
                assertTrue(expected.hidden().size() > 100, "test input must make hidden spikes");
                assertEquals(expected.outputs(), r.outputs());
                assertEquals(expected.hidden(), r.hidden());
                assertEquals(0, client.stats().rejectedTotal());
            }
        });
    }

    @Test
    void runInPiecesContinuesStateAndStatesMatch() {
        assertTimeoutPreemptively(LIMIT, () -> {
            ChipConfig config = TestNets.medium(3);
            int steps = 400;
            SpikeRaster input = TestNets.input(steps, 4);
            EmulationResult expected = TestNets.reference(config, input, steps, true);
            try (VirtualBoard board = VirtualBoard.startTcp(0);
                 BoardClient client = BoardClient.open(board.address(), LinkOptions.defaults())) {
                client.flash(config, ProgressListener.NONE);
                RunResult first = client.run(input.window(0, 150), 150, true);
                RunResult second = client.run(input.window(150, steps), steps - 150, true);
                assertEquals(expected.hidden(), first.hidden().merge(second.hidden().shift(150)));
                assertEquals(expected.outputs(), first.outputs().merge(second.outputs().shift(150)));
                for (int t = 0; t < 150; t++) {
                    assertArrayEquals(expected.states().membrane(t),
                            java.util.Arrays.copyOfRange(first.states().membrane(), t * 200, (t + 1) * 200));
                }
                int last = steps - 1 - 150;
                assertArrayEquals(expected.states().synaptic(steps - 1),
                        java.util.Arrays.copyOfRange(second.states().synaptic(), last * 400, (last + 1) * 400));
                assertArrayEquals(expected.states().membrane(steps - 1),
                        client.readState().membrane());
            }
        });
    }

    @Test
    void runWithoutConfigIsABoardError() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (VirtualBoard board = VirtualBoard.startTcp(0);
                 BoardClient client = BoardClient.open(board.address(), LinkOptions.defaults())) {
                BoardErrorException e = assertThrows(BoardErrorException.class,
                        () -> client.run(SpikeRaster.empty(), 10));
                assertEquals(dev.spikeloop.driver.protocol.ErrorCode.NO_CONFIG, e.errorCode());
                assertThrows(BoardException.class, client::digest);
            }
        });
    }

    @Test
    void longRunStaysAliveThroughBusyKeepAlivesWithAShortTimeout() {
        assertTimeoutPreemptively(LIMIT, () -> {
            ChipConfig config = dev.spikeloop.emulator.bench.SyntheticNetwork.fullSize(9).build();
            int steps = 2000;
            SpikeRaster input = TestNets.input(steps, 10);
            EmulationResult expected = TestNets.reference(config, input, steps, false);
            // No retries and a timeout just above the BUSY interval: the run (over a second for this network)
            // succeeds only because BUSY keeps it alive.
            LinkOptions options = LinkOptions.defaults()
                    .withTimeout(Duration.ofMillis(dev.spikeloop.driver.protocol.Busy.INTERVAL_MS + 100)).withRetries(0);
            try (VirtualBoard board = VirtualBoard.startTcp(0)) {
                try (BoardClient flasher = BoardClient.open(board.address(), LinkOptions.defaults())) {
                    flasher.flash(config, ProgressListener.NONE);
                }
                try (BoardClient client = BoardClient.open(board.address(), options)) {
                    long t0 = System.nanoTime();
                    RunResult r = client.run(input, steps);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    assertEquals(expected.hidden(), r.hidden());
                    assertTrue(client.stats().busyFrames() >= ms / 400, "run took " + ms + " ms with "
                            + client.stats().busyFrames() + " BUSY frames");
                    assertEquals(0, client.stats().timeouts());
                }
            }
        });
    }
}
