package dev.spikeloop.runtime.fp;

import java.util.List;

/**
 * A loss and its gradient with respect to every parameter: {@code weights.get(l)} has the shape of
 * layer {@code l}'s weights, {@code recurrent.get(l)} the shape of its recurrent matrix (null where the
 * layer has none), {@code thresholds[l]} is dLoss/d(threshold of layer l). {@code guards} counts the
 * spikes that needed a guard (always zero for simulated spikes). {@code biases.get(l)} is dLoss/d(bias
 * of each neuron) for a layer with a bias field ({@code LayerDetail.bias()}), null for the others.
 */
public record Gradients(double loss, List<double[][]> weights, List<double[][]> recurrent, double[] thresholds,
                        GuardCounts guards, List<double[]> biases) {

    public Gradients {
        // Unmodifiable lists that may hold null entries (List.copyOf rejects nulls).
        weights = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(weights));
        recurrent = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(recurrent));
        biases = java.util.Collections.unmodifiableList(biases == null
                ? java.util.Arrays.asList(new double[weights.size()][]) : new java.util.ArrayList<>(biases));
    }

    /** Gradients of a network without bias fields (every entry of {@link #biases()} null). */
    public Gradients(double loss, List<double[][]> weights, List<double[][]> recurrent, double[] thresholds,
                     GuardCounts guards) {
        this(loss, weights, recurrent, thresholds, guards, null);
    }
}
