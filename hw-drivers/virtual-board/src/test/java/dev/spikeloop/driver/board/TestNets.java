package dev.spikeloop.driver.board;

import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.emulator.bench.SyntheticInput;
import dev.spikeloop.emulator.bench.SyntheticNetwork;
import dev.spikeloop.chipconfig.spikes.EmulationResult;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.emulator.xylo.XyloEmulator;

/** Small test networks and inputs, and what the emulator makes of them (the reference). */
final class TestNets {
    private TestNets() {
    }

    /** 16 inputs, 200 hidden x 2 synapses, 8 outputs: a config of several frames. */
    static ChipConfig medium(long seed) {
        return new SyntheticNetwork(16, 200, 2, 8, 0.10, seed).build();
    }

    static SpikeRaster input(int steps, long seed) {
        return SyntheticInput.poisson(16, steps, 200, 1e-3, seed);
    }

    static EmulationResult reference(ChipConfig config, SpikeRaster input, int steps, boolean states) {
        return new XyloEmulator(config).run(input, steps, states);
    }
}
