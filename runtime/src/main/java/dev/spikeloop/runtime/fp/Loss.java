package dev.spikeloop.runtime.fp;

import dev.spikeloop.runtime.sim.SpikeRecord;

/**
 * A loss as a function of the spike times of the output layer. Any implementation that supplies
 * dLoss/dF for the output spikes can be used with the {@link GradientEngine}.
 */
@FunctionalInterface
public interface Loss {
    /** {@link #outputSpikesRead} of a loss that may read every spike up to {@code tEnd}. */
    int ALL_SPIKES = Integer.MAX_VALUE;

    /**
     * The loss of {@code spikes} and its derivatives with respect to every output spike time.
     *
     * @param tEnd the simulation end time (silent neurons count as firing at {@code tEnd} where a
     *             loss needs a time for them; such a time carries no gradient)
     */
    LossValue evaluate(SpikeRecord spikes, double tEnd);

    /**
     * How many of output neuron {@code neuron}'s first spikes this loss reads: its causal cone. A loss
     * that returns {@code n < ALL_SPIKES} promises that its value and derivatives depend on nothing but
     * the first {@code n} spike times of that neuron, and on whether the neuron fires {@code n} times
     * before {@code tEnd} at all; it reads no hidden layer and no later output spike. The engine then
     * simulates only until every output neuron has fired that often (to {@code tEnd} if one does not),
     * and the record the loss sees stops there.
     *
     * <p>The default, {@link #ALL_SPIKES}, is always safe: the whole simulation up to {@code tEnd}.
     */
    default int outputSpikesRead(int neuron) {
        return ALL_SPIKES;
    }
}
