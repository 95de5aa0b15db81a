package dev.spikeloop.network.audio;

import java.util.Arrays;
import uk.me.berndporr.iirj.Butterworth;

/**
 * Turns audio into input spikes for a Xylo-class chip, in the spirit of the Xylo Audio front end:
 * <ol>
 *   <li>optional peak normalisation (a fixed gain per recording);</li>
 *   <li>a bank of {@code bands} Butterworth band-pass filters with log-spaced centre frequencies and
 *       a common Q (designed by the iirj library);</li>
 *   <li>full-wave rectification and a first-order Butterworth low-pass: the band's envelope
 *       {@code e(t)};</li>
 *   <li>per band, an integrate-and-fire encoder: {@code v += spikesPerUnit * max(0, e - floor) / fs}
 *       per audio sample; at the end of each chip step {@code k} the band emits
 *       {@code n = min(floor(v), maxPerStep)} spikes stamped {@code k * step}, and {@code v} keeps the
 *       remainder (when the cap cut spikes off, less than one threshold).</li>
 * </ol>
 * The output is therefore already on the chip's grid: at most {@code maxPerStep} events per channel
 * and step. The class is stateless; one instance may encode on several threads.
 */
public final class AudioFrontEnd {
    private final FrontEndSettings settings;

    public AudioFrontEnd(FrontEndSettings settings) {
        this.settings = settings;
    }

    /** The settings. */
    public FrontEndSettings settings() {
        return settings;
    }

    /** Spikes of one recording: times (seconds, ascending, multiples of the step) and channels. */
    public record Encoded(double[] times, int[] channels, double duration, int steps) {
        /** Number of spikes. */
        public int count() {
            return times.length;
        }
    }

    /** The band envelopes of {@code audio}: {@code [band][sample]}, at the audio rate. */
    public double[][] envelopes(Waveform audio) {
        double fs = audio.sampleRate();
        double[] centres = settings.centresFor(fs);
        double[] x = audio.samples();
        double gain = 1.0;
        if (settings.normalise()) {
            double peak = audio.peak();
            gain = peak > 0 ? 1.0 / peak : 1.0;
        }
        double[][] env = new double[centres.length][x.length];
        for (int b = 0; b < centres.length; b++) {
            Butterworth band = new Butterworth();
            band.bandPass(settings.filterOrder(), fs, centres[b], centres[b] / settings.q());
            Butterworth smooth = new Butterworth();
            smooth.lowPass(1, fs, Math.min(settings.smoothingHz(), 0.45 * fs));
            double[] e = env[b];
            for (int n = 0; n < x.length; n++) {
                e[n] = smooth.filter(Math.abs(band.filter(gain * x[n])));
            }
        }
        return env;
    }

    /** The chip-step spike counts {@code [step][band]} of the envelopes. */
    public int[][] counts(double[][] env, double sampleRate) {
        int samples = env.length == 0 ? 0 : env[0].length;
        double step = settings.step();
        int steps = (int) Math.ceil(samples / sampleRate / step - 1e-9);
        int[][] counts = new int[steps][env.length];
        double perSample = settings.spikesPerUnit() / sampleRate;
        double floor = settings.floor();
        int cap = settings.maxPerStep();
        for (int b = 0; b < env.length; b++) {
            double v = 0;
            double[] e = env[b];
            int n = 0;
            for (int k = 0; k < steps; k++) {
                int end = (int) Math.min(samples, Math.round((k + 1) * step * sampleRate));
                for (; n < end; n++) {
                    double drive = e[n] - floor;
                    if (drive > 0) {
                        v += perSample * drive;
                    }
                }
                int fire = (int) Math.floor(v);
                if (fire > cap) {
                    fire = cap;
                    v = Math.min(v - fire, 1.0 - 1e-12); // saturated: the excess is dropped
                } else {
                    v -= fire;
                }
                counts[k][b] = fire;
            }
        }
        return counts;
    }

    /** Encodes one recording. */
    public Encoded encode(Waveform audio) {
        int[][] counts = counts(envelopes(audio), audio.sampleRate());
        int total = 0;
        for (int[] row : counts) {
            for (int c : row) {
                total += c;
            }
        }
        double[] times = new double[total];
        int[] channels = new int[total];
        int at = 0;
        for (int k = 0; k < counts.length; k++) {
            double t = k * settings.step();
            for (int b = 0; b < counts[k].length; b++) {
                for (int r = 0; r < counts[k][b]; r++) {
                    times[at] = t;
                    channels[at++] = b;
                }
            }
        }
        return new Encoded(times, channels, audio.duration(), counts.length);
    }

    @Override
    public String toString() {
        return "AudioFrontEnd[" + settings.describe() + "]";
    }

    /** The band centres, rounded to Hz, for audio at {@code sampleRate} (for messages and docs). */
    public String describeBands(double sampleRate) {
        return Arrays.toString(Arrays.stream(settings.centresFor(sampleRate)).map(Math::rint).toArray());
    }
}
