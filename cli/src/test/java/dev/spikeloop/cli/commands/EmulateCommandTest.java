package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.io.ChipConfigFiles;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.cli.SpikeloopCli;
import dev.spikeloop.emulator.io.SpikeCsv;
import dev.spikeloop.chipconfig.spikes.EmulationResult;
import dev.spikeloop.emulator.xylo.XyloEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmulateCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = SpikeloopCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /**
     * One input, one hidden neuron, one output (hand-worked in GoldenVectorsTest): w_in 125 << 6 = 8000,
     * dash_syn 1 -> 4000 = 40 thresholds of 100 -> 31 spikes; then 24, 10, 5. The output (w 100,
     * threshold 1000) sees them a step late and fires once per step.
     */
    private Path handWorkedConfig() throws IOException {
        ChipConfig c = ChipConfig.newBuilder().setFormatVersion(1).setProfile("xylo-audio2").setDtSeconds(1e-3)
                .setNumInputs(1).setNumHidden(1).setNumSynapses(1).setNumOutputs(1)
                .addWeightsIn(125).addWeightsRec(0).addWeightsOut(100).setWeightShiftIn(6)
                .addDashMem(1).addDashSyn(1).addThreshold(100)
                .addDashMemOut(15).addDashSynOut(15).addThresholdOut(1000).build();
        Path p = dir.resolve("chip.pb");
        ChipConfigFiles.write(c, p);
        return p;
    }

    @Test
    void handWorkedNetworkThroughTheCommandLine() throws IOException {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "step,channel,count\n0,0,1\n");
        Path out = dir.resolve("out.csv");
        Path hid = dir.resolve("hid.csv");
        Path states = dir.resolve("states.csv");
        Path png = dir.resolve("raster.png");
        assertEquals(0, run("emulate", "--config", handWorkedConfig().toString(), "--input", in.toString(),
                "--steps", "4", "--out", out.toString(), "--hidden-out", hid.toString(), "--states-out",
                states.toString(), "--raster", png.toString()), err.toString());
        assertEquals("step,neuron,count\n1,0,1\n2,0,1\n3,0,1\n", Files.readString(out));
        assertEquals("step,neuron,count\n0,0,31\n1,0,24\n2,0,10\n3,0,5\n", Files.readString(hid));
        List<String> lines = Files.readAllLines(states);
        assertEquals(List.of("step,layer,neuron,vmem,isyn0,isyn1", "0,hidden,0,900,4000,", "0,output,0,0,0,",
                "1,hidden,0,50,2000,", "1,output,0,2099,3099,"), lines.subList(0, 5));
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 4);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head);
    }

    @Test
    void exampleRunsAndMatchesTheLibrary() throws IOException {
        Path config = Path.of("../examples/emulator/tiny-chip.json");
        Path input = Path.of("../examples/emulator/tiny-input.csv");
        Path out = dir.resolve("o.csv");
        Path hid = dir.resolve("h.csv");
        assertEquals(0, run("emulate", "--config", config.toString(), "--input", input.toString(), "--out",
                out.toString(), "--hidden-out", hid.toString()), err.toString());
        ChipConfig chip = ChipConfigFiles.read(config);
        var raster = SpikeCsv.readInput(input);
        EmulationResult r = new XyloEmulator(chip).run(raster, raster.endStep(), false);
        assertEquals(r.outputs(), SpikeCsv.readSpikes(out));
        assertEquals(r.hidden(), SpikeCsv.readSpikes(hid));
        assertTrue(r.hidden().totalCount() > 0 && r.outputs().totalCount() > 0, "the example is active");
    }

    @Test
    void hiddenSpikesAreCountedWithoutAHiddenFile() throws IOException {
        ChipConfig chip = ChipConfigFiles.read(Path.of("../examples/emulator/tiny-chip.json"));
        var raster = SpikeCsv.readInput(Path.of("../examples/emulator/tiny-input.csv"));
        Path out = dir.resolve("o.csv");
        StreamingEmulation.Result r = StreamingEmulation.run(new XyloEmulator(chip), raster, raster.endStep(), out,
                null, null, false);
        EmulationResult expected = new XyloEmulator(chip).run(raster, raster.endStep(), false);
        assertTrue(expected.hidden().totalCount() > 0, "the example is active");
        assertEquals(expected.hidden().totalCount(), r.hiddenSpikes());
        assertEquals(expected.outputs().totalCount(), r.outputSpikes());
        assertEquals(expected.outputs(), SpikeCsv.readSpikes(out));
    }

    @Test
    void malformedInputNamesTheLine() throws IOException {
        Path in = dir.resolve("bad.csv");
        Files.writeString(in, "step,channel,count\n0,0,1\n1,0\n");
        assertEquals(1, run("emulate", "--config", handWorkedConfig().toString(), "--input", in.toString(),
                "--out", dir.resolve("o.csv").toString()));
        assertTrue(err.toString().contains("spikeloop emulate: error: ") && err.toString().contains("bad.csv line 3"),
                err.toString());
        assertTrue(Files.notExists(dir.resolve("o.csv")));
    }

    @Test
    void channelOutsideTheChipAndInvalidConfig() throws IOException {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "step,channel,count\n0,1,1\n");
        assertEquals(1, run("emulate", "--config", handWorkedConfig().toString(), "--input", in.toString(),
                "--out", dir.resolve("o.csv").toString()));
        assertTrue(err.toString().contains("line 2: channel 1 is outside 0..0"), err.toString());

        Path bad = dir.resolve("bad.json");
        ChipConfig c = ChipConfigFiles.read(handWorkedConfig());
        Files.writeString(bad, ChipConfigFiles.toJson(c.toBuilder().setWeightShiftIn(8)
                .clearDashMem().addAllDashMem(Collections.nCopies(2, 1)).build()));
        assertEquals(1, run("emulate", "--config", bad.toString(), "--input", in.toString(),
                "--out", dir.resolve("o.csv").toString()));
        assertTrue(err.toString().contains("invalid chip configuration " + bad), err.toString());
        assertTrue(err.toString().contains("weight_shift_in = 8 (allowed: 0..7)")
                && err.toString().contains("dash_mem = length 2 (allowed: length 1)"), err.toString());
    }
}
