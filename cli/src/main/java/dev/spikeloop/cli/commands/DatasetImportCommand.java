package dev.spikeloop.cli.commands;

import dev.spikeloop.network.spikedata.ChannelPooling;
import dev.spikeloop.network.spikedata.SpikeDatasetHdf5;
import dev.spikeloop.network.spikedata.SpikeTrainDataset;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spikeloop dataset import --from SHD.h5 --out DATA.h5 [--channels 16]}: converts a spike data
 * set (e.g. SHD/SSC as published) to Spikeloop's layout, pooling channels for a chip with fewer inputs.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Convert a spike data set (SHD/SSC layout as published, or Spikeloop's) to Spikeloop's layout.",
                "--channels N pools neighbouring channels: channel c -> floor(c * N / C) (SHD: 700 -> 16 gives "
                        + "blocks of 43-44 cochlea channels)."})
public final class DatasetImportCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "IN.h5", description = "The data set to read.")
    Path from;

    @Option(names = "--out", required = true, paramLabel = "DATA.h5", description = "Output spike data set.")
    Path out;

    @Option(names = "--channels", paramLabel = "N", description = "Pool to N channels (default: keep them).")
    Integer channels;

    @Override
    public Integer call() {
        SpikeTrainDataset d = SpikeDatasetHdf5.read(from);
        if (channels != null && channels != d.channels()) {
            d = ChannelPooling.pool(d, channels);
        }
        SpikeDatasetHdf5.write(d, out);
        System.out.print(DatasetSummaryText.format(d));
        System.out.println("wrote " + out + " (" + DatasetSummaryText.fileSize(out) + ")");
        return 0;
    }
}
