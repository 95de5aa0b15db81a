package dev.spikeloop.emulator.bench;

import dev.spikeloop.chipconfig.io.AtomicFiles;
import dev.spikeloop.chipconfig.io.ChipConfigFiles;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.emulator.io.SpikeCsv;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the files of the whole-process timing in docs/benchmarks.md ("Against the anchors"): the
 * full-size network of {@code bench emulator} ({@link SyntheticNetwork#fullSize}, seed 1) as
 * {@code full.json} and {@code full.pb}, and 1000 steps of 100 Hz Poisson input ({@code in.csv}).
 *
 * <pre>./spikeloop bench emulator --write-files DIR</pre>
 */
public final class FullSizeFiles {
    private FullSizeFiles() {
    }

    /**
     * Writes {@code full.json}, {@code full.pb} and {@code in.csv} into {@code dir} (created if missing).
     *
     * @return a one-line summary of what was written
     */
    public static String write(Path dir) throws IOException {
        Files.createDirectories(dir);
        ChipConfig chip = SyntheticNetwork.fullSize(1).build();
        ChipConfigFiles.write(chip, dir.resolve("full.json"));
        ChipConfigFiles.write(chip, dir.resolve("full.pb"));
        SpikeRaster in = SyntheticInput.poisson(chip.getNumInputs(), 1000, 100, 0.001, 2);
        StringBuilder csv = new StringBuilder(SpikeCsv.INPUT_HEADER).append('\n');
        for (int k = 0; k < in.size(); k++) {
            csv.append(in.step(k)).append(',').append(in.neuron(k)).append(',').append(in.count(k)).append('\n');
        }
        AtomicFiles.writeString(dir.resolve("in.csv"), csv.toString());
        return "wrote " + dir.resolve("full.json") + " (" + Files.size(dir.resolve("full.json"))
                + " bytes), full.pb (" + Files.size(dir.resolve("full.pb")) + " bytes) and in.csv (" + in.size()
                + " input events)";
    }
}
