package dev.spikeloop.cli.commands;

import dev.spikeloop.network.audio.AudioFrontEnd;
import dev.spikeloop.network.audio.FrontEndSettings;
import dev.spikeloop.network.audio.WavReader;
import dev.spikeloop.network.audio.Waveform;
import dev.spikeloop.network.fsdd.FsddFolder;
import dev.spikeloop.network.fsdd.FsddRecording;
import dev.spikeloop.network.fsdd.FsddSplit;
import dev.spikeloop.network.spikedata.SpikeDatasetHdf5;
import dev.spikeloop.network.spikedata.SpikeSample;
import dev.spikeloop.network.spikedata.SpikeTrainDataset;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spikeloop bench audio --from FSDD_DIR}: the audio front end's single-thread throughput
 * against real time, and the size and load time of the resulting data set (docs/benchmarks.md).
 */
@Command(name = "audio", mixinStandardHelpOptions = true,
        description = {"Audio front end on one thread: seconds of audio encoded per second (x real time), "
                + "reading the WAVs and the front end timed apart; then the data set's file size and load time."})
public final class BenchAudioCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "An FSDD folder (or any folder of FSDD-named WAVs).")
    Path from;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed passes; the fastest counts (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() throws IOException {
        List<FsddRecording> recs = FsddFolder.scan(from, FsddSplit.ALL, FsddSplit.IndexRange.DEFAULT_VALIDATION).recordings();
        if (recs.isEmpty()) {
            throw new IllegalArgumentException(from + ": no FSDD recordings");
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        AudioFrontEnd fe = new AudioFrontEnd(FrontEndSettings.DEFAULT);
        List<Waveform> audio = new ArrayList<>();
        long r0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        double seconds = 0;
        for (FsddRecording r : recs) {
            Waveform w = WavReader.read(r.path(), WavReader.Channels.REFUSE);
            audio.add(w);
            seconds += w.duration();
        }
        double readWall = (System.nanoTime() - r0) / 1e9;
        double readCpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        for (int i = 0; i < Math.min(200, audio.size()); i++) {
            fe.encode(audio.get(i)); // JIT warm-up
        }
        double bestWall = Double.POSITIVE_INFINITY;
        double bestCpu = Double.POSITIVE_INFINITY;
        List<SpikeSample> samples = new ArrayList<>();
        for (int rep = 0; rep < Math.max(1, repeats); rep++) {
            samples.clear();
            long t0 = System.nanoTime();
            long cpu0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < audio.size(); i++) {
                AudioFrontEnd.Encoded e = fe.encode(audio.get(i));
                FsddRecording r = recs.get(i);
                samples.add(new SpikeSample(e.times(), e.channels(), r.digit(), r.speaker(), r.name()));
            }
            bestWall = Math.min(bestWall, (System.nanoTime() - t0) / 1e9);
            bestCpu = Math.min(bestCpu, (mx.getCurrentThreadCpuTime() - cpu0) / 1e9);
        }
        SpikeTrainDataset d = new SpikeTrainDataset(16, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                samples, Map.of("frontend", FrontEndSettings.DEFAULT.describe()));
        Path tmp = Files.createTempFile("bench-audio", ".h5");
        try {
            long w0 = System.nanoTime();
            SpikeDatasetHdf5.write(d, tmp);
            double write = (System.nanoTime() - w0) / 1e9;
            double load = Double.POSITIVE_INFINITY;
            for (int rep = 0; rep < Math.max(1, repeats); rep++) {
                long l0 = System.nanoTime();
                SpikeTrainDataset back = SpikeDatasetHdf5.read(tmp);
                load = Math.min(load, (System.nanoTime() - l0) / 1e9);
                if (!back.equals(d)) {
                    throw new IllegalStateException("the data set read back differs from the one written");
                }
            }
            System.out.printf(Locale.ROOT, "%d recordings, %.1f s of audio, %d spikes%n", recs.size(), seconds,
                    d.spikeCount());
            System.out.printf(Locale.ROOT, "read WAVs (1 thread):   %.2f s wall, %.2f s CPU: %.0fx real time (CPU)%n",
                    readWall, readCpu, seconds / readCpu);
            System.out.printf(Locale.ROOT, "front end (1 thread):   %.2f s wall, %.2f s CPU: %.0fx real time (CPU), "
                    + "%.0fx (wall); fastest of %d%n", bestWall, bestCpu, seconds / bestCpu, seconds / bestWall, repeats);
            System.out.printf(Locale.ROOT, "data set file:          %.1f MB, written in %.2f s, loaded and checked in "
                    + "%.2f s (fastest of %d), identical on reading%n", Files.size(tmp) / 1e6, write, load, repeats);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return 0;
    }
}
