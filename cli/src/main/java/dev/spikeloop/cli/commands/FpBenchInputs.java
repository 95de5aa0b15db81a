package dev.spikeloop.cli.commands;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.io.InputSpikesCsv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The input samples of {@code bench fp --inputs DIR}: every {@code *.csv} in the directory, by name. */
final class FpBenchInputs {
    private FpBenchInputs() {
    }

    /**
     * Reads up to {@code limit} input spike files ({@code time,channel}) from {@code dir} in name order.
     *
     * @throws IllegalArgumentException if {@code dir} is not a directory or holds no {@code .csv} file; a
     *                                  bad file is reported by the CSV reader with its name and line
     */
    static List<InputSpikes> read(Path dir, FloatNetwork net, int limit) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--inputs " + dir + ": not a directory (expected a directory of"
                    + " input spike files, CSV 'time,channel')");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".csv") && Files.isRegularFile(p))
                    .sorted().limit(limit).toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("--inputs " + dir + ": no .csv input spike files in the directory");
        }
        List<InputSpikes> out = new ArrayList<>();
        for (Path f : files) {
            out.add(InputSpikesCsv.read(f, net.inputs()));
        }
        return out;
    }
}
