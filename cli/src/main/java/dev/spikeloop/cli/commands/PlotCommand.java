package dev.spikeloop.cli.commands;

import dev.spikeloop.cli.plot.AudioSamplePlots;
import dev.spikeloop.network.audio.AudioFrontEnd;
import dev.spikeloop.network.audio.FrontEndSettings;
import dev.spikeloop.network.audio.WavReader;
import dev.spikeloop.network.audio.Waveform;
import dev.spikeloop.network.spikedata.SpikeDatasetHdf5;
import dev.spikeloop.network.spikedata.SpikeSample;
import dev.spikeloop.network.spikedata.SpikeTrainDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spikeloop plot cochleagram|raster --data DATA.h5 --sample N --out X.png}: what the chip will see. */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Plot one sample of a spike data set.",
                "raster: the per-channel spike raster (with the waveform above it when the source recording is found).",
                "cochleagram: waveform, the front end's band envelopes and the raster (needs the source recording; "
                        + "the front end settings are read from the data set)."})
public final class PlotCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "cochleagram|raster", description = "What to plot.")
    String kind;

    @Option(names = "--data", required = true, paramLabel = "DATA.h5", description = "The spike data set.")
    Path data;

    @Option(names = "--sample", defaultValue = "0", paramLabel = "N", description = "Sample index (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--out", required = true, paramLabel = "X.png", description = "Output PNG.")
    Path out;

    @Option(names = "--audio", paramLabel = "DIR",
            description = "Folder of the source recordings (default: the data set's source_root attribute).")
    Path audioDir;

    @Override
    public Integer call() {
        boolean cochleagram = switch (kind.trim().toLowerCase(Locale.ROOT)) {
            case "cochleagram" -> true;
            case "raster" -> false;
            default -> throw new IllegalArgumentException("expected cochleagram or raster, got '" + kind + "'");
        };
        SpikeTrainDataset d = SpikeDatasetHdf5.read(data);
        if (sample < 0 || sample >= d.size()) {
            throw new IllegalArgumentException("--sample " + sample + " is out of range, " + data + " has " + d.size()
                    + " samples (0.." + (d.size() - 1) + ")");
        }
        SpikeSample s = d.sample(sample);
        Path wav = sourceFile(d, s);
        Waveform audio = null;
        if (wav != null && Files.isRegularFile(wav)) {
            audio = WavReader.read(wav, WavReader.Channels.MIX);
        } else if (cochleagram) {
            throw new IllegalArgumentException("sample " + sample + ": the cochleagram needs the source recording '"
                    + s.source() + "'" + (wav != null ? ", not found at " + wav : "") + "; give its folder with --audio DIR");
        }
        String label = d.classNames().isEmpty() ? Integer.toString(s.label()) : d.classNames().get(s.label());
        String title = String.format(Locale.ROOT, "sample %d: class %s%s%s", sample, label,
                s.speaker().isEmpty() ? "" : ", speaker " + s.speaker(), s.source().isEmpty() ? "" : " (" + s.source() + ")");
        double tEnd = Math.max(audio != null ? audio.duration() : 0, s.lastTime() + stepOf(d)) ;
        if (cochleagram) {
            String fe = d.attributes().get("frontend");
            FrontEndSettings settings = fe != null ? FrontEndSettings.parse(fe) : FrontEndSettings.DEFAULT;
            AudioSamplePlots.writeCochleagram(s, d.channels(), audio, new AudioFrontEnd(settings), tEnd, title, out);
        } else {
            AudioSamplePlots.writeRaster(s, d.channels(), audio, tEnd, title, out);
        }
        System.out.println("wrote " + out + (audio == null && !s.source().isEmpty()
                ? " (raster only: source recording not found, give --audio DIR)" : ""));
        return 0;
    }

    private Path sourceFile(SpikeTrainDataset d, SpikeSample s) {
        if (s.source().isEmpty()) {
            return null;
        }
        Path dir = audioDir != null ? audioDir
                : d.attributes().containsKey("source_root") ? Path.of(d.attributes().get("source_root")) : null;
        return dir == null ? Path.of(s.source()) : dir.resolve(s.source());
    }

    private static double stepOf(SpikeTrainDataset d) {
        try {
            return Double.parseDouble(d.attributes().getOrDefault("dt", "0.01"));
        } catch (NumberFormatException e) {
            return 0.01;
        }
    }
}
