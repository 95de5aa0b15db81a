package dev.spikeloop.runtime.loop;

import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.driver.board.ProgressListener;
import dev.spikeloop.driver.virtual.VirtualBoard;
import dev.spikeloop.network.encode.SpikeEncoder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The emulator device and a board device (the virtual board over TCP) report the same spikes. */
class DeviceEquivalenceTest {

    @Test
    void emulatorAndVirtualBoardGiveTheSameRuns() throws Exception {
        Compilation c = NetworkCompiler.compile(LoopFixtures.network(5, 16), CompileOptions.defaults());
        ChipLayout layout = ChipLayout.of(c);
        LoopData data = LoopData.encode(LoopFixtures.yinYang(40, 9), SpikeEncoder.DEFAULT, layout.dt());
        try (VirtualBoard board = VirtualBoard.startTcp(0);
             Device emulator = Devices.open("emulator", Mismatch.NONE, ProgressListener.NONE);
             Device remote = Devices.open(board.address(), Mismatch.NONE, ProgressListener.NONE)) {
            emulator.apply(c.config());
            remote.apply(c.config());
            assertEquals(c.config(), remote.config());
            List<DeviceRun> a = emulator.run(data.rasters(), layout.steps());
            List<DeviceRun> b = remote.run(data.rasters(), layout.steps());
            assertEquals(a, b);
            long hiddenSpikes = a.stream().mapToLong(r -> r.hidden().totalCount()).sum();
            assertTrue(hiddenSpikes > 0, "the test network should spike");
            // Runs start from a reset: repeating gives the same result on both.
            assertEquals(a, remote.run(data.rasters(), layout.steps()));
            assertArrayEquals(new DeviceEvaluator(emulator, layout).evaluate(data).confusion(),
                    new DeviceEvaluator(remote, layout).evaluate(data).confusion());
            // the output membranes of every step (a membrane readout's decision), over the driver's state readout
            List<DeviceRun> am = emulator.run(data.rasters(new int[] {0, 1, 2}), layout.steps(), true);
            List<DeviceRun> bm = remote.run(data.rasters(new int[] {0, 1, 2}), layout.steps(), true);
            assertEquals(am, bm);
            assertEquals(layout.steps(), bm.get(0).requireMembranes().length);
            assertEquals(c.config().getNumOutputs(), bm.get(0).requireMembranes()[0].length);
            assertTrue(java.util.Arrays.stream(bm.get(0).requireMembranes()).flatMapToInt(java.util.Arrays::stream)
                    .anyMatch(v -> v != 0), "the output membranes move");
            assertEquals(a.subList(0, 3), bm.stream().map(r -> new DeviceRun(r.outputs(), r.hidden())).toList());
        }
    }

    @Test
    void runningBeforeAnyConfigurationIsAClearError() {
        try (Device d = new EmulatorDevice()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> d.run(List.of(), 10));
            assertTrue(e.getMessage().contains("no configuration"));
        }
    }
}
