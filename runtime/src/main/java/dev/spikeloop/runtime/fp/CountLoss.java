package dev.spikeloop.runtime.fp;

import dev.spikeloop.runtime.sim.SpikeRecord;

/**
 * The temporal loss for streams: cross-entropy of a softmax over the time-weighted spike counts of
 * the output neurons ({@link CountScores}),
 * {@code loss = -s_label/beta + log sum_k exp(s_k/beta)}, with
 * {@code dLoss/df = (delta_{k,label} - p_k)/(beta T)} (since {@code ds_k/df = -1/T}) for a spike of output {@code k} at
 * {@code f < T} (0 at or after the deadline {@code T}). It pulls the label's spikes earlier (more of
 * them fit before the deadline) and pushes the others' towards the deadline, where they vanish
 * continuously. The decision that matches it is the largest score ({@code CountReadout}).
 */
public final class CountLoss implements Loss {
    private final int label;
    private final double beta;
    private final double deadline;

    /**
     * @param label    the target class (>= 0)
     * @param beta     the softmax scale, in spikes (> 0)
     * @param deadline {@code T} in seconds (> 0); spikes from it on do not count
     */
    public CountLoss(int label, double beta, double deadline) {
        if (label < 0) {
            throw new IllegalArgumentException("count loss: label must be >= 0, got " + label);
        }
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("count loss: beta must be a finite number > 0, got " + beta);
        }
        if (!(deadline > 0) || !Double.isFinite(deadline)) {
            throw new IllegalArgumentException("count loss: the deadline must be a finite number > 0 seconds, got "
                    + deadline);
        }
        this.label = label;
        this.beta = beta;
        this.deadline = deadline;
    }

    /** The target class. */
    public int label() {
        return label;
    }

    @Override
    public LossValue evaluate(SpikeRecord spikes, double tEnd) {
        double[][] out = spikes.outputTimes();
        int n = out.length;
        if (label >= n) {
            throw new IllegalArgumentException("count loss: label " + label + " is out of range, the output layer has "
                    + n + " neurons (0.." + (n - 1) + ")");
        }
        double[] s = CountScores.of(out, deadline);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] e = new double[n];
        for (int k = 0; k < n; k++) {
            e[k] = Math.exp((s[k] - max) / beta);        // shifted: no overflow for many spikes
            sum += e[k];
        }
        double value = (max - s[label]) / beta + Math.log(sum);
        double[][] d = new double[n][];
        for (int k = 0; k < n; k++) {
            d[k] = new double[out[k].length];
            double g = ((k == label ? 1.0 : 0.0) - e[k] / sum) / (beta * deadline);
            for (int m = 0; m < out[k].length; m++) {
                d[k][m] = out[k][m] < deadline ? g : 0.0;
            }
        }
        return new LossValue(value, d);
    }
}
