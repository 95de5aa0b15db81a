package dev.spikeloop.runtime.fp;

import java.util.List;

/**
 * A loss and its gradient with respect to every parameter: {@code weights.get(l)} has the shape of
 * layer {@code l}'s weights, {@code recurrent.get(l)} the shape of its recurrent matrix (null where the
 * layer has none), {@code thresholds[l]} is dLoss/d(threshold of layer l). {@code guards} counts the
 * spikes that needed a guard (always zero for simulated spikes). {@code biases.get(l)} is dLoss/d(bias
 * of each neuron) for a layer with a bias field ({@code LayerDetail.bias()}), null for the others.
 * {@code weights2.get(l)} and {@code recurrent2.get(l)} are the gradients of a second synapse's
 * feed-forward and recurrent weights ({@code LayerDetail.synapse2()}), null where the layer has none.
 */
public record Gradients(double loss, List<double[][]> weights, List<double[][]> recurrent, double[] thresholds,
                        GuardCounts guards, List<double[]> biases, List<double[][]> weights2,
                        List<double[][]> recurrent2) {

    public Gradients {
        // Unmodifiable lists that may hold null entries (List.copyOf rejects nulls).
        weights = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(weights));
        recurrent = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(recurrent));
        biases = nullable(biases, weights.size());
        weights2 = nullable(weights2, weights.size());
        recurrent2 = nullable(recurrent2, weights.size());
    }

    /** Gradients of a network without second synapses (every entry of {@link #weights2()} null). */
    public Gradients(double loss, List<double[][]> weights, List<double[][]> recurrent, double[] thresholds,
                     GuardCounts guards, List<double[]> biases) {
        this(loss, weights, recurrent, thresholds, guards, biases, null, null);
    }

    private static <T> List<T> nullable(List<T> list, int layers) {
        List<T> out = new java.util.ArrayList<>(list == null ? java.util.Collections.nCopies(layers, null) : list);
        return java.util.Collections.unmodifiableList(out);
    }

    /** Gradients of a network without bias fields (every entry of {@link #biases()} null). */
    public Gradients(double loss, List<double[][]> weights, List<double[][]> recurrent, double[] thresholds,
                     GuardCounts guards) {
        this(loss, weights, recurrent, thresholds, guards, null);
    }
}
