package dev.spikeloop.runtime.train;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runtime's two jobs: nothing in the FP engine, the simulator or training uses the chip loop. */
class PackageLayersTest {

    @Test
    void fpEngineAndTrainingDoNotUseTheChipLoop() throws IOException {
        Path root = Path.of("src/main/java/dev/spikeloop/runtime");
        assertTrue(Files.isDirectory(root), "run from the runtime module: " + root.toAbsolutePath());
        List<String> offending = new ArrayList<>();
        for (String pkg : List.of("fp", "sim", "train")) {
            try (Stream<Path> files = Files.walk(root.resolve(pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(f)) {
                        String code = line.strip();
                        if (!code.startsWith("*") && !code.startsWith("//")
                                && code.contains("dev.spikeloop.runtime.loop")) {
                            offending.add(f + ": " + code);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), offending);
    }
}
