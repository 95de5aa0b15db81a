package dev.spikeloop.emulator.xylo;

import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.chipconfig.spikes.EmulationResult;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.emulator.bench.ProfileNetwork;
import dev.spikeloop.emulator.bench.SyntheticInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Full-size configurations of every profile run identically on the fast emulator and the dense reference. */
class EveryProfileEmulationTest {
    static List<ChipProfile> profiles() {
        return ChipProfile.all();
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void fullSizeConfigurationOfEveryProfileRuns(ChipProfile p) {
        ChipConfig c = ProfileNetwork.build(p, p.maxHidden(), 11);
        int steps = 40;
        SpikeRaster input = SyntheticInput.poisson(16, steps, 300, 1e-3, 3);
        EmulationResult fast = new XyloEmulator(c).run(input, steps, false);
        EmulationResult dense = new DenseReferenceEmulator(c).run(input, steps, false);
        assertEquals(dense.hidden(), fast.hidden());
        assertEquals(dense.outputs(), fast.outputs());
        assertTrue(fast.hidden().totalCount() > 50, "hidden activity " + fast.hidden().totalCount());
        // every output neuron of the profile is reachable: the widest ones beyond Audio 2's 8 spike too
        int widest = 0;
        for (int k = 0; k < fast.outputs().size(); k++) {
            widest = Math.max(widest, fast.outputs().neuron(k));
        }
        assertTrue(widest >= p.maxOutputs() / 2, p.name() + ": highest spiking output " + widest);
    }
}
