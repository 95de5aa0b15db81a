package dev.spikeloop.runtime.fp;

/**
 * A loss value and its partial derivatives with respect to the output spike times:
 * {@code dOutputTimes[neuron][k]} is dL/d(k-th spike time of output neuron {@code neuron}); the
 * shape matches the output layer of the {@link dev.spikeloop.runtime.sim.SpikeRecord}.
 */
public record LossValue(double value, double[][] dOutputTimes) {
}
