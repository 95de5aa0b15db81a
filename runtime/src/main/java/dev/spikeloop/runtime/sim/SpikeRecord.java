package dev.spikeloop.runtime.sim;

import java.util.Arrays;

/**
 * Every spike of every neuron of a simulated (or measured) network.
 *
 * <p>{@code times[layer][neuron]} holds the spike times of one neuron in ascending order and
 * {@code slopes[layer][neuron][k]} the membrane slope dV/dt just before its k-th spike (NaN when
 * unknown, e.g. for spike times measured on a chip). Layer 0 is the first layer after the inputs,
 * the last layer is the output layer. The arrays are not copied: treat them as immutable.
 */
public record SpikeRecord(double[][][] times, double[][][] slopes) {

    public SpikeRecord {
        if (times == null || slopes == null) {
            throw new IllegalArgumentException("spike record: times and slopes are required");
        }
        if (times.length != slopes.length) {
            throw new IllegalArgumentException("spike record: " + times.length + " layers of times but "
                    + slopes.length + " of slopes");
        }
        for (int l = 0; l < times.length; l++) {
            if (times[l].length != slopes[l].length) {
                throw new IllegalArgumentException("spike record layer " + l + ": " + times[l].length
                        + " neurons of times but " + slopes[l].length + " of slopes");
            }
            for (int i = 0; i < times[l].length; i++) {
                if (times[l][i].length != slopes[l][i].length) {
                    throw new IllegalArgumentException("spike record layer " + l + " neuron " + i + ": "
                            + times[l][i].length + " times but " + slopes[l][i].length + " slopes");
                }
            }
        }
    }

    /**
     * A record of spike times whose slopes are unknown (NaN), e.g. spike times read from a chip.
     * Each neuron's times are copied and sorted ascending.
     */
    public static SpikeRecord fromTimes(double[][][] times) {
        double[][][] t = new double[times.length][][];
        double[][][] s = new double[times.length][][];
        for (int l = 0; l < times.length; l++) {
            t[l] = new double[times[l].length][];
            s[l] = new double[times[l].length][];
            for (int i = 0; i < times[l].length; i++) {
                t[l][i] = times[l][i].clone();
                Arrays.sort(t[l][i]);
                s[l][i] = new double[t[l][i].length];
                Arrays.fill(s[l][i], Double.NaN);
            }
        }
        return new SpikeRecord(t, s);
    }

    /** Number of layers. */
    public int layers() {
        return times.length;
    }

    /** Spike times of one neuron (ascending; the array itself, not a copy). */
    public double[] times(int layer, int neuron) {
        return times[layer][neuron];
    }

    /** First spike time of one neuron, {@code +Infinity} if it is silent. */
    public double first(int layer, int neuron) {
        double[] t = times[layer][neuron];
        return t.length == 0 ? Double.POSITIVE_INFINITY : t[0];
    }

    /** First spike time of every neuron of one layer ({@code +Infinity} for silent neurons). */
    public double[] firstSpikes(int layer) {
        double[] f = new double[times[layer].length];
        for (int i = 0; i < f.length; i++) {
            f[i] = first(layer, i);
        }
        return f;
    }

    /** Total number of spikes over all layers and neurons. */
    public int count() {
        int n = 0;
        for (double[][] layer : times) {
            for (double[] t : layer) {
                n += t.length;
            }
        }
        return n;
    }

    /** Number of spikes of one layer. */
    public int count(int layer) {
        int n = 0;
        for (double[] t : times[layer]) {
            n += t.length;
        }
        return n;
    }

    /** Spike times of the output (last) layer. */
    public double[][] outputTimes() {
        return times[times.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpikeRecord other && Arrays.deepEquals(times, other.times)
                && Arrays.deepEquals(slopes, other.slopes);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(times) * 31 + Arrays.deepHashCode(slopes);
    }

    @Override
    public String toString() {
        return "SpikeRecord[layers=" + times.length + ", spikes=" + count() + "]";
    }
}
