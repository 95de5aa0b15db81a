package dev.spikeloop.compiler.nir;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;

import java.util.List;

/**
 * A float network read from a NIR file, before validation: the layers may still hold NaN or
 * out-of-range values, which the design-rule check reports together with the chip's limits.
 *
 * @param source     the file, for messages
 * @param inputs     input channels
 * @param tEnd       simulation end time (s)
 * @param layers     the layers in order (the last one feeds the graph's Output node)
 * @param notes      approximations and conventions the import applied
 * @param sources    per layer, the node it came from and its reset semantics
 * @param spikeArea  the area of one spike in the source's equations (1 for NIR's Dirac spikes;
 *                   snnTorch's convention 1e-4, one step of its dt); the weights already include it
 */
public record ImportedNetwork(String source, int inputs, double tEnd, List<LayerSpec> layers, List<String> notes,
                              List<SourceLayer> sources, double spikeArea) {

    public ImportedNetwork {
        layers = List.copyOf(layers);
        notes = List.copyOf(notes);
        sources = List.copyOf(sources);
    }

    /** A network without source semantics (every layer as the float model means it). */
    public ImportedNetwork(String source, int inputs, double tEnd, List<LayerSpec> layers, List<String> notes) {
        this(source, inputs, tEnd, layers, notes, List.of(), 1.0);
    }

    /** The validated float network (throws {@code InvalidNetworkException} naming layer, row and column). */
    public FloatNetwork toFloatNetwork() {
        return new FloatNetwork(inputs, tEnd, layers);
    }

    /** True when some layer resets to a value where the chip subtracts the threshold. */
    public boolean resetsDiffer() {
        return sources.stream().anyMatch(SourceLayer::resetsToValue);
    }
}
