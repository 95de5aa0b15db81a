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
 * {@code null} for none. The recurrent diagonal has no effect (the model ignores self-connections)
 * unless {@link LayerDetail#selfRecurrent()} says so.
 *
 * <p>{@code detail} holds what goes beyond one value per layer (per-neuron time constants and
 * thresholds, biases, self-connections, a non-spiking readout; see {@link LayerDetail}); the scalar
 * {@code tauSyn}, {@code tauMem}, {@code threshold} are then neuron 0's values, and code that reads
 * per-neuron values uses {@link #tauSynOf}, {@link #tauMemOf}, {@link #thresholdOf}, {@link #biasOf}.
 * Code that supports only the plain model checks {@link #isPlain()}.
 *
 * <p>The arrays are not copied, for speed when training updates large matrices: treat them as
 * immutable once the spec is built, and use {@link #withWeights} to change them. Validation happens
 * when the layer becomes part of a {@link FloatNetwork} (which knows the fan-in and the layer's place).
 */
public record LayerSpec(String name, int size, double tauSyn, double tauMem, double threshold,
                        double[][] weights, double[][] recurrent, LayerDetail detail) {

    public LayerSpec {
        detail = detail == null ? LayerDetail.PLAIN : detail;
    }

    /** A layer of the plain model (one time constant pair and threshold per layer, no bias). */
    public LayerSpec(String name, int size, double tauSyn, double tauMem, double threshold,
                     double[][] weights, double[][] recurrent) {
        this(name, size, tauSyn, tauMem, threshold, weights, recurrent, LayerDetail.PLAIN);
    }

    /** True when the layer has nothing beyond the plain model. */
    public boolean isPlain() {
        return detail.isPlain();
    }

    /** Synaptic time constant of neuron i. */
    public double tauSynOf(int i) {
        return detail.tauSyn() == null ? tauSyn : detail.tauSyn()[i];
    }

    /** Membrane time constant of neuron i. */
    public double tauMemOf(int i) {
        return detail.tauMem() == null ? tauMem : detail.tauMem()[i];
    }

    /** Threshold of neuron i. */
    public double thresholdOf(int i) {
        return detail.threshold() == null ? threshold : detail.threshold()[i];
    }

    /** Bias (constant membrane input) of neuron i; 0 without biases. */
    public double biasOf(int i) {
        return detail.bias() == null ? 0 : detail.bias()[i];
    }

    /** True when the recurrent weight from neuron i to itself is part of the network. */
    public boolean countsSelfConnections() {
        return detail.selfRecurrent();
    }

    /** False for a non-spiking (membrane) readout. */
    public boolean isSpiking() {
        return detail.spiking();
    }

    /** True when the layer has recurrent weights. */
    public boolean hasRecurrent() {
        return recurrent != null;
    }

    /** This layer with other weight matrices (not copied; {@code rec} may be null). */
    public LayerSpec withWeights(double[][] w, double[][] rec) {
        return new LayerSpec(name, size, tauSyn, tauMem, threshold, w, rec, detail);
    }

    /** This layer with another threshold (per-neuron thresholds are scaled by the same factor). */
    public LayerSpec withThreshold(double newThreshold) {
        double[] per = detail.threshold();
        if (per != null) {
            double f = newThreshold / threshold;
            per = per.clone();
            for (int i = 0; i < per.length; i++) {
                // neuron 0 carries the layer's value exactly (NetworkValidator), which f may miss by rounding
                per[i] = per[i] == threshold ? newThreshold : per[i] * f;
            }
        }
        return new LayerSpec(name, size, tauSyn, tauMem, newThreshold, weights, recurrent, detail.withThreshold(per));
    }

    /** This layer with other details (per-neuron values, bias, ...). */
    public LayerSpec withDetail(LayerDetail newDetail) {
        return new LayerSpec(name, size, tauSyn, tauMem, threshold, weights, recurrent, newDetail);
    }

    /** This layer with its own copies of the weight matrices. */
    public LayerSpec deepCopy() {
        return new LayerSpec(name, size, tauSyn, tauMem, threshold, copy(weights), copy(recurrent), detail.deepCopy());
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
                && Arrays.deepEquals(recurrent, other.recurrent)
                && detail.equals(other.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, size, tauSyn, tauMem, threshold,
                Arrays.deepHashCode(weights), Arrays.deepHashCode(recurrent), detail);
    }

    @Override
    public String toString() {
        return "LayerSpec[name=" + name + ", size=" + size + ", tauSyn=" + tauSyn + ", tauMem=" + tauMem
                + ", threshold=" + threshold + ", recurrent=" + hasRecurrent()
                + (isPlain() ? "" : ", detail=" + detail) + "]";
    }
}
