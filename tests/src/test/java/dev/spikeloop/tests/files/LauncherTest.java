package dev.spikeloop.tests.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ./spikeloop launcher finds its checkout when it is called through a symbolic link on PATH. */
class LauncherTest {
    @Test
    void worksThroughASymlinkOnPath(@TempDir Path dir) throws Exception {
        Path launcher = Path.of(System.getProperty("user.dir")).resolve("../spikeloop").normalize();
        assertTrue(Files.isRegularFile(launcher), launcher.toString());
        // a checkout with a jar newer than every source (none), and a "java" that shows how it was called
        Path root = Files.createDirectories(dir.resolve("checkout"));
        Files.copy(launcher, root.resolve("spikeloop"));
        Files.createDirectories(root.resolve("cli/target"));
        Files.writeString(root.resolve("cli/target/spikeloop.jar"), "");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"java $*\"\n");
        Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        // ~/bin/spikeloop -> ../links/sl -> checkout/spikeloop: a chain with a relative link
        Path links = Files.createDirectories(dir.resolve("links"));
        Files.createSymbolicLink(links.resolve("sl"), root.resolve("spikeloop"));
        Files.createSymbolicLink(bin.resolve("spikeloop"), Path.of("../links/sl"));
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "cd / && spikeloop --version").redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = pb.start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals("java -jar " + root.toRealPath().resolve("cli/target/spikeloop.jar") + " --version", out);
        assertEquals(0, p.exitValue());
    }
}
