package dev.spikeloop.compiler.quantize;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;

import java.util.Arrays;
import java.util.List;

/**
 * Where each layer of a float network lives on the chip: the inputs are input channels
 * {@code 0..inputs-1}; the hidden layers (all but the last) are consecutive blocks of the hidden
 * population, in layer order, starting at {@link #offset(int)}; the last layer is the output
 * neurons {@code 0..outputs-1}.
 *
 * <p>Layer 0 is fed through {@code weights_in}; a deeper hidden layer is fed by the block of
 * {@code weights_rec} whose rows are the previous layer's neurons; a layer's own recurrent weights
 * are its diagonal block of {@code weights_rec}; the output layer is fed through
 * {@code weights_out} from the last hidden layer.
 *
 * @param inputs        input channels used
 * @param hiddenOffsets first hidden neuron of each hidden layer (one entry per hidden layer)
 * @param hiddenSizes   size of each hidden layer
 * @param outputs       output neurons used
 */
public record ChipMapping(int inputs, int[] hiddenOffsets, int[] hiddenSizes, int outputs) {

    public ChipMapping {
        hiddenOffsets = hiddenOffsets.clone();
        hiddenSizes = hiddenSizes.clone();
    }

    /** The mapping of a network with at least one hidden layer. */
    public static ChipMapping of(int inputs, List<LayerSpec> layers) {
        int hiddenLayers = layers.size() - 1;
        if (hiddenLayers < 1) {
            throw new IllegalArgumentException("the chip's outputs are fed only by hidden neurons: "
                    + "the network needs at least one hidden layer before its output layer");
        }
        int[] offsets = new int[hiddenLayers];
        int[] sizes = new int[hiddenLayers];
        int next = 0;
        for (int p = 0; p < hiddenLayers; p++) {
            offsets[p] = next;
            sizes[p] = layers.get(p).size();
            next += sizes[p];
        }
        return new ChipMapping(inputs, offsets, sizes, layers.get(layers.size() - 1).size());
    }

    /** The mapping of a valid float network. */
    public static ChipMapping of(FloatNetwork net) {
        return of(net.inputs(), net.layers());
    }

    /** Number of layers (hidden layers plus the output layer). */
    public int layerCount() {
        return hiddenOffsets.length + 1;
    }

    /** Total hidden neurons used. */
    public int hidden() {
        int last = hiddenOffsets.length - 1;
        return hiddenOffsets[last] + hiddenSizes[last];
    }

    /** True for the last (output) layer. */
    public boolean isOutput(int layer) {
        return layer == hiddenOffsets.length;
    }

    /** First hidden neuron of a hidden layer. */
    public int offset(int layer) {
        return hiddenOffsets[layer];
    }

    /** The chip matrix feeding a layer's feed-forward weights. */
    public ChipMatrix feedForwardMatrix(int layer) {
        if (isOutput(layer)) {
            return ChipMatrix.OUT;
        }
        return layer == 0 ? ChipMatrix.IN : ChipMatrix.REC;
    }

    /** Human-readable place of a layer, e.g. {@code hidden 0..119} or {@code output 0..2}. */
    public String placement(int layer) {
        if (isOutput(layer)) {
            return "output " + 0 + ".." + (outputs - 1);
        }
        return "hidden " + hiddenOffsets[layer] + ".." + (hiddenOffsets[layer] + hiddenSizes[layer] - 1);
    }

    /** Throws unless {@code net} has exactly this shape (the same inputs and layer sizes). */
    public void requireSameShape(FloatNetwork net) {
        int[] sizes = net.layers().stream().mapToInt(LayerSpec::size).toArray();
        int[] mine = Arrays.copyOf(hiddenSizes, hiddenSizes.length + 1);
        mine[hiddenSizes.length] = outputs;
        if (net.inputs() != inputs || !Arrays.equals(sizes, mine)) {
            throw new IllegalArgumentException("network shape " + net.inputs() + " inputs, layers " + Arrays.toString(sizes)
                    + " differs from the compiled shape " + inputs + " inputs, layers " + Arrays.toString(mine)
                    + "; re-quantisation keeps the chip layout and needs the same shape");
        }
    }

    @Override
    public int[] hiddenOffsets() {
        return hiddenOffsets.clone();
    }

    @Override
    public int[] hiddenSizes() {
        return hiddenSizes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChipMapping m && m.inputs == inputs && m.outputs == outputs
                && Arrays.equals(m.hiddenOffsets, hiddenOffsets) && Arrays.equals(m.hiddenSizes, hiddenSizes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * inputs + outputs) + Arrays.hashCode(hiddenOffsets) * 17 + Arrays.hashCode(hiddenSizes);
    }

    @Override
    public String toString() {
        return "ChipMapping[inputs=" + inputs + ", hiddenOffsets=" + Arrays.toString(hiddenOffsets)
                + ", hiddenSizes=" + Arrays.toString(hiddenSizes) + ", outputs=" + outputs + "]";
    }
}
