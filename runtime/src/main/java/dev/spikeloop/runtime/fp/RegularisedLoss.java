package dev.spikeloop.runtime.fp;

import dev.spikeloop.runtime.sim.SpikeRecord;

/**
 * A task loss on the output spikes plus the {@link BurstPenalty} on the hidden ones: the value is
 * their sum, and the derivatives of every layer reach the {@link GradientEngine}.
 */
public final class RegularisedLoss implements RecordLoss {
    private final Loss task;
    private final BurstPenalty penalty;

    public RegularisedLoss(Loss task, BurstPenalty penalty) {
        if (task == null || penalty == null) {
            throw new IllegalArgumentException("regularised loss: task loss and penalty are required");
        }
        this.task = task;
        this.penalty = penalty;
    }

    @Override
    public Value evaluateAll(SpikeRecord spikes, double tEnd) {
        LossValue out = task.evaluate(spikes, tEnd);
        int layers = spikes.layers();
        double[][][] d = new double[layers][][];
        for (int l = 0; l < layers - 1; l++) {
            double[][] t = spikes.times()[l];
            d[l] = new double[t.length][];
            for (int i = 0; i < t.length; i++) {
                d[l][i] = new double[t[i].length];
            }
        }
        d[layers - 1] = out.dOutputTimes();
        double value = out.value() + penalty.addTo(spikes, d);
        return new Value(value, d);
    }
}
