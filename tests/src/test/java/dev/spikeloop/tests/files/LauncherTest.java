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

/**
 * The ./spikeloop launcher finds its checkout when it is called through a symbolic link on PATH, and
 * passes its JVM options.
 */
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
        String jar = root.toRealPath().resolve("cli/target/spikeloop.jar").toString();
        // the serial collector by default (docs/benchmarks.md, "Against the anchors")
        assertEquals("java -XX:+UseSerialGC -jar " + jar + " --version", launch(bin, null));
        // ... unless SPIKELOOP_JAVA_OPTS picks a collector; other options keep the default
        assertEquals("java -Xmx1g -XX:+UseG1GC -jar " + jar + " --version", launch(bin, "-Xmx1g -XX:+UseG1GC"));
        assertEquals("java -XX:+UseSerialGC -Xmx1g -jar " + jar + " --version", launch(bin, "-Xmx1g"));
    }

    /** Runs {@code spikeloop --version} from / through PATH; returns what the fake java printed. */
    private static String launch(Path bin, String javaOpts) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "cd / && spikeloop --version").redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().remove("SPIKELOOP_JAVA_OPTS");
        if (javaOpts != null) {
            pb.environment().put("SPIKELOOP_JAVA_OPTS", javaOpts);
        }
        Process p = pb.start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
