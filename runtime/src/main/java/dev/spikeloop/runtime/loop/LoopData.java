package dev.spikeloop.runtime.loop;

import dev.spikeloop.chipconfig.spikes.SpikeEvent;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.data.LabelledSpikes;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.network.encode.StepEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * A labelled data set encoded for a device: every sample through the project's one encoder
 * ({@link SpikeEncoder}) and onto the chip's time grid of step {@code dt}.
 *
 * @param samples the encoded samples, in data set order
 * @param classes number of classes (labels are {@code 0..classes-1})
 */
public record LoopData(List<LoopSample> samples, int classes) {

    public LoopData {
        samples = List.copyOf(samples);
    }

    /** Encodes {@code data}; features must lie in [0, 1] (the message names the sample otherwise). */
    public static LoopData encode(LabelledDataset data, SpikeEncoder encoder, double dt) {
        List<InputSpikes> spikes = encoder.encodeAll(data);
        List<LoopSample> out = new ArrayList<>(spikes.size());
        for (int i = 0; i < spikes.size(); i++) {
            InputSpikes s = spikes.get(i);
            List<StepEvent> events = encoder.toSteps(s, dt);
            out.add(new LoopSample(data.label(i), raster(events), encoder.fromSteps(events, s.channels(), dt)));
        }
        return new LoopData(out, data.classCount());
    }

    /**
     * Puts samples that are already spike trains onto the chip's grid of step {@code dt} (nearest
     * step, as {@link SpikeEncoder#toSteps}); {@code maxPerStep} is the chip's input limit per
     * channel and step, and a sample that exceeds it is an error naming the sample, step and channel
     * (the chip would not receive those spikes).
     */
    public static LoopData encode(LabelledSpikes data, double dt, int maxPerStep) {
        SpikeEncoder grid = SpikeEncoder.DEFAULT; // toSteps/fromSteps depend on dt alone
        List<LoopSample> out = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            InputSpikes s = data.input(i);
            List<StepEvent> events = grid.toSteps(s, dt);
            int run = 0;
            for (int k = 0; k < events.size(); k++) {
                run = k > 0 && events.get(k).equals(events.get(k - 1)) ? run + 1 : 1;
                if (run > maxPerStep) {
                    throw new IllegalArgumentException("sample " + i + ": channel " + events.get(k).channel()
                            + " gets more than " + maxPerStep + " spikes in step " + events.get(k).step() + " at dt "
                            + dt + " s, the chip's input limit per channel and step");
                }
            }
            out.add(new LoopSample(data.label(i), raster(events), grid.fromSteps(events, s.channels(), dt)));
        }
        return new LoopData(out, data.classCount());
    }

    /** The input raster of grid events: repeated (step, channel) events become one count. */
    static SpikeRaster raster(List<StepEvent> events) {
        List<SpikeEvent> list = new ArrayList<>(events.size());
        for (StepEvent e : events) {
            list.add(new SpikeEvent(e.step(), e.channel(), 1));
        }
        return SpikeRaster.of(list);
    }

    /** Number of samples. */
    public int size() {
        return samples.size();
    }

    /** One sample. */
    public LoopSample get(int i) {
        return samples.get(i);
    }

    /** The input rasters of the samples at {@code indices}. */
    public List<SpikeRaster> rasters(int[] indices) {
        List<SpikeRaster> r = new ArrayList<>(indices.length);
        for (int i : indices) {
            r.add(samples.get(i).raster());
        }
        return r;
    }

    /** The input rasters of all samples. */
    public List<SpikeRaster> rasters() {
        return samples.stream().map(LoopSample::raster).toList();
    }
}
