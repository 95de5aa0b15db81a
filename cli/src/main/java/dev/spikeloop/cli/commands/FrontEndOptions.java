package dev.spikeloop.cli.commands;

import dev.spikeloop.network.audio.FrontEndSettings;
import dev.spikeloop.network.audio.WavReader;
import picocli.CommandLine.Option;

/** The audio front end's options, shared by {@code dataset fsdd} and {@code dataset encode-audio} (docs/data.md). */
final class FrontEndOptions {
    private static final FrontEndSettings D = FrontEndSettings.DEFAULT;

    @Option(names = "--bands", description = "Band-pass channels (default: 16, the chip's audio inputs).")
    Integer bands;

    @Option(names = "--lowest-hz", paramLabel = "HZ", description = "Centre of the lowest band (default: 100).")
    Double lowestHz;

    @Option(names = "--highest-hz", paramLabel = "HZ",
            description = "Centre of the highest band (default: 0.8 x Nyquist, at most 17000).")
    Double highestHz;

    @Option(names = "--q", description = "Quality factor (centre / bandwidth) of every band (default: 4).")
    Double q;

    @Option(names = "--filter-order", description = "Butterworth order of each band-pass (default: 2).")
    Integer order;

    @Option(names = "--smoothing-hz", paramLabel = "HZ",
            description = "Envelope low-pass cut-off after rectification (default: 100).")
    Double smoothingHz;

    @Option(names = "--no-normalise", negatable = false, description = "Do not scale each recording to peak 1.")
    boolean noNormalise;

    @Option(names = "--gain", paramLabel = "SPIKES_PER_S",
            description = "Integrate-and-fire gain: spikes per second for a steady full-scale envelope (default: 5000).")
    Double gain;

    @Option(names = "--floor", description = "Envelope level (fraction of full scale) below which nothing fires (default: 0.01).")
    Double floor;

    @Option(names = "--step", paramLabel = "SECONDS", description = "Chip time step of the events (default: 0.010).")
    Double step;

    @Option(names = "--max-per-step", description = "Most spikes per channel and step (default: 15, the chip's limit).")
    Integer maxPerStep;

    @Option(names = "--stereo", defaultValue = "refuse", paramLabel = "refuse|mix",
            description = "Files with more than one channel: refuse them, or mix them to mono (one of: "
                    + "${COMPLETION-CANDIDATES}, any case; default: ${DEFAULT-VALUE}).")
    WavReader.Channels stereo;

    /** The settings: the defaults with every given option applied. */
    FrontEndSettings settings() {
        return new FrontEndSettings(or(bands, D.bands()), or(lowestHz, D.lowestCentreHz()),
                or(highestHz, D.highestCentreHz()), or(q, D.q()), or(order, D.filterOrder()),
                or(smoothingHz, D.smoothingHz()), !noNormalise && D.normalise(), or(gain, D.spikesPerUnit()),
                or(floor, D.floor()), or(step, D.step()), or(maxPerStep, D.maxPerStep()));
    }

    /** The stereo policy. */
    WavReader.Channels channels() {
        return stereo;
    }

    private static <T> T or(T v, T d) {
        return v != null ? v : d;
    }
}
