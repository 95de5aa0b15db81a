package dev.spikeloop.network.audio;

import dev.spikeloop.network.spikedata.SpikeSample;
import dev.spikeloop.network.spikedata.SpikeTrainDataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Encodes a list of labelled audio files with an {@link AudioFrontEnd} into a spike-train data set,
 * on several threads, keeping the list's order. A file that cannot be used either stops the build
 * (its {@link AudioInputException} names it) or, with {@code skipBad}, is left out and listed in
 * {@link Result#skipped()}.
 */
public final class AudioDatasetBuilder {
    private final AudioFrontEnd frontEnd;
    private final WavReader.Channels channels;
    private final int threads;
    private final boolean skipBad;

    /**
     * @param threads worker threads ({@code >= 1})
     * @param skipBad leave unusable files out instead of failing
     */
    public AudioDatasetBuilder(AudioFrontEnd frontEnd, WavReader.Channels channels, int threads, boolean skipBad) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.frontEnd = frontEnd;
        this.channels = channels;
        this.threads = threads;
        this.skipBad = skipBad;
    }

    /** A file left out, and why. */
    public record Skipped(String name, AudioInputException.Reason reason, String message) {
    }

    /**
     * The data set, the files left out, and the work done.
     *
     * @param audioSeconds total duration of the encoded audio
     * @param cpuSeconds   wall time summed over the encoding tasks (reading + front end), i.e. the
     *                     single-thread cost
     * @param durations    duration of each encoded recording, seconds, in data set order
     */
    public record Result(SpikeTrainDataset dataset, List<Skipped> skipped, double audioSeconds, double cpuSeconds,
                         double[] durations) {
    }

    private record One(SpikeSample sample, Skipped skipped, double duration, double seconds, double rate) {
    }

    /**
     * Encodes {@code files}; {@code classNames} names the labels (may be empty), {@code attributes}
     * go into the data set with the front end's settings; {@code progress} hears each finished file's
     * index count.
     */
    public Result build(List<LabelledAudio> files, List<String> classNames, Map<String, String> attributes,
                        IntConsumer progress) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "audio-encoder");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<One>> futures = new ArrayList<>(files.size());
            for (LabelledAudio f : files) {
                futures.add(pool.submit(() -> encode(f)));
            }
            List<SpikeSample> samples = new ArrayList<>(files.size());
            List<Skipped> skipped = new ArrayList<>();
            List<Double> durations = new ArrayList<>();
            double audio = 0;
            double cpu = 0;
            Double rate = null;
            String rateSource = null;
            for (int i = 0; i < futures.size(); i++) {
                One one = get(futures.get(i));
                cpu += one.seconds();
                if (one.skipped() != null) {
                    skipped.add(one.skipped());
                } else {
                    if (frontEnd.settings().highestCentreHz() == 0) {
                        // automatic band centres follow the sample rate: one data set must not mix them
                        if (rate == null) {
                            rate = one.rate();
                            rateSource = files.get(i).name();
                        } else if (rate != one.rate()) {
                            String msg = files.get(i).name() + ": sample rate " + one.rate() + " Hz differs from "
                                    + rate + " Hz of " + rateSource + "; with automatic band centres all files must "
                                    + "share one rate (or give the highest centre explicitly)";
                            if (!skipBad) {
                                throw new AudioInputException(AudioInputException.Reason.UNSUPPORTED_ENCODING, msg);
                            }
                            skipped.add(new Skipped(files.get(i).name(), AudioInputException.Reason.UNSUPPORTED_ENCODING,
                                    msg));
                            progress.accept(i + 1);
                            continue;
                        }
                    }
                    samples.add(one.sample());
                    durations.add(one.duration());
                    audio += one.duration();
                }
                progress.accept(i + 1);
            }
            Map<String, String> attrs = new LinkedHashMap<>(attributes);
            attrs.put("frontend", frontEnd.settings().describe());
            attrs.put("dt", Double.toString(frontEnd.settings().step()));
            if (rate != null) {
                attrs.put("sample_rate_hz", Double.toString(rate));
                attrs.put("band_centres_hz", frontEnd.describeBands(rate));
            }
            SpikeTrainDataset d = new SpikeTrainDataset(frontEnd.settings().bands(), classNames, samples, attrs);
            return new Result(d, List.copyOf(skipped), audio, cpu,
                    durations.stream().mapToDouble(Double::doubleValue).toArray());
        } finally {
            pool.shutdownNow();
        }
    }

    private One encode(LabelledAudio f) {
        long t0 = System.nanoTime();
        try {
            Waveform w = WavReader.read(f.path(), channels);
            AudioFrontEnd.Encoded e;
            try {
                e = frontEnd.encode(w);
            } catch (IllegalArgumentException ex) {
                throw new AudioInputException(AudioInputException.Reason.UNSUPPORTED_ENCODING, f.path() + ": "
                        + ex.getMessage());
            }
            SpikeSample s = new SpikeSample(e.times(), e.channels(), f.label(), f.speaker(), f.name());
            return new One(s, null, w.duration(), (System.nanoTime() - t0) / 1e9, w.sampleRate());
        } catch (AudioInputException ex) {
            if (!skipBad) {
                throw ex;
            }
            return new One(null, new Skipped(f.name(), ex.reason(), ex.getMessage()), 0,
                    (System.nanoTime() - t0) / 1e9, 0);
        }
    }

    private static One get(Future<One> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding audio", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
