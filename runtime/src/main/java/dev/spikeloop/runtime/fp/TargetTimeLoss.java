package dev.spikeloop.runtime.fp;

import dev.spikeloop.runtime.sim.SpikeRecord;

/**
 * Squared error between output spike times and given target times:
 * {@code loss = 1/2 sum_i sum_k (t_ik - target_ik)^2} over the targets of each output neuron, where
 * {@code t_ik} is the k-th spike of neuron {@code i}. A missing spike counts as {@code tEnd} and
 * carries no gradient; spikes beyond the number of targets are not penalised.
 */
public final class TargetTimeLoss implements Loss {
    private final double[][] targets;

    /** {@code targets[i]}: the wanted spike times of output neuron {@code i}, ascending (may be empty). */
    public TargetTimeLoss(double[][] targets) {
        if (targets == null) {
            throw new IllegalArgumentException("target-time loss: targets are required");
        }
        this.targets = new double[targets.length][];
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] == null) {
                throw new IllegalArgumentException("target-time loss: targets of output neuron " + i + " are missing");
            }
            for (int k = 0; k < targets[i].length; k++) {
                double t = targets[i][k];
                if (!Double.isFinite(t)) {
                    throw new IllegalArgumentException("target-time loss: target " + k + " of output neuron " + i
                            + " is " + t + "; targets must be finite");
                }
                if (k > 0 && t < targets[i][k - 1]) {
                    throw new IllegalArgumentException("target-time loss: targets of output neuron " + i
                            + " must be ascending, " + t + " follows " + targets[i][k - 1]);
                }
            }
            this.targets[i] = targets[i].clone();
        }
    }

    /** As many as the neuron has targets: later spikes are not penalised. */
    @Override
    public int outputSpikesRead(int neuron) {
        return neuron < targets.length ? targets[neuron].length : ALL_SPIKES;
    }

    @Override
    public LossValue evaluate(SpikeRecord spikes, double tEnd) {
        double[][] out = spikes.outputTimes();
        if (out.length != targets.length) {
            throw new IllegalArgumentException("target-time loss: " + targets.length + " target lists but the output"
                    + " layer has " + out.length + " neurons");
        }
        double value = 0;
        double[][] d = new double[out.length][];
        for (int i = 0; i < out.length; i++) {
            d[i] = new double[out[i].length];
            for (int k = 0; k < targets[i].length; k++) {
                boolean fired = k < out[i].length;
                double diff = (fired ? out[i][k] : tEnd) - targets[i][k];
                value += 0.5 * diff * diff;
                if (fired) {
                    d[i][k] = diff;
                }
            }
        }
        return new LossValue(value, d);
    }
}
