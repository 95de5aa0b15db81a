package dev.spikeloop.emulator.xylo;

import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.chipconfig.spikes.EmulationResult;
import dev.spikeloop.chipconfig.spikes.StepObserver;

import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.emulator.io.SpikeCsv;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The emulator's memory does not grow with the steps of a run: spikes can stream to a file. */
class StreamingRunTest {
    @Test
    void streamedSpikesAreTheRunsSpikesInFileOrder() throws IOException {
        for (long seed = 1; seed <= 5; seed++) {
            ChipConfig config = RandomNets.config(seed, true, true);
            SpikeRaster in = RandomNets.input(seed, config.getNumInputs(), 300);
            EmulationResult r = new XyloEmulator(config).run(in, 300, false);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream hid = new ByteArrayOutputStream();
            SpikeCsv.SpikesWriter o = SpikeCsv.spikesWriter(out);
            SpikeCsv.SpikesWriter h = SpikeCsv.spikesWriter(hid);
            new XyloEmulator(config).stream(in, 300, o, h, null);
            o.flush();
            h.flush();
            Path a = Files.createTempFile("out", ".csv");
            Path b = Files.createTempFile("hid", ".csv");
            try {
                SpikeCsv.writeSpikes(r.outputs(), a);
                SpikeCsv.writeSpikes(r.hidden(), b);
                assertEquals(Files.readString(a), out.toString(StandardCharsets.UTF_8));
                assertEquals(Files.readString(b), hid.toString(StandardCharsets.UTF_8));
                assertEquals(r.outputs().totalCount(), o.totalCount());
            } finally {
                Files.delete(a);
                Files.delete(b);
            }
        }
    }

    /** Stops a run from inside; reaching it proves the run did not first allocate per step. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    @Test
    void theLongestRunStartsWithoutAllocatingForEveryStep() {
        ChipConfig config = RandomNets.config(3, true, true);
        int[] seen = new int[1];
        StepObserver stopAt = (step, m, s, mo, so) -> {
            seen[0] = step;
            if (step == 5000) {
                throw new Stop();
            }
        };
        // Until issue 18 the run reserved 3 ints per step up front: 24 GB here, an OutOfMemoryError.
        assertThrows(Stop.class, () -> new XyloEmulator(config).run(SpikeRaster.empty(), Integer.MAX_VALUE, stopAt));
        assertEquals(5000, seen[0]);
        assertThrows(Stop.class, () -> new XyloEmulator(config).stream(SpikeRaster.empty(), Integer.MAX_VALUE,
                (t, n, c) -> { }, (t, n, c) -> { }, stopAt));
    }
}
