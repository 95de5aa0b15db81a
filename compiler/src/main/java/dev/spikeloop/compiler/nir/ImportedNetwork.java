package dev.spikeloop.compiler.nir;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;

import java.util.List;

/**
 * A float network read from a NIR file, before validation: the layers may still hold NaN or
 * out-of-range values, which the design-rule check reports together with the chip's limits.
 *
 * @param source  the file, for messages
 * @param inputs  input channels
 * @param tEnd    simulation end time (s)
 * @param layers  the layers in order (the last one feeds the graph's Output node)
 * @param notes   approximations the import made (e.g. LIF nodes given a short synapse)
 */
public record ImportedNetwork(String source, int inputs, double tEnd, List<LayerSpec> layers, List<String> notes) {

    public ImportedNetwork {
        layers = List.copyOf(layers);
        notes = List.copyOf(notes);
    }

    /** The validated float network (throws {@code InvalidNetworkException} naming layer, row and column). */
    public FloatNetwork toFloatNetwork() {
        return new FloatNetwork(inputs, tEnd, layers);
    }
}
