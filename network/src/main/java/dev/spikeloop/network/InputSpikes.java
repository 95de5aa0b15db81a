package dev.spikeloop.network;

import java.util.Arrays;
import java.util.List;

/**
 * Input spike trains in float time: {@code times[c]} holds the spike times (seconds, finite,
 * {@code >= 0}, sorted ascending) of input channel {@code c}. Several spikes may share a time.
 * The arrays are not copied: treat them as immutable.
 */
public record InputSpikes(double[][] times) {

    public InputSpikes {
        if (times == null) {
            throw new InvalidNetworkException("input spikes: missing");
        }
        for (int c = 0; c < times.length; c++) {
            double[] t = times[c];
            if (t == null) {
                throw new InvalidNetworkException("input channel " + c + ": spike list is missing");
            }
            for (int k = 0; k < t.length; k++) {
                if (!Double.isFinite(t[k]) || t[k] < 0) {
                    throw new InvalidNetworkException("input channel " + c + " spike " + k
                            + ": time must be a finite number >= 0, got " + t[k]);
                }
                if (k > 0 && t[k] < t[k - 1]) {
                    throw new InvalidNetworkException("input channel " + c + " spike " + k
                            + ": times must be sorted ascending, " + t[k] + " follows " + t[k - 1]);
                }
            }
        }
    }

    /**
     * Builds the spike trains from (time, channel) pairs in any order; each pair is
     * {@code {time, channel}} with an integral channel in {@code [0, channels)}.
     */
    public static InputSpikes of(int channels, List<double[]> pairs) {
        if (channels < 0) {
            throw new InvalidNetworkException("input spikes: channel count must be >= 0, got " + channels);
        }
        int[] counts = new int[channels];
        for (int k = 0; k < pairs.size(); k++) {
            counts[channel(pairs.get(k), k, channels)]++;
        }
        double[][] times = new double[channels][];
        for (int c = 0; c < channels; c++) {
            times[c] = new double[counts[c]];
        }
        int[] fill = new int[channels];
        for (int k = 0; k < pairs.size(); k++) {
            double[] p = pairs.get(k);
            int c = channel(p, k, channels);
            times[c][fill[c]++] = p[0];
        }
        for (double[] t : times) {
            Arrays.sort(t);
        }
        return new InputSpikes(times);
    }

    private static int channel(double[] pair, int k, int channels) {
        if (pair == null || pair.length != 2) {
            throw new InvalidNetworkException("input spike " + k + ": expected a (time, channel) pair");
        }
        double c = pair[1];
        if (c != Math.rint(c) || c < 0 || c >= channels) {
            throw new InvalidNetworkException("input spike " + k + ": channel " + c
                    + " is out of range, the network has " + channels + " input channels (0.." + (channels - 1) + ")");
        }
        return (int) c;
    }

    /** Spike trains from per-channel times (copied and sorted). */
    public static InputSpikes ofTimes(double[]... perChannel) {
        double[][] copy = new double[perChannel.length][];
        for (int c = 0; c < perChannel.length; c++) {
            copy[c] = perChannel[c].clone();
            Arrays.sort(copy[c]);
        }
        return new InputSpikes(copy);
    }

    /** No spikes on {@code channels} channels. */
    public static InputSpikes empty(int channels) {
        double[][] times = new double[channels][];
        Arrays.fill(times, new double[0]);
        return new InputSpikes(times);
    }

    /** Number of channels. */
    public int channels() {
        return times.length;
    }

    /** Number of spikes later than {@code t} (e.g. after a network's {@code tEnd}, which it never sees). */
    public int countAfter(double t) {
        int n = 0;
        for (double[] channel : times) {
            for (double s : channel) {
                n += s > t ? 1 : 0;
            }
        }
        return n;
    }

    /** Number of spikes over all channels. */
    public int count() {
        int n = 0;
        for (double[] t : times) {
            n += t.length;
        }
        return n;
    }

    /** Spike times of one channel. */
    public double[] times(int channel) {
        return times[channel];
    }

    /** Throws unless these spikes fit a network with {@code inputs} channels. */
    public void requireChannels(int inputs) {
        if (times.length != inputs) {
            throw new InvalidNetworkException("input spikes have " + times.length
                    + " channels, the network has " + inputs + " inputs");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputSpikes other && Arrays.deepEquals(times, other.times);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(times);
    }

    @Override
    public String toString() {
        return "InputSpikes[channels=" + channels() + ", count=" + count() + "]";
    }
}
