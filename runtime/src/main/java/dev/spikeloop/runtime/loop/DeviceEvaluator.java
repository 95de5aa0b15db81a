package dev.spikeloop.runtime.loop;

import dev.spikeloop.runtime.train.Evaluation;
import dev.spikeloop.runtime.train.FirstSpikeReadout;

import java.util.List;

/**
 * Accuracy of whatever configuration a device holds, measured on the device itself: every sample
 * runs from a reset for the layout's number of steps, and is classified by {@link DeviceReadout}.
 */
public final class DeviceEvaluator {
    /** Samples sent to the device in one call, to bound memory on large sets. */
    private static final int CHUNK = 512;

    private final Device device;
    private final ChipLayout layout;

    public DeviceEvaluator(Device device, ChipLayout layout) {
        this.device = device;
        this.layout = layout;
    }

    /** Classifies every sample of {@code data} on the device. */
    public Evaluation evaluate(LoopData data) {
        int classes = layout.outputs();
        int[][] confusion = new int[classes][classes + 1];
        int ties = 0;
        for (int from = 0; from < data.size(); from += CHUNK) {
            int to = Math.min(data.size(), from + CHUNK);
            int[] idx = java.util.stream.IntStream.range(from, to).toArray();
            List<DeviceRun> runs = device.run(data.rasters(idx), layout.steps());
            for (int k = 0; k < runs.size(); k++) {
                int label = data.get(idx[k]).label();
                if (label >= classes) {
                    throw new IllegalArgumentException("sample " + idx[k] + " has label " + label
                            + " but the network has only " + classes + " outputs");
                }
                FirstSpikeReadout.Decision d = DeviceReadout.decide(runs.get(k).outputs(), classes);
                confusion[label][d.fired() ? d.predicted() : classes]++;
                if (d.tie()) {
                    ties++;
                }
            }
        }
        return new Evaluation(confusion, ties);
    }
}
