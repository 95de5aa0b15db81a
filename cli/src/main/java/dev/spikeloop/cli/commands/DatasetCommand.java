package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.io.OutputSet;
import dev.spikeloop.network.data.DatasetCsv;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.data.YinYang;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/** {@code spikeloop dataset yinyang --seed S --size N --out FILE.csv}: writes a generated data set. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = {"Generate a labelled data set as CSV (x,y,label).",
                "Yin-Yang (Kriener, Goltz, Petrovici 2021): use different seeds for training, validation "
                        + "and test; the usual sizes are 5000/1000/1000 (the published seeds were 42/41/40)."})
public final class DatasetCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "Data set to generate: yinyang.")
    String name;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--size", defaultValue = "5000", description = "Number of samples (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Output CSV file.")
    Path out;

    @Override
    public Integer call() throws java.io.IOException {
        if (!name.equalsIgnoreCase("yinyang")) {
            throw new IllegalArgumentException("unknown data set '" + name + "' (known: yinyang)");
        }
        if (size < 1) {
            throw new IllegalArgumentException("--size must be >= 1, got " + size);
        }
        LabelledDataset data;
        try (OutputSet outputs = new OutputSet()) {
            Path file = outputs.file("--out", out);
            data = YinYang.generate(size, seed);
            DatasetCsv.write(data, file);
            outputs.commit();
        }
        System.out.println("wrote " + out + ": " + size + " Yin-Yang samples (seed " + seed + "), per class "
                + Arrays.toString(data.classCounts()));
        return 0;
    }
}
