package dev.spikeloop.runtime.train;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The architecture of a feed-forward network to be trained: {@code inputs} input channels, the
 * hidden layer sizes, {@code outputs} output neurons, and the neuron parameters shared by every
 * layer (seconds; threshold in weight units) and the simulation end time.
 */
public record NetworkShape(int inputs, int[] hidden, int outputs, double tauSyn, double tauMem,
                           double threshold, double tEnd) {

    /** tau_syn = 5 ms, tau_mem = 10 ms (= 2 tau_syn, the simulator's closed-form case), threshold 1, end 40 ms. */
    public static NetworkShape of(int inputs, int[] hidden, int outputs) {
        return new NetworkShape(inputs, hidden, outputs, 0.005, 0.010, 1.0, 0.040);
    }

    public NetworkShape {
        hidden = hidden.clone();
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("a network needs >= 1 input and >= 1 output, got " + inputs
                    + " inputs and " + outputs + " outputs");
        }
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("hidden layer sizes must be >= 1, got " + Arrays.toString(hidden));
            }
        }
    }

    /** Number of layers (hidden and output). */
    public int layerCount() {
        return hidden.length + 1;
    }

    /** Size of layer {@code l} (the last is the output layer). */
    public int size(int l) {
        return l < hidden.length ? hidden[l] : outputs;
    }

    /** Fan-in of layer {@code l}. */
    public int fanIn(int l) {
        return l == 0 ? inputs : size(l - 1);
    }

    /** A network of this shape with the given weight matrices (one per layer, not copied). */
    public FloatNetwork build(List<double[][]> weights) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int l = 0; l < layerCount(); l++) {
            String name = l == hidden.length ? "output" : hidden.length == 1 ? "hidden" : "hidden" + l;
            layers.add(new LayerSpec(name, size(l), tauSyn, tauMem, threshold, weights.get(l), null));
        }
        return new FloatNetwork(inputs, tEnd, layers);
    }

    /** "5-120-3" style name. */
    public String describe() {
        StringBuilder sb = new StringBuilder().append(inputs);
        for (int h : hidden) {
            sb.append('-').append(h);
        }
        return sb.append('-').append(outputs).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkShape s && s.inputs == inputs && Arrays.equals(s.hidden, hidden)
                && s.outputs == outputs && s.tauSyn == tauSyn && s.tauMem == tauMem && s.threshold == threshold
                && s.tEnd == tEnd;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hidden) * 31 + inputs * 7 + outputs;
    }

    @Override
    public String toString() {
        return "NetworkShape[" + describe() + ", tauSyn=" + tauSyn + ", tauMem=" + tauMem + ", threshold="
                + threshold + ", tEnd=" + tEnd + "]";
    }
}
