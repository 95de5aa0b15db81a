package dev.spikeloop.chipconfig.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class OutputSetTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void nothingAppearsBeforeCommitAndEverythingAfter() throws IOException {
        Path a = dir.resolve("a.csv");
        Path plots = dir.resolve("plots");
        try (OutputSet set = new OutputSet()) {
            Path sa = set.file("--out", a, ".csv");
            Path sp = set.folder("--plots", plots);
            AtomicFiles.writeString(sa, "a");
            AtomicFiles.writeString(sp.resolve("p.png"), "p");
            AtomicFiles.writeString(sp.resolve("sub").resolve("q.png"), "q");
            assertFalse(Files.exists(a));
            assertFalse(Files.exists(plots));
            assertEquals(List.of(a, plots), set.commit());
        }
        assertEquals("a", Files.readString(a));
        assertEquals("p", Files.readString(plots.resolve("p.png")));
        assertEquals("q", Files.readString(plots.resolve("sub/q.png")));
        assertEquals(List.of("a.csv", "plots"), names());
    }

    @Test
    void aFailureBeforeCommitLeavesOldFilesAndNoNewOnes() throws IOException {
        Path old = dir.resolve("old.csv");
        Files.writeString(old, "sentinel");
        try (OutputSet set = new OutputSet()) {
            AtomicFiles.writeString(set.file("--out", old, ".csv"), "new");
            AtomicFiles.writeString(set.file("--b", dir.resolve("deep/new.csv")), "new");
            set.folder("--plots", dir.resolve("plots"));
            // no commit: the command failed
        }
        assertEquals("sentinel", Files.readString(old));
        assertEquals(List.of("old.csv"), names());
    }

    @Test
    void badPathsAreRefusedWithTheOptionAndTheReason() throws IOException {
        Path file = dir.resolve("d.csv");
        Files.writeString(file, "x");
        try (OutputSet set = new OutputSet()) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> set.file("--out", Path.of(""), ".csv"))
                    .getMessage().contains("--out: the path is empty"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> set.file("--config-out", dir.resolve("x.txt"),
                    ".pb", ".json")).getMessage().endsWith("must end in .pb or .json"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> set.file("--out", dir))
                    .getMessage().contains("is a folder"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> set.folder("--plots", file))
                    .getMessage().contains("is a file"));
            String m = assertThrows(IOException.class, () -> set.file("--out", file.resolve("x.csv"))).getMessage();
            assertTrue(m.contains("--out") && m.contains(file + " is a file, not a folder"), m);
            set.file("--out", dir.resolve("x.csv"));
            m = assertThrows(IllegalArgumentException.class,
                    () -> set.file("--hidden-out", dir.resolve("./y/../x.csv"))).getMessage();
            assertTrue(m.contains("are the same file"), m);
        }
        assertEquals(List.of("d.csv"), names());
    }

    @Test
    void anUnwritableFolderIsNamedWithTheReason() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes anywhere");
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try (OutputSet set = new OutputSet()) {
            String m = assertThrows(IOException.class, () -> set.file("--out", ro.resolve("c.pb"))).getMessage();
            assertTrue(m.contains("--out " + ro.resolve("c.pb")) && m.endsWith("permission denied"), m);
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aSymlinkIsWrittenThroughAndModesAreKept() throws IOException {
        Path real = dir.resolve("real.csv");
        Files.writeString(real, "old");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-rw-r--"));
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("real.csv"));
        Path fresh = dir.resolve("fresh.csv");
        try (OutputSet set = new OutputSet()) {
            AtomicFiles.writeString(set.file("--out", link), "new");
            AtomicFiles.writeString(set.file("--other", fresh), "f");
            set.commit();
        }
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
        // a new file gets what the umask leaves of rw-rw-rw-, as files made by other tools
        Path probe = dir.resolve("probe");
        Files.newByteChannel(probe, java.util.Set.of(java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)).close();
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(fresh));
    }

    @Test
    void atomicFilesKeepsModesAndLinksToo() throws IOException {
        Path real = dir.resolve("real.json");
        Files.writeString(real, "old");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-rw----"));
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real);
        AtomicFiles.writeString(link, "new");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
        String m = assertThrows(IOException.class, () -> AtomicFiles.writeString(real.resolve("x"), "y"))
                .getMessage();
        assertTrue(m.contains(real + " is a file, not a folder"), m);
        assertTrue(assertThrows(IOException.class, () -> AtomicFiles.writeString(Path.of(""), "y"))
                .getMessage().contains("empty path"));
    }

    @Test
    void anOutputNeverWrittenStopsTheCommitBeforeAnythingMoves() throws IOException {
        Path a = dir.resolve("a.csv");
        try (OutputSet set = new OutputSet()) {
            AtomicFiles.writeString(set.file("--out", a), "a");
            set.file("--report", dir.resolve("r.md"));
            assertThrows(IllegalStateException.class, set::commit);
        }
        assertEquals(List.of(), names());
    }

    @Test
    void aFailingRenamePutsBackTheFilesAlreadyReplaced() throws IOException {
        Path a = dir.resolve("a.csv");
        Files.writeString(a, "sentinel");
        Path b = dir.resolve("b.csv");
        Path fresh = dir.resolve("fresh.csv");
        try (OutputSet set = new OutputSet()) {
            AtomicFiles.writeString(set.file("--out", a), "new a");
            AtomicFiles.writeString(set.file("--fresh", fresh), "new");
            AtomicFiles.writeString(set.file("--hidden-out", b), "new b");
            Files.createDirectories(b.resolve("x")); // something takes b's name during the run
            String m = assertThrows(IOException.class, set::commit).getMessage();
            assertEquals("cannot write " + b.toRealPath() + ": is a folder now; no output was changed", m);
        }
        assertEquals("sentinel", Files.readString(a), "the file replaced first is put back");
        assertEquals(List.of("a.csv", "b.csv"), names(), "the new one is gone, no backup or staged file is left");
    }

    @Test
    void utf8ErrorsNameTheFileAndTheByte() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.write(bad, new byte[] {'a', ',', (byte) 0xff, '\n'});
        String m = assertThrows(IOException.class, () -> TextFiles.readUtf8(bad, "data set")).getMessage();
        assertEquals("cannot read data set " + bad + ": not UTF-8 text (byte 0xff at offset 2); save it as UTF-8", m);
        m = assertThrows(IOException.class, () -> TextFiles.readUtf8(dir, "data set")).getMessage();
        assertEquals("cannot read data set " + dir + ": is a folder, not a file", m);
        m = assertThrows(IOException.class, () -> TextFiles.readUtf8(dir.resolve("none"), "data set")).getMessage();
        assertEquals("cannot read data set " + dir.resolve("none") + ": no such file or folder", m);
    }
}
