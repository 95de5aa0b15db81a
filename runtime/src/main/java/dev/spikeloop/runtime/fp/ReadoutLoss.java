package dev.spikeloop.runtime.fp;

import dev.spikeloop.runtime.sim.SpikeRecord;

/**
 * A loss that also depends on the output layer's parameters directly, not only through spike times: a
 * non-spiking (membrane) readout's scores are closed-form functions of the hidden spike times and of the
 * readout's weights and biases ({@link MembraneReadout}). Besides {@code dLoss/dF} for every spike
 * ({@link RecordLoss}) it supplies the explicit partial derivatives {@code partial dLoss/dW_out} and
 * {@code partial dLoss/db_out}, which the {@link GradientEngine} adds to the implicit part in both
 * orders.
 */
public interface ReadoutLoss extends RecordLoss {
    /** The loss with every derivative it has. */
    Full evaluateFull(SpikeRecord spikes, double tEnd);

    @Override
    default Value evaluateAll(SpikeRecord spikes, double tEnd) {
        Full f = evaluateFull(spikes, tEnd);
        return new Value(f.value(), f.dTimes());
    }

    /**
     * @param value         the loss
     * @param dTimes        {@code dLoss/dF}, shaped like {@link SpikeRecord#times()}
     * @param dOutputWeight explicit {@code partial dLoss/dW} of the output layer ({@code [neuron][fanIn]})
     * @param dOutputBias   explicit {@code partial dLoss/db} of the output layer, or null (no bias field)
     */
    record Full(double value, double[][][] dTimes, double[][] dOutputWeight, double[] dOutputBias) {
    }
}
