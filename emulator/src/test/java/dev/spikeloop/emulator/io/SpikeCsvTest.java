package dev.spikeloop.emulator.io;

import dev.spikeloop.chipconfig.spikes.SpikeEvent;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpikeCsvTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path p = dir.resolve("in.csv");
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void repeatedRowsAddUpAndOrderDoesNotMatter() throws IOException {
        SpikeRaster r = SpikeCsv.readInput(file("step,channel,count\n3,1,2\n0,0,1\n3,1,5\n\n2,0,0\n"));
        assertEquals(SpikeRaster.of(new SpikeEvent(0, 0, 1), new SpikeEvent(3, 1, 7)), r);
    }

    @Test
    void writesSortedNonZeroRowsAndReadsThemBack() throws IOException {
        SpikeRaster r = SpikeRaster.of(new SpikeEvent(4, 2, 1), new SpikeEvent(0, 7, 31), new SpikeEvent(4, 0, 3));
        Path out = dir.resolve("sub/out.csv");
        SpikeCsv.writeSpikes(r, out);
        assertEquals("step,neuron,count\n0,7,31\n4,0,3\n4,2,1\n", Files.readString(out));
        assertEquals(r, SpikeCsv.readSpikes(out));
        try (var files = Files.list(out.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void malformedLinesNameTheirLineNumber() throws IOException {
        assertLine(3, "not an integer", "step,channel,count\n0,0,1\n1,x,1\n");
        assertLine(2, "expected 3 fields", "step,channel,count\n0,0\n");
        assertLine(2, "negative", "step,channel,count\n-1,0,1\n");
        assertLine(4, "too large", "step,channel,count\n0,0,1\n\n0,0,99999999999\n");
        assertLine(1, "expected the header", "step,neuron,count\n0,0,1\n");
        assertLine(1, "empty file", "");
    }

    @Test
    void rowsOutsideTheChipOrRunAreRejectedWithTheirLine() throws IOException {
        Path p = file("step,channel,count\n0,0,1\n1,16,1\n");
        var e = assertThrows(MalformedCsvException.class, () -> SpikeCsv.readInput(p, 16, 10));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("channel 16 is outside 0..15"), e.getMessage());
        Path q = file("step,channel,count\n10,0,1\n");
        var f = assertThrows(MalformedCsvException.class, () -> SpikeCsv.readInput(q, 16, 10));
        assertTrue(f.getMessage().contains("step 10 is outside the run of 10 step(s)"), f.getMessage());
    }

    @Test
    void missingFile() {
        var e = assertThrows(NoSuchFileException.class, () -> SpikeCsv.readInput(dir.resolve("nope.csv")));
        assertTrue(e.getMessage().contains("nope.csv"));
    }

    private void assertLine(int line, String words, String text) throws IOException {
        Path p = file(text);
        var e = assertThrows(MalformedCsvException.class, () -> SpikeCsv.readInput(p));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(words) && e.getMessage().contains("line " + line), e.getMessage());
    }
}
