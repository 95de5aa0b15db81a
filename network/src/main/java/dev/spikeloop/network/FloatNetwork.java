package dev.spikeloop.network;

import java.util.ArrayList;
import java.util.List;

/**
 * A feed-forward stack of LIF layers in float time (network-format.md): {@code inputs} input
 * channels, simulation end time {@code tEnd} (seconds) and the layers in order; the last layer is
 * the output layer.
 *
 * <p>The constructor checks every rule of the format and throws {@link InvalidNetworkException}
 * naming the layer, row and column of the first problem. The layer list is copied (unmodifiable);
 * the weight arrays are shared, not copied (see {@link LayerSpec}); use {@link #deepCopy()} for an
 * independent network.
 */
public record FloatNetwork(int inputs, double tEnd, List<LayerSpec> layers) {

    public FloatNetwork {
        if (layers == null) {
            throw new InvalidNetworkException("layers: missing");
        }
        layers = List.copyOf(layers);
        NetworkValidator.validate(inputs, tEnd, layers);
    }

    /** The last layer. */
    public LayerSpec outputLayer() {
        return layers.get(layers.size() - 1);
    }

    /** Number of layers. */
    public int layerCount() {
        return layers.size();
    }

    /** One layer by index. */
    public LayerSpec layer(int index) {
        return layers.get(index);
    }

    /** Number of columns of {@code weights} of layer {@code layer}: the inputs for layer 0, else the previous size. */
    public int fanIn(int layer) {
        if (layer < 0 || layer >= layers.size()) {
            throw new IndexOutOfBoundsException("layer " + layer + " of " + layers.size());
        }
        return layer == 0 ? inputs : layers.get(layer - 1).size();
    }

    /** Total number of neurons over all layers. */
    public int neuronCount() {
        int n = 0;
        for (LayerSpec l : layers) {
            n += l.size();
        }
        return n;
    }

    /** This network with one layer replaced (validated again). */
    public FloatNetwork withLayer(int index, LayerSpec layer) {
        List<LayerSpec> copy = new ArrayList<>(layers);
        copy.set(index, layer);
        return new FloatNetwork(inputs, tEnd, copy);
    }

    /** This network with another end time. */
    public FloatNetwork withTEnd(double newTEnd) {
        return new FloatNetwork(inputs, newTEnd, layers);
    }

    /** An independent copy: every weight array is copied. */
    public FloatNetwork deepCopy() {
        List<LayerSpec> copy = new ArrayList<>(layers.size());
        for (LayerSpec l : layers) {
            copy.add(l.deepCopy());
        }
        return new FloatNetwork(inputs, tEnd, copy);
    }
}
