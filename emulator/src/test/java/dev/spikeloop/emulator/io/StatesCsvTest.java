package dev.spikeloop.emulator.io;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.spikes.EmulationResult;
import dev.spikeloop.chipconfig.spikes.SpikeEvent;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.emulator.xylo.XyloEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatesCsvTest {
    @TempDir
    Path dir;

    /** One input, two hidden neurons with two synapses, one output; w_in(0 -> h1, s1) = 10, dashes 15. */
    private static ChipConfig net() {
        return ChipConfig.newBuilder().setFormatVersion(1).setProfile(ChipProfile.DEFAULT).setDtSeconds(1e-3)
                .setNumInputs(1).setNumHidden(2).setNumSynapses(2).setNumOutputs(1)
                .addAllWeightsIn(java.util.List.of(0, 0, 0, 10)).addAllWeightsRec(Collections.nCopies(8, 0))
                .addAllWeightsOut(java.util.List.of(0, 0)).addAllDashMem(java.util.List.of(15, 15))
                .addAllDashSyn(Collections.nCopies(4, 15)).addAllThreshold(java.util.List.of(100, 100))
                .addDashMemOut(15).addDashSynOut(15).addThresholdOut(100).build();
    }

    @Test
    void streamedAndRecordedStatesGiveTheSameFile() throws IOException {
        XyloEmulator emu = new XyloEmulator(net());
        SpikeRaster in = SpikeRaster.of(new SpikeEvent(0, 0, 1));
        EmulationResult recorded = emu.run(in, 2, true);
        Path file = dir.resolve("states.csv");
        SpikeCsv.writeStates(recorded.states(), file);
        // 10 -> 9 (decay floor), then v = 9; t1: 8, v = 9 - 1 + 8 = 16.
        assertEquals("""
                step,layer,neuron,vmem,isyn0,isyn1
                0,hidden,0,0,0,0
                0,hidden,1,9,0,9
                0,output,0,0,0,
                1,hidden,0,0,0,0
                1,hidden,1,16,0,8
                1,output,0,0,0,
                """, Files.readString(file));

        emu.reset();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SpikeCsv.StatesWriter writer = SpikeCsv.statesWriter(bytes, 2, 2, 1);
        emu.run(in, 2, writer);
        writer.flush();
        assertEquals(Files.readString(file), bytes.toString());
    }
}
