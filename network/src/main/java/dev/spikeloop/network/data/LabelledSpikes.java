package dev.spikeloop.network.data;

import dev.spikeloop.network.InputSpikes;
import java.util.List;

/**
 * What training, evaluation and fine-tuning iterate over: labelled samples that are already input
 * spike trains. Two kinds exist: a feature data set encoded by the project's spike encoder
 * ({@link EncodedFeatures}, Yin-Yang and the CSV files) and a spike-train data set read from HDF5
 * ({@code dev.spikeloop.network.spikedata.SpikeTrainDataset}). Consumers see only this interface,
 * so a new kind of data plugs in here, not in the trainer or the evaluators.
 */
public interface LabelledSpikes {

    /** Number of samples. */
    int size();

    /** Number of input channels every sample uses (the network's input count). */
    int channels();

    /** The input spikes of sample {@code i} ({@link #channels()} channels). */
    InputSpikes input(int i);

    /** The class of sample {@code i} ({@code >= 0}). */
    int label(int i);

    /** Number of classes: the named classes if the data names them, else one more than the largest label. */
    int classCount();

    /** Class names, indexed by label (empty when the data does not name its classes). */
    default List<String> classNames() {
        return List.of();
    }

    /** All labels, in sample order (a new array). */
    default int[] labels() {
        int[] l = new int[size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = label(i);
        }
        return l;
    }

    /** All inputs, in sample order. */
    default List<InputSpikes> inputs() {
        InputSpikes[] a = new InputSpikes[size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = input(i);
        }
        return List.of(a);
    }

    /**
     * A short text that changes whenever the samples or their encoding change: checkpoints store it so
     * that a resumed run refuses other data.
     */
    String fingerprint();
}
