package dev.spikeloop.tests.files;

import dev.spikeloop.tests.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File-system errors name the user's path, the action and the reason; outputs keep modes and links (docs/files.md). */
class FileMessagesTest {
    @TempDir
    Path dir;

    private String err;

    private int run(String... args) {
        CommandRun r = CommandRun.run(args);
        err = r.err();
        return r.code();
    }

    @Test
    void badPathsAreNamedWithTheReason() throws IOException {
        Path file = Files.writeString(dir.resolve("d.csv"), "x");
        assertEquals(1, run("dataset", "yinyang", "--size", "10", "--out", file.resolve("x.csv").toString()));
        assertTrue(err.contains("--out " + file.resolve("x.csv") + ": " + file + " is a file, not a folder"), err);
        assertEquals(1, run("dataset", "yinyang", "--size", "10", "--out", ""));
        assertTrue(err.contains("--out: the path is empty; give a file name"), err);
        assertEquals(1, run("dataset", "yinyang", "--size", "10", "--out", dir.toString()));
        assertTrue(err.contains("--out " + dir + ": is a folder; give a file name"), err);

        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "x,y,label\n0.5,0.5,0 # caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(1, run("train", "--data", latin1.toString(), "--out", dir.resolve("m.json").toString()));
        assertTrue(err.contains("cannot read data set " + latin1 + ": not UTF-8 text (byte 0xe9 at offset"), err);
        assertFalse(err.contains("Input length"), err);

        Path folder = Files.createDirectory(dir.resolve("conf.pb"));
        Path data = Files.writeString(dir.resolve("data.csv"), "x,y,label\n0.5,0.5,0\n");
        assertEquals(1, run("eval", "--config", folder.toString(), "--data", data.toString()));
        assertTrue(err.contains("cannot read chip configuration " + folder + ": is a folder, not a file"), err);
        Path net = Files.createDirectory(dir.resolve("net.json"));
        assertEquals(1, run("simulate", "--model", net.toString(), "--input", latin1.toString(), "--out",
                dir.resolve("s.csv").toString()));
        assertTrue(err.contains("cannot read network " + net + ": is a folder, not a file"), err);
        Path nirFolder = Files.createDirectory(dir.resolve("net.nir"));
        assertEquals(1, run("compile", "--model", nirFolder.toString(), "--out", dir.resolve("c.pb").toString()));
        assertTrue(err.contains("cannot read NIR file " + nirFolder + ": is a folder, not a file"), err);
        assertEquals(1, run("emulate", "--config", "x.json", "--input", "", "--out", dir.resolve("o.csv").toString()));
        assertEquals(1, run("emulate", "--config", "../examples/emulator/tiny-chip.json", "--input", "",
                "--out", dir.resolve("o.csv").toString(), "--steps", "3"));
        assertTrue(err.contains("cannot read spike CSV: the path is empty"), err);
        assertEquals(java.util.List.of("conf.pb", "d.csv", "data.csv", "latin1.csv", "net.json", "net.nir"), names());
    }

    @Test
    void outputsKeepTheUmaskModeTheOldModeAndSymlinks() throws IOException {
        Path probe = dir.resolve("probe");
        Files.newByteChannel(probe, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)).close();
        Path fresh = dir.resolve("fresh.csv");
        assertEquals(0, run("dataset", "yinyang", "--size", "10", "--out", fresh.toString()), err);
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(fresh), "umask mode");

        Path shared = Files.writeString(dir.resolve("shared.csv"), "old");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-rw-r--"));
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), shared.getFileName());
        assertEquals(0, run("dataset", "yinyang", "--size", "10", "--out", link.toString()), err);
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertTrue(Files.readString(shared).startsWith("x,y,label"), "the link's target got the data");
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)));
    }

    private java.util.List<String> names() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
