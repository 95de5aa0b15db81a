package dev.spikeloop.driver.board;

import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.driver.link.LinkOptions;
import dev.spikeloop.driver.link.LinkStats;
import dev.spikeloop.driver.virtual.BoardSettings;
import dev.spikeloop.driver.virtual.FaultPlan;
import dev.spikeloop.driver.virtual.FaultRelay;
import dev.spikeloop.driver.virtual.FaultRelay.Action;
import dev.spikeloop.driver.virtual.FaultRelay.Direction;
import dev.spikeloop.driver.virtual.VirtualBoard;
import dev.spikeloop.emulator.bench.SyntheticNetwork;
import dev.spikeloop.chipconfig.spikes.EmulationResult;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetAddress;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver against a relay that damages traffic: every damaged block is rejected (counted on
 * the receiving side), retried operations give exactly the clean link's results, and faults that
 * cannot be recovered from end in a clear error within the configured time.
 */
class FaultInjectionTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    /** Small frames make many frames from a small network, so every fault class gets exercised. */
    private static final BoardSettings SMALL_FRAMES = BoardSettings.defaults().withMaxPayload(1024).withMaxStepsPerRun(300);
    private static final LinkOptions FAST_RETRY = LinkOptions.defaults().withTimeout(Duration.ofMillis(150))
            .withRetries(10).withReconnectTimeout(Duration.ofSeconds(2));

    private static ChipConfig smallNet() {
        return new SyntheticNetwork(16, 60, 2, 4, 0.2, 11).build();
    }

    /** Runs flash + digest + two runs through a relay and checks results and rejection counts. */
    private static void flashAndRunThrough(FaultPlan plan) throws Exception {
        ChipConfig config = smallNet();
        int steps = 1200;
        SpikeRaster input = TestNets.input(steps, 12);
        EmulationResult expected = TestNets.reference(config, input, steps, false);
        assertTrue(expected.hidden().size() > 50, "test input must make hidden spikes");
        try (VirtualBoard board = VirtualBoard.startTcp(InetAddress.getLoopbackAddress(), 0, SMALL_FRAMES);
             FaultRelay relay = FaultRelay.start("127.0.0.1", board.port(), plan)) {
            LinkStats.Snapshot host;
            try (BoardClient client = BoardClient.open(relay.address(), FAST_RETRY)) {
                client.flash(config, ProgressListener.NONE);
                assertArrayEquals(BoardClient.digestOf(config), client.digest());
                client.reset();
                RunResult a = client.run(input.window(0, 700), 700);
                RunResult b = client.run(input.window(700, steps), steps - 700);
                String counts = relay.counts() + " | host " + client.stats() + " | board " + board.stats();
                assertEquals(expected.outputs(), a.outputs().merge(b.outputs().shift(700)), counts);
                assertEquals(expected.hidden(), a.hidden().merge(b.hidden().shift(700)), counts);
                host = client.stats();
            }
            Thread.sleep(100); // let the board finish reading what the relay passed last
            LinkStats.Snapshot boardStats = board.stats();
            String counts = relay.counts() + " | host " + host + " | board " + boardStats;
            assertEquals(relay.damagedBlocks(Direction.TO_HOST), host.rejectedTotal(), "host rejections: " + counts);
            assertEquals(relay.damagedBlocks(Direction.TO_BOARD), boardStats.rejectedTotal(),
                    "board rejections: " + counts);
            if (relay.count(Direction.TO_HOST, Action.DROPPED) + relay.count(Direction.TO_HOST, Action.CORRUPTED) > 0) {
                // Lost replies were asked for again and answered from the board's cache, never executed twice.
                assertTrue(boardStats.cachedReplies() > 0, counts);
            }
            System.out.println("fault test " + plan + ": " + counts);
        }
    }

    @Test
    void everyFaultClassAtOnceIsDetectedAndRecovered() {
        FaultPlan plan = FaultPlan.clean().withDrop(0.03).withCorrupt(0.04).withTruncate(0.03).withDuplicate(0.03)
                .withDelay(0.03, 20).withGarbage(0.03).withOversize(0.01).withSeed(42);
        assertTimeoutPreemptively(LIMIT, () -> flashAndRunThrough(plan));
    }

    /** Each fault class alone, often. */
    @ParameterizedTest
    @EnumSource(value = Action.class, names = {"DROPPED", "CORRUPTED", "TRUNCATED", "DUPLICATED", "DELAYED",
            "GARBAGE", "OVERSIZE"})
    void singleFaultClass(Action action) {
        FaultPlan base = FaultPlan.clean().withSeed(7);
        FaultPlan plan = switch (action) {
            case DROPPED -> base.withDrop(0.1);
            case CORRUPTED -> base.withCorrupt(0.15);
            case TRUNCATED -> base.withTruncate(0.15);
            case DUPLICATED -> base.withDuplicate(0.2);
            case DELAYED -> base.withDelay(0.05, 200); // longer than the timeout: the late reply turns stale
            case GARBAGE -> base.withGarbage(0.2);
            case OVERSIZE -> base.withOversize(0.05);
            default -> throw new IllegalArgumentException(action.toString());
        };
        assertTimeoutPreemptively(LIMIT, () -> flashAndRunThrough(plan));
    }

    @Test
    void cutConnectionIsReopenedAndTheOperationCompletes() {
        assertTimeoutPreemptively(LIMIT, () -> flashAndRunThrough(FaultPlan.clean().withCut(25, 2, false)));
    }

    @Test
    void stalledBoardEndsInTimeoutWithinTheBound() {
        assertTimeoutPreemptively(LIMIT, () -> {
            LinkOptions options = LinkOptions.defaults().withTimeout(Duration.ofMillis(200)).withRetries(2);
            try (VirtualBoard board = VirtualBoard.startTcp(0);
                 FaultRelay relay = FaultRelay.start("127.0.0.1", board.port(), FaultPlan.clean().withStallAfter(2));
                 BoardClient client = BoardClient.open(relay.address(), options)) {
                long start = System.nanoTime();
                BoardTimeoutException e = assertThrows(BoardTimeoutException.class, client::identify);
                long ms = (System.nanoTime() - start) / 1_000_000;
                // 3 attempts of 200 ms; the upper bound leaves room for a loaded machine, and is far from a hang.
                assertTrue(ms >= 550 && ms < 3000, "3 attempts of 200 ms took " + ms + " ms");
                assertTrue(e.getMessage().contains("did not answer IDENTIFY") && e.getMessage().contains("3 attempts"),
                        e.getMessage());
                assertEquals(3, client.stats().timeouts());
            }
        });
    }

    @Test
    void boardThatIsGoneEndsInDisconnectedError() {
        assertTimeoutPreemptively(LIMIT, () -> {
            LinkOptions options = LinkOptions.defaults().withTimeout(Duration.ofMillis(200)).withRetries(2)
                    .withReconnectTimeout(Duration.ofMillis(400));
            try (VirtualBoard board = VirtualBoard.startTcp(0);
                 FaultRelay relay = FaultRelay.start("127.0.0.1", board.port(), FaultPlan.clean());
                 BoardClient client = BoardClient.open(relay.address(), options)) {
                // The board vanishes once the client is open: the cable is cut and nothing answers a reconnect.
                // (Cutting by frame count instead depended on how many retries a cold JVM needed while opening.)
                relay.close();
                long start = System.nanoTime();
                BoardDisconnectedException e = assertThrows(BoardDisconnectedException.class, client::identify);
                long ms = (System.nanoTime() - start) / 1_000_000;
                // Documented bound: (retries + 1) * (timeout + reconnectTimeout) = 1.8 s, plus slack for load.
                assertTrue(ms < 1800 + 1500, "took " + ms + " ms");
                assertTrue(e.getMessage().contains("could not reopen"), e.getMessage());
            }
        });
    }

    @Test
    void boardOfAnotherProtocolVersionIsRefusedWithAClearMessage() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (VirtualBoard board = VirtualBoard.startTcp(InetAddress.getLoopbackAddress(), 0,
                    BoardSettings.defaults().withProtocolVersion(2))) {
                ProtocolVersionException e = assertThrows(ProtocolVersionException.class,
                        () -> BoardClient.open(board.address(), LinkOptions.defaults()).close());
                assertTrue(e.getMessage().contains("v2") && e.getMessage().contains("v1"), e.getMessage());
            }
        });
    }
}
