package dev.spikeloop.chipconfig.io;

import dev.spikeloop.chipconfig.Configs;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.validate.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChipConfigFilesTest {
    @TempDir
    Path dir;

    private static final ChipConfig CONFIG = Configs.valid(3, 5, 2, 2);

    @Test
    void binaryRoundTrip() throws IOException {
        Path p = dir.resolve("chip.pb");
        ChipConfigFiles.write(CONFIG, p);
        assertEquals(CONFIG, ChipConfigFiles.read(p));
        assertArrayEquals(CONFIG.toByteArray(), Files.readAllBytes(p));
    }

    @Test
    void jsonRoundTripUsesLowerCamelCaseNamesAndPrintsZeros() throws IOException {
        ChipConfig withZeros = CONFIG.toBuilder().setWeightShiftIn(0).build();
        Path p = dir.resolve("chip.JSON");
        ChipConfigFiles.write(withZeros, p);
        String json = Files.readString(p);
        assertTrue(json.contains("\"weightsIn\"") && json.contains("\"dashSynOut\"")
                && json.contains("\"formatVersion\": 1") && json.contains("\"weightShiftIn\": 0"), json);
        assertEquals(withZeros, ChipConfigFiles.read(p));
    }

    @Test
    void jsonAndBinaryAgree() throws IOException {
        ChipConfigFiles.write(CONFIG, dir.resolve("a.json"));
        ChipConfigFiles.write(ChipConfigFiles.read(dir.resolve("a.json")), dir.resolve("a.pb"));
        assertEquals(CONFIG, ChipConfigFiles.read(dir.resolve("a.pb")));
    }

    @Test
    void emptyBiasesStayEmpty() throws IOException {
        ChipConfig noBias = CONFIG.toBuilder().clearBias().clearBiasOut().build();
        ChipConfigFiles.write(noBias, dir.resolve("b.json"));
        assertEquals(0, ChipConfigFiles.read(dir.resolve("b.json")).getBiasCount());
    }

    @Test
    void writeIsAtomicAndInvalidConfigsAreNotWritten() throws IOException {
        Path p = dir.resolve("chip.pb");
        ChipConfigFiles.write(CONFIG, p);
        ChipConfig bad = CONFIG.toBuilder().setDashMem(0, 20).build();
        var e = assertThrows(InvalidConfigException.class, () -> ChipConfigFiles.write(bad, p));
        assertTrue(e.getMessage().contains("dash_mem[0] = 20"), e.getMessage());
        assertEquals(CONFIG, ChipConfigFiles.read(p), "the old file is untouched");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void atomicWriteLeavesTheOldFileWhenTheWriterFails() throws IOException {
        Path p = dir.resolve("x.txt");
        AtomicFiles.writeString(p, "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(p, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(p));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
        AtomicFiles.writeString(dir.resolve("new/dir/y.txt"), "made");
        assertEquals("made", Files.readString(dir.resolve("new/dir/y.txt")));
    }

    @Test
    void readValidates() throws IOException {
        Path p = dir.resolve("bad.pb");
        Files.write(p, CONFIG.toBuilder().setNumSynapses(3).build().toByteArray());
        var e = assertThrows(InvalidConfigException.class, () -> ChipConfigFiles.read(p));
        assertTrue(e.getMessage().contains("bad.pb") && e.getMessage().contains("num_synapses = 3 (allowed: 1..2)"),
                e.getMessage());
    }

    @Test
    void malformedFilesAreReportedWithTheirName() throws IOException {
        Path json = dir.resolve("m.json");
        Files.writeString(json, "{\"numInputs\": 3, \"weightsIn\": [1, 2,");
        var e = assertThrows(IOException.class, () -> ChipConfigFiles.read(json));
        assertTrue(e.getMessage().contains("malformed JSON chip configuration") && e.getMessage().contains("m.json"),
                e.getMessage());

        Path unknown = dir.resolve("u.json");
        Files.writeString(unknown, "{\"numInputz\": 3}");
        var u = assertThrows(IOException.class, () -> ChipConfigFiles.read(unknown));
        assertTrue(u.getMessage().contains("numInputz"), u.getMessage());

        Path pb = dir.resolve("m.pb");
        Files.write(pb, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        var b = assertThrows(IOException.class, () -> ChipConfigFiles.read(pb));
        assertTrue(b.getMessage().contains("malformed binary chip configuration"), b.getMessage());
        assertFalse(b instanceof NoSuchFileException);
    }

    @Test
    void wrongExtensionAndMissingFile() {
        var e = assertThrows(IllegalArgumentException.class, () -> ChipConfigFiles.read(dir.resolve("chip.yaml")));
        assertTrue(e.getMessage().contains(".pb") && e.getMessage().contains(".json"), e.getMessage());
        var m = assertThrows(NoSuchFileException.class, () -> ChipConfigFiles.read(dir.resolve("none.pb")));
        assertTrue(m.getMessage().contains("none.pb"));
    }

    @Test
    void unknownFieldsAreRejectedInBinaryAsInJson() throws IOException {
        // field 99, varint 5: what a newer writer (or a corrupted file) could add
        byte[] extra = {(byte) (99 << 3 & 0x7f | 0x80), (byte) (99 >> 4), 5};
        byte[] bytes = java.util.Arrays.copyOf(CONFIG.toByteArray(), CONFIG.toByteArray().length + extra.length);
        System.arraycopy(extra, 0, bytes, bytes.length - extra.length, extra.length);
        Path p = dir.resolve("extra.pb");
        Files.write(p, bytes);
        IOException e = assertThrows(IOException.class, () -> ChipConfigFiles.read(p));
        assertEquals("malformed binary chip configuration " + p + ": unknown field number(s) [99] (not in schema "
                + "format_version 1; unknown fields are rejected in .pb as in .json)", e.getMessage());
    }
}
