package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.io.FileErrors;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
        subcommands = {DatasetFsddCommand.class, DatasetEncodeAudioCommand.class, DatasetImportCommand.class,
                DatasetInfoCommand.class},
        description = {"Generate a labelled data set as CSV (x,y,label); the subcommands make spike data sets (docs/data.md).",
                "Yin-Yang (Kriener, Goltz, Petrovici 2021): use different seeds for training, validation "
                        + "and test; the usual sizes are 5000/1000/1000 (the published seeds were 42/41/40)."})
public final class DatasetCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Data set to generate: yinyang.")
    String name;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--size", defaultValue = "5000", description = "Number of samples (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Output CSV file (required).")
    Path out;

    /** Bytes one sample takes in the file at most: two shortest-round-trip doubles, a label, separators. */
    private static final long BYTES_PER_SAMPLE = 2 * 24 + 4;

    @Override
    public Integer call() throws java.io.IOException {
        // optional for picocli only, so that the subcommands (fsdd, encode-audio, ...) parse
        if (name == null || out == null) {
            throw new IllegalArgumentException("give NAME and --out, e.g. dataset yinyang --out FILE.csv, "
                    + "or a subcommand: fsdd, encode-audio, import, info");
        }
        if (!name.equalsIgnoreCase("yinyang")) {
            throw new IllegalArgumentException("unknown data set '" + name + "' (known: yinyang)");
        }
        if (size < 1) {
            throw new IllegalArgumentException("--size must be >= 1, got " + size);
        }
        long[] perClass = new long[YinYang.CLASSES];
        try (OutputSet outputs = new OutputSet()) {
            Path file = outputs.file("--out", out);
            DiskSpace.require(file, (long) size * BYTES_PER_SAMPLE, "--out " + out + ": " + size + " samples");
            // streamed sample by sample: any size needs the same memory
            try (FileOutputStream stream = new FileOutputStream(file.toFile())) {
                DatasetCsv.RowWriter rows = DatasetCsv.rowWriter(stream, LabelledDataset.PLANE_COLUMNS);
                double[] xy = new double[2];
                YinYang.stream(size, seed, (x, y, label) -> {
                    xy[0] = x;
                    xy[1] = y;
                    perClass[label]++;
                    try {
                        rows.row(xy, label);
                    } catch (IOException e) {
                        throw new UncheckedIOException(FileErrors.describe("write", out, e), e);
                    }
                });
                rows.flush();
                stream.getFD().sync();
            }
            outputs.commit();
        }
        System.out.println("wrote " + out + ": " + size + " Yin-Yang samples (seed " + seed + "), per class "
                + Arrays.toString(perClass));
        return 0;
    }
}
