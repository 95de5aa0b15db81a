package dev.spikeloop.cli.commands;

import dev.spikeloop.network.spikedata.SpikeDatasetHdf5;
import dev.spikeloop.network.spikedata.SpikeTrainDataset;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spikeloop dataset info --data DATA.h5}: reads a spike data set, checks it, and prints its summary. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Read and check a spike data set (SHD/SSC or Spikeloop layout) and print its summary and load time.")
public final class DatasetInfoCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DATA.h5", description = "The spike data set.")
    Path data;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        SpikeTrainDataset d = SpikeDatasetHdf5.read(data);
        double load = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%s (%s), loaded and checked in %.2f s%n", data, DatasetSummaryText.fileSize(data),
                load);
        System.out.print(DatasetSummaryText.format(d));
        d.attributes().forEach((k, v) -> System.out.println(k + ": " + v));
        return 0;
    }
}
