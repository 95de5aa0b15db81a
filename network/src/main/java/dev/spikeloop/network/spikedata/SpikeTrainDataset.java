package dev.spikeloop.network.spikedata;

import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.data.LabelledSpikes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A labelled spike-train data set: samples of (spike time, channel) pairs on {@code channels} input
 * channels, class names indexed by label (may be empty: then the classes are unnamed and a label is
 * any value {@code >= 0}), and free-form string attributes describing where the data came from
 * (for example the audio front end's settings and the chip step, see docs/data.md).
 *
 * <p>The constructor checks every sample against the data set: a channel out of range or a label
 * without a class name is an error naming the sample and spike.
 */
public record SpikeTrainDataset(int channels, List<String> classNames, List<SpikeSample> samples,
                                Map<String, String> attributes) implements LabelledSpikes {

    public SpikeTrainDataset {
        if (channels < 1) {
            throw new InvalidSpikeDataException("spike data set: the channel count must be >= 1, got " + channels);
        }
        classNames = List.copyOf(classNames);
        samples = List.copyOf(samples);
        attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
        for (int i = 0; i < samples.size(); i++) {
            SpikeSample s = samples.get(i);
            int[] ch = s.channels();
            for (int k = 0; k < ch.length; k++) {
                if (ch[k] >= channels) {
                    throw new InvalidSpikeDataException("sample " + i + " spike " + k + ": channel " + ch[k]
                            + " is out of range, the data set has " + channels + " channels (0.." + (channels - 1) + ")");
                }
            }
            if (!classNames.isEmpty() && s.label() >= classNames.size()) {
                throw new InvalidSpikeDataException("sample " + i + ": label " + s.label() + " is out of range, the data set has "
                        + classNames.size() + " classes (0.." + (classNames.size() - 1) + ")");
            }
        }
    }

    /** A data set without attributes. */
    public static SpikeTrainDataset of(int channels, List<String> classNames, List<SpikeSample> samples) {
        return new SpikeTrainDataset(channels, classNames, samples, Map.of());
    }

    @Override
    public int size() {
        return samples.size();
    }

    /** Sample {@code i}. */
    public SpikeSample sample(int i) {
        return samples.get(i);
    }

    @Override
    public InputSpikes input(int i) {
        return samples.get(i).toInputSpikes(channels);
    }

    @Override
    public int label(int i) {
        return samples.get(i).label();
    }

    @Override
    public int classCount() {
        if (!classNames.isEmpty()) {
            return classNames.size();
        }
        int max = -1;
        for (SpikeSample s : samples) {
            max = Math.max(max, s.label());
        }
        return max + 1;
    }

    /** The samples at {@code indices}, in that order (attributes and class names kept). */
    public SpikeTrainDataset select(int[] indices) {
        List<SpikeSample> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            out.add(samples.get(i));
        }
        return new SpikeTrainDataset(channels, classNames, out, attributes);
    }

    /** The same data set with one more attribute (replacing one of the same key). */
    public SpikeTrainDataset withAttribute(String key, String value) {
        Map<String, String> a = new LinkedHashMap<>(attributes);
        a.put(key, value);
        return new SpikeTrainDataset(channels, classNames, samples, a);
    }

    /** Total number of spikes. */
    public long spikeCount() {
        long n = 0;
        for (SpikeSample s : samples) {
            n += s.count();
        }
        return n;
    }

    @Override
    public String fingerprint() {
        return "spikes:" + channels + ":" + classNames.hashCode() + ":" + samples.hashCode();
    }

    @Override
    public String toString() {
        return "SpikeTrainDataset[channels=" + channels + ", classes=" + classCount() + ", samples=" + size()
                + ", spikes=" + spikeCount() + "]";
    }
}
