package dev.spikeloop.cli.commands;

import dev.spikeloop.network.audio.AudioDatasetBuilder;
import dev.spikeloop.network.audio.AudioFrontEnd;
import dev.spikeloop.network.audio.FrontEndSettings;
import dev.spikeloop.network.audio.LabelledAudio;
import dev.spikeloop.network.audio.WavReader;
import dev.spikeloop.network.spikedata.SpikeDatasetHdf5;
import dev.spikeloop.network.spikedata.SpikeTrainDataset;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * What {@code dataset fsdd} and {@code dataset encode-audio} share: encode a list of files on a
 * progress bar, write the data set, print the summary. Nothing is written when encoding fails.
 */
final class AudioEncodingRun {
    private AudioEncodingRun() {
    }

    static AudioDatasetBuilder.Result run(List<LabelledAudio> files, List<String> classNames,
                                          Map<String, String> attributes, FrontEndSettings settings,
                                          WavReader.Channels channels, int threads, boolean skipBad, Path out,
                                          PrintStream console) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no audio files to encode");
        }
        AudioDatasetBuilder builder = new AudioDatasetBuilder(new AudioFrontEnd(settings), channels, threads, skipBad);
        long t0 = System.nanoTime();
        AudioDatasetBuilder.Result r;
        try (ProgressBar bar = ProgressBars.build(new ProgressBarBuilder().setTaskName("encode")
                .setInitialMax(files.size()).setUpdateIntervalMillis(200).setMaxRenderedLength(100))) {
            r = builder.build(files, classNames, attributes, bar::stepTo);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        for (AudioDatasetBuilder.Skipped s : r.skipped()) {
            console.println("skipped " + s.message());
        }
        if (r.dataset().size() == 0) {
            throw new IllegalArgumentException("every file was skipped; nothing written");
        }
        long w0 = System.nanoTime();
        SpikeDatasetHdf5.write(r.dataset(), out);
        double writeSeconds = (System.nanoTime() - w0) / 1e9;
        console.print(DatasetSummaryText.format(r.dataset()));
        console.println("audio duration per sample (s): " + DatasetSummaryText.stats(r.durations(), "%.3f"));
        console.printf(Locale.ROOT, "audio: %.1f s in %d files (%d skipped); encoding took %.1f s on %d thread(s) "
                        + "(%.1f s of work: %.0fx real time per thread); writing %.2f s%n", r.audioSeconds(),
                r.dataset().size(), r.skipped().size(), wall, threads, r.cpuSeconds(),
                r.audioSeconds() / Math.max(1e-9, r.cpuSeconds()), writeSeconds);
        console.printf(Locale.ROOT, "wrote %s (%s)%n", out, DatasetSummaryText.fileSize(out));
        return r;
    }

    /** The default worker count: the available cores. */
    static int threads(Integer option) {
        int n = option != null ? option : Runtime.getRuntime().availableProcessors();
        if (n < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + n);
        }
        return n;
    }
}
