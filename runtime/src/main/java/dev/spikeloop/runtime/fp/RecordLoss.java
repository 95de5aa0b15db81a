package dev.spikeloop.runtime.fp;

import dev.spikeloop.runtime.sim.SpikeRecord;

/**
 * A loss that also depends on hidden spike times (e.g. an activity regulariser). The
 * {@link GradientEngine} takes the derivatives of every layer from {@link #evaluateAll}; the plain
 * {@link #evaluate} gives the same value with the output derivatives only.
 */
public interface RecordLoss extends Loss {
    /**
     * The loss and {@code dLoss/dF} for every spike: {@code dTimes[layer][neuron][k]}, shaped like
     * {@link SpikeRecord#times()}.
     */
    Value evaluateAll(SpikeRecord spikes, double tEnd);

    @Override
    default LossValue evaluate(SpikeRecord spikes, double tEnd) {
        Value v = evaluateAll(spikes, tEnd);
        return new LossValue(v.value(), v.dTimes()[v.dTimes().length - 1]);
    }

    /** A loss value with derivatives for the spikes of every layer. */
    record Value(double value, double[][][] dTimes) {
    }
}
