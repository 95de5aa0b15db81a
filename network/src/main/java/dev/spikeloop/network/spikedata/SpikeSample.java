package dev.spikeloop.network.spikedata;

import dev.spikeloop.network.InputSpikes;
import java.util.Arrays;

/**
 * One labelled sample of a spike-train data set, as the Heidelberg spiking data sets store it: spike
 * {@code k} happens at {@code times[k]} seconds on input channel {@code channels[k]}. Times are
 * finite, {@code >= 0} and sorted ascending (several spikes may share a time, also on one channel).
 * {@code speaker} and {@code source} are optional metadata (empty when unknown): who spoke and the
 * file the sample came from. The arrays are not copied: treat them as immutable.
 */
public record SpikeSample(double[] times, int[] channels, int label, String speaker, String source) {

    public SpikeSample {
        if (times == null || channels == null) {
            throw new InvalidSpikeDataException("spike sample: times and channels are required");
        }
        if (times.length != channels.length) {
            throw new InvalidSpikeDataException("spike sample: " + times.length + " times but " + channels.length
                    + " channels");
        }
        for (int k = 0; k < times.length; k++) {
            double t = times[k];
            if (!Double.isFinite(t) || t < 0) {
                throw new InvalidSpikeDataException("spike " + k + ": time must be a finite number >= 0, got " + t);
            }
            if (k > 0 && t < times[k - 1]) {
                throw new InvalidSpikeDataException("spike " + k + ": times must be sorted ascending, " + t
                        + " follows " + times[k - 1]);
            }
            if (channels[k] < 0) {
                throw new InvalidSpikeDataException("spike " + k + ": channel must be >= 0, got " + channels[k]);
            }
        }
        if (label < 0) {
            throw new InvalidSpikeDataException("label must be >= 0, got " + label);
        }
        speaker = speaker == null ? "" : speaker;
        source = source == null ? "" : source;
    }

    /** A sample without metadata. */
    public static SpikeSample of(double[] times, int[] channels, int label) {
        return new SpikeSample(times, channels, label, "", "");
    }

    /** Number of spikes. */
    public int count() {
        return times.length;
    }

    /** Time of the last spike (0 without spikes). */
    public double lastTime() {
        return times.length == 0 ? 0 : times[times.length - 1];
    }

    /** Largest channel index used (-1 without spikes). */
    public int maxChannel() {
        int m = -1;
        for (int c : channels) {
            m = Math.max(m, c);
        }
        return m;
    }

    /** The spikes as per-channel trains for a network with {@code channelCount} inputs. */
    public InputSpikes toInputSpikes(int channelCount) {
        int[] n = new int[channelCount];
        for (int c : channels) {
            if (c >= channelCount) {
                throw new InvalidSpikeDataException("channel " + c + " is out of range, the data set has "
                        + channelCount + " channels (0.." + (channelCount - 1) + ")");
            }
            n[c]++;
        }
        double[][] per = new double[channelCount][];
        for (int c = 0; c < channelCount; c++) {
            per[c] = new double[n[c]];
        }
        int[] fill = new int[channelCount];
        for (int k = 0; k < times.length; k++) {
            per[channels[k]][fill[channels[k]]++] = times[k]; // times are sorted, so every train is too
        }
        return new InputSpikes(per);
    }

    /** The same spikes, label and metadata on other channels ({@code newChannels[k]} for spike {@code k}). */
    public SpikeSample withChannels(int[] newChannels) {
        return new SpikeSample(times, newChannels, label, speaker, source);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpikeSample s && label == s.label && speaker.equals(s.speaker) && source.equals(s.source)
                && Arrays.equals(times, s.times) && Arrays.equals(channels, s.channels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(times) + Arrays.hashCode(channels)) + label)
                + speaker.hashCode() * 7 + source.hashCode();
    }

    @Override
    public String toString() {
        return "SpikeSample[label=" + label + ", spikes=" + count() + ", speaker=" + speaker + ", source=" + source + "]";
    }
}
