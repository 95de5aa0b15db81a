package dev.spikeloop.network.data;

import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.encode.SpikeEncoder;
import java.util.List;

/**
 * A feature data set seen through the spike encoder: sample {@code i} is
 * {@code encoder.encode(data.features(i))}. The samples are encoded once, when this is built, so
 * that a bad value is reported (with its sample) before any work starts.
 */
public final class EncodedFeatures implements LabelledSpikes {
    private final LabelledDataset data;
    private final SpikeEncoder encoder;
    private final List<InputSpikes> inputs;

    /** Encodes every sample of {@code data}; features must lie in [0, 1]. */
    public EncodedFeatures(LabelledDataset data, SpikeEncoder encoder) {
        this.data = data;
        this.encoder = encoder;
        this.inputs = List.copyOf(encoder.encodeAll(data));
    }

    /** The feature data set. */
    public LabelledDataset data() {
        return data;
    }

    /** The encoder. */
    public SpikeEncoder encoder() {
        return encoder;
    }

    @Override
    public int size() {
        return data.size();
    }

    @Override
    public int channels() {
        return encoder.channels(data.featureCount());
    }

    @Override
    public InputSpikes input(int i) {
        return inputs.get(i);
    }

    @Override
    public List<InputSpikes> inputs() {
        return inputs;
    }

    @Override
    public int label(int i) {
        return data.label(i);
    }

    @Override
    public int[] labels() {
        return data.labels().clone();
    }

    @Override
    public int classCount() {
        return data.classCount();
    }

    @Override
    public String fingerprint() {
        return "encoder=" + encoder + ";data=" + data.hashCode();
    }
}
