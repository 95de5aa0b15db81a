package dev.spikeloop.driver.board;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.driver.link.LinkOptions;
import dev.spikeloop.driver.virtual.BoardSettings;
import dev.spikeloop.driver.virtual.VirtualBoard;
import dev.spikeloop.emulator.bench.ProfileNetwork;
import dev.spikeloop.chipconfig.spikes.EmulationResult;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** A virtual board of each profile reports it, refuses another profile's configuration and runs its own. */
class BoardProfilesTest {
    @ParameterizedTest
    @ValueSource(strings = {"xylo-audio2", "xylo-audio3", "xylo-imu"})
    void boardReportsItsProfileAndRefusesOthers(String name) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            ChipProfile p = ChipProfile.require(name);
            ChipProfile other = name.equals("xylo-imu") ? ChipProfile.XYLO_AUDIO2 : ChipProfile.XYLO_IMU;
            ChipConfig own = ProfileNetwork.build(p, 300, 4);
            ChipConfig foreign = ProfileNetwork.build(other, 50, 4);
            try (VirtualBoard board = VirtualBoard.startTcp(InetAddress.getLoopbackAddress(), 0,
                    BoardSettings.defaults().withProfile(p));
                 BoardClient client = BoardClient.open(board.address(), LinkOptions.defaults())) {
                assertEquals(name, client.info().chipProfile(), "IDENTIFY reports the chip");
                BoardException e = assertThrows(BoardException.class, () -> client.flash(foreign, ProgressListener.NONE));
                assertEquals("configuration is for chip profile '" + other.name() + "' but the board on "
                        + board.address() + " has a '" + name + "' chip; compile or import it with --chip " + name,
                        e.getMessage());
                client.flash(own, ProgressListener.NONE);
                int steps = 200;
                SpikeRaster input = TestNets.input(steps, 5);
                EmulationResult expected = TestNets.reference(own, input, steps, false);
                RunResult r = client.run(input, steps);
                assertEquals(expected.outputs(), r.outputs());
                assertEquals(expected.hidden(), r.hidden());
            }
        });
    }
}
