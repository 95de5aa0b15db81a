package dev.spikeloop.network.audio;

/**
 * Mono audio as numbers: {@code samples[n]} in [-1, 1] (full scale of the source encoding) at
 * {@code sampleRate} samples per second; {@code source} names where it came from. The array is not
 * copied: treat it as immutable.
 */
public record Waveform(double[] samples, double sampleRate, String source) {

    public Waveform {
        if (samples == null) {
            throw new IllegalArgumentException("waveform: samples are required");
        }
        if (!(sampleRate > 0) || !Double.isFinite(sampleRate)) {
            throw new IllegalArgumentException("waveform " + source + ": sample rate must be > 0, got " + sampleRate);
        }
        source = source == null ? "" : source;
    }

    /** Duration in seconds. */
    public double duration() {
        return samples.length / sampleRate;
    }

    /** Largest absolute sample value. */
    public double peak() {
        double p = 0;
        for (double v : samples) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }
}
