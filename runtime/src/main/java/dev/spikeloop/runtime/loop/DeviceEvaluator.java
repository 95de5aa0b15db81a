package dev.spikeloop.runtime.loop;

import dev.spikeloop.runtime.fp.TtfsLoss;
import dev.spikeloop.runtime.sim.SpikeRecord;
import dev.spikeloop.runtime.train.Evaluation;
import dev.spikeloop.runtime.fp.Loss;
import dev.spikeloop.runtime.train.DecisionRule;
import dev.spikeloop.runtime.train.FirstSpikeReadout;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Accuracy of whatever configuration a device holds, measured on the device itself: every sample
 * runs from a reset for the layout's number of steps, and is classified by {@link DeviceReadout}.
 */
public final class DeviceEvaluator {
    /** Samples sent to the device in one call, to bound memory on large sets. */
    private static final int CHUNK = 512;

    private final Device device;
    private final ChipLayout layout;
    /** Null: the first-spike rule on the output steps ({@link DeviceReadout}). */
    private final DecisionRule rule;

    public DeviceEvaluator(Device device, ChipLayout layout) {
        this(device, layout, null);
    }

    /**
     * An evaluator deciding by {@code rule} from the output spike times the device returns (in float
     * time by the convention of {@link DeviceSpikeTimes}); null for the first-spike rule on steps.
     */
    public DeviceEvaluator(Device device, ChipLayout layout, DecisionRule rule) {
        this.device = device;
        this.layout = layout;
        this.rule = rule;
    }

    /** The decision of every sample, e.g. for per-speaker accuracy. */
    public FirstSpikeReadout.Decision[] decisions(LoopData data) {
        FirstSpikeReadout.Decision[] out = new FirstSpikeReadout.Decision[data.size()];
        for (int from = 0; from < data.size(); from += CHUNK) {
            int[] idx = IntStream.range(from, Math.min(data.size(), from + CHUNK)).toArray();
            List<DeviceRun> runs = device.run(data.rasters(idx), layout.steps(), membranes());
            for (int k = 0; k < runs.size(); k++) {
                out[idx[k]] = decide(runs.get(k), data.get(idx[k]));
            }
        }
        return out;
    }

    /** Whether the rule decides from output membranes, which the device must then return. */
    private boolean membranes() {
        return rule != null && rule.readsMembranes();
    }

    private FirstSpikeReadout.Decision decide(DeviceRun run, LoopSample sample) {
        if (rule == null) {
            return DeviceReadout.decide(run.outputs(), layout.outputs());
        }
        if (rule.readsMembranes()) {
            // the device's own membranes decide (their mean over the run; the scale lambda does not change the argmax)
            return rule.decideFromMembranes(run.requireMembranes(), layout.outputs(), sample.chipInputs(), layout.dt(),
                    layout.delay(layout.layerCount() - 1));
        }
        double[][][] times = DeviceSpikeTimes.of(run, layout).times();
        return rule.decide(times[times.length - 1], layout.tEnd());
    }

    /** Classifies every sample of {@code data} on the device. */
    public Evaluation evaluate(LoopData data) {
        return score(data, Double.NaN).evaluation();
    }

    /**
     * Classifies every sample of {@code data} on the device and takes the mean ttfs loss (scale
     * {@code tau0} seconds) of its output spike times; with {@code tau0} NaN, or for a membrane readout
     * (decided from the device's output membranes), the loss is NaN.
     */
    public DeviceScore score(LoopData data, double tau0) {
        int classes = rule == null ? layout.outputs() : rule.classes(layout.outputs());
        int[][] confusion = new int[classes][classes + 1];
        int ties = 0;
        double loss = 0;
        for (int from = 0; from < data.size(); from += CHUNK) {
            int[] idx = IntStream.range(from, Math.min(data.size(), from + CHUNK)).toArray();
            List<DeviceRun> runs = device.run(data.rasters(idx), layout.steps(), membranes());
            for (int k = 0; k < runs.size(); k++) {
                int label = data.get(idx[k]).label();
                if (label >= classes) {
                    throw new IllegalArgumentException("sample " + idx[k] + " has label " + label
                            + " but the network answers only " + classes + " classes");
                }
                FirstSpikeReadout.Decision d = decide(runs.get(k), data.get(idx[k]));
                confusion[label][d.fired() ? d.predicted() : classes]++;
                if (d.tie()) {
                    ties++;
                }
                if (!Double.isNaN(tau0) && !membranes()) {
                    loss += outputLoss(runs.get(k), label, tau0);
                }
            }
        }
        // a membrane readout's loss needs the float readout (the model), which this evaluator does not have: NaN
        double mean = Double.isNaN(tau0) || membranes() || data.size() == 0 ? Double.NaN : loss / data.size();
        return new DeviceScore(new Evaluation(confusion, ties), mean);
    }

    /** The ttfs loss of one run's output spikes, in float time by the convention of {@link DeviceSpikeTimes}. */
    private double outputLoss(DeviceRun run, int label, double tau0) {
        double[][][] times = DeviceSpikeTimes.of(run, layout).times();
        SpikeRecord outputsOnly = SpikeRecord.fromTimes(new double[][][] {times[times.length - 1]});
        Loss loss = rule == null ? new TtfsLoss(label, tau0) : rule.reportLoss(label, layout.tEnd());
        return loss.evaluate(outputsOnly, layout.tEnd()).value();
    }
}
