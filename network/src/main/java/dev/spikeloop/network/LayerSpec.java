package dev.spikeloop.network;

import java.util.Arrays;
import java.util.Objects;

/**
 * One population of current-based LIF neurons (see fp-lif-model.md): {@code size} neurons sharing
 * {@code tauSyn}, {@code tauMem} (seconds) and {@code threshold}.
 *
 * <p>{@code weights[i][j]} is the weight from neuron (or input channel) {@code j} of the previous
 * stage to neuron {@code i} of this layer ({@code size x fanIn}); {@code recurrent[i][j]} is the
 * weight from neuron {@code j} of this layer to neuron {@code i} ({@code size x size}), or
 * {@code null} for none. The recurrent diagonal has no effect (the model ignores self-connections).
 *
 * <p>The arrays are not copied, for speed when training updates large matrices: treat them as
 * immutable once the spec is built, and use {@link #withWeights} to change them. Validation happens
 * when the layer becomes part of a {@link FloatNetwork} (which knows the fan-in and the layer's place).
 */
public record LayerSpec(String name, int size, double tauSyn, double tauMem, double threshold,
                        double[][] weights, double[][] recurrent) {

    /** True when the layer has recurrent weights. */
    public boolean hasRecurrent() {
        return recurrent != null;
    }

    /** This layer with other weight matrices (not copied; {@code rec} may be null). */
    public LayerSpec withWeights(double[][] w, double[][] rec) {
        return new LayerSpec(name, size, tauSyn, tauMem, threshold, w, rec);
    }

    /** This layer with another threshold. */
    public LayerSpec withThreshold(double newThreshold) {
        return new LayerSpec(name, size, tauSyn, tauMem, newThreshold, weights, recurrent);
    }

    /** This layer with its own copies of the weight matrices. */
    public LayerSpec deepCopy() {
        return new LayerSpec(name, size, tauSyn, tauMem, threshold, copy(weights), copy(recurrent));
    }

    static double[][] copy(double[][] m) {
        if (m == null) {
            return null;
        }
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i] == null ? null : m[i].clone();
        }
        return c;
    }

    /** Compares the matrices by content (a record would compare array identities). */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LayerSpec other)) {
            return false;
        }
        return size == other.size
                && Double.compare(tauSyn, other.tauSyn) == 0
                && Double.compare(tauMem, other.tauMem) == 0
                && Double.compare(threshold, other.threshold) == 0
                && Objects.equals(name, other.name)
                && Arrays.deepEquals(weights, other.weights)
                && Arrays.deepEquals(recurrent, other.recurrent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, size, tauSyn, tauMem, threshold,
                Arrays.deepHashCode(weights), Arrays.deepHashCode(recurrent));
    }

    @Override
    public String toString() {
        return "LayerSpec[name=" + name + ", size=" + size + ", tauSyn=" + tauSyn + ", tauMem=" + tauMem
                + ", threshold=" + threshold + ", recurrent=" + hasRecurrent() + "]";
    }
}
