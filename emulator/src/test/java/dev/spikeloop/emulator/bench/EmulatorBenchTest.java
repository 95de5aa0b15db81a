package dev.spikeloop.emulator.bench;

import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.emulator.xylo.DenseReferenceEmulator;
import dev.spikeloop.chipconfig.spikes.EmulationResult;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.emulator.xylo.XyloEmulator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's network and a very short benchmark run (the timings themselves are not tested). */
class EmulatorBenchTest {
    @Test
    void fullSizeNetworkRunsIdenticallyOnBothEmulators() {
        ChipConfig c = SyntheticNetwork.fullSize(7).build();
        assertEquals(1000, c.getNumHidden());
        long nonZeroRec = c.getWeightsRecList().stream().filter(w -> w != 0).count();
        assertTrue(nonZeroRec > 0.022 * 2_000_000 && nonZeroRec <= 0.028 * 2_000_000,
                "about 2.8% recurrent weights, capped at Audio 2's fan-out: " + nonZeroRec);
        int steps = 60;
        SpikeRaster input = SyntheticInput.poisson(16, steps, 300, 1e-3, 8);
        EmulationResult fast = new XyloEmulator(c).run(input, steps, true);
        EmulationResult dense = new DenseReferenceEmulator(c).run(input, steps, true);
        assertTrue(fast.hidden().totalCount() > 100, "the network is active: " + fast.hidden().totalCount());
        assertEquals(dense.hidden(), fast.hidden());
        assertEquals(dense.outputs(), fast.outputs());
        assertEquals(dense.states(), fast.states());
    }

    @Test
    void shortBenchmarkReportsConsistentFigures() {
        List<String> progress = new ArrayList<>();
        EmulatorBench.Result r = EmulatorBench.run(new EmulatorBench.Settings(400, 20, 1, 100, 3), progress::add);
        assertTrue(r.identical());
        assertEquals(3, progress.size());
        assertTrue(r.fastSeconds() > 0 && r.denseSeconds() > 0 && r.fastCpuSeconds() > 0);
        assertEquals(r.fastStepsPerSecond() / r.denseStepsPerSecond(), r.speedup(), 1e-9);
        assertTrue(r.fastSynapticEvents() > r.denseSynapticEvents());
    }

    @Test
    void poissonInputHasTheRequestedRate() {
        SpikeRaster in = SyntheticInput.poisson(16, 20_000, 100, 1e-3, 1);
        double rate = in.totalCount() / 16.0 / 20.0;
        assertEquals(100, rate, 3);
    }
}
