package dev.spikeloop.runtime.train;

import dev.spikeloop.runtime.fp.Loss;
import dev.spikeloop.runtime.fp.LossValue;
import dev.spikeloop.runtime.sim.SpikeRecord;

/**
 * Drops the gradient of a sample whose label neuron did not fire (the loss value is kept).
 *
 * <p>With the label neuron silent, the {@code ttfs} loss can only be lowered by making the other
 * outputs fire later, and followed over many samples that silences every output: training
 * collapses to a network without output spikes. Such samples get the trainer's "silent push" on
 * the label neuron's weights instead (see {@link TrainingOptions#silentPush()}).
 */
final class SilentLabelGate implements Loss {
    private final Loss inner;
    private final int label;

    SilentLabelGate(Loss inner, int label) {
        this.inner = inner;
        this.label = label;
    }

    @Override
    public LossValue evaluate(SpikeRecord spikes, double tEnd) {
        LossValue v = inner.evaluate(spikes, tEnd);
        double[][] out = spikes.outputTimes();
        if (label < out.length && out[label].length == 0) {
            double[][] zero = new double[v.dOutputTimes().length][];
            for (int k = 0; k < zero.length; k++) {
                zero[k] = new double[v.dOutputTimes()[k].length];
            }
            return new LossValue(v.value(), zero);
        }
        return v;
    }
}
