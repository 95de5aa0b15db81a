package dev.spikeloop.runtime.fp;

import dev.spikeloop.runtime.sim.SpikeRecord;

/**
 * A loss as a function of the spike times of the output layer. Any implementation that supplies
 * dLoss/dF for the output spikes can be used with the {@link GradientEngine}.
 */
@FunctionalInterface
public interface Loss {
    /**
     * The loss of {@code spikes} and its derivatives with respect to every output spike time.
     *
     * @param tEnd the simulation end time (silent neurons count as firing at {@code tEnd} where a
     *             loss needs a time for them; such a time carries no gradient)
     */
    LossValue evaluate(SpikeRecord spikes, double tEnd);
}
