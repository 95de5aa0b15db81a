package dev.spikeloop.runtime.fp;

import dev.spikeloop.runtime.sim.SpikeRecord;

/**
 * The {@code ttfs} loss of network-format.md: cross-entropy of a softmax over the negative first
 * spike times of the output neurons,
 * {@code loss = t_label/tau0 + log(sum_k exp(-t_k/tau0))}, where a silent neuron counts as firing at
 * {@code tEnd} and carries no gradient.
 *
 * <p>Optionally adds the time-to-first-spike regulariser of Goltz et al.,
 * {@code gamma * (exp(t_label/tau1) - 1)}, which is minimised by an early label spike
 * ({@code gamma = 0}, the default, switches it off).
 */
public final class TtfsLoss implements Loss {
    private final int label;
    private final double tau0;
    private final double gamma;
    private final double tau1;

    /** The plain {@code ttfs} loss for class {@code label} with softmax scale {@code tau0} (seconds). */
    public TtfsLoss(int label, double tau0) {
        this(label, tau0, 0.0, 1.0);
    }

    /**
     * The {@code ttfs} loss plus the regulariser {@code gamma * (exp(t_label/tau1) - 1)}.
     *
     * @throws IllegalArgumentException for a negative label, a non-positive or non-finite tau0/tau1 or a
     *                                  negative or non-finite gamma
     */
    public TtfsLoss(int label, double tau0, double gamma, double tau1) {
        if (label < 0) {
            throw new IllegalArgumentException("ttfs loss: label must be >= 0, got " + label);
        }
        if (!(tau0 > 0) || !Double.isFinite(tau0)) {
            throw new IllegalArgumentException("ttfs loss: tau0 must be a finite number > 0 seconds, got " + tau0);
        }
        if (!(gamma >= 0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("ttfs loss: gamma must be a finite number >= 0, got " + gamma);
        }
        if (!(tau1 > 0) || !Double.isFinite(tau1)) {
            throw new IllegalArgumentException("ttfs loss: tau1 must be a finite number > 0 seconds, got " + tau1);
        }
        this.label = label;
        this.tau0 = tau0;
        this.gamma = gamma;
        this.tau1 = tau1;
    }

    /** The target class. */
    public int label() {
        return label;
    }

    /** The softmax scale (seconds). */
    public double tau0() {
        return tau0;
    }

    /**
     * One: the softmax, its log and the regulariser read only the first spike of each output neuron
     * (a neuron that does not fire is known silent only at {@code tEnd}, which the engine then simulates).
     */
    @Override
    public int outputSpikesRead(int neuron) {
        return 1;
    }

    @Override
    public LossValue evaluate(SpikeRecord spikes, double tEnd) {
        double[][] out = spikes.outputTimes();
        int n = out.length;
        if (label >= n) {
            throw new IllegalArgumentException("ttfs loss: label " + label + " is out of range, the output layer has "
                    + n + " neurons (0.." + (n - 1) + ")");
        }
        double[] t = new double[n];
        double tMin = Double.POSITIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            t[k] = out[k].length == 0 ? tEnd : out[k][0];
            tMin = Math.min(tMin, t[k]);
        }
        // log-sum-exp shifted by the earliest time so that small tau0 cannot overflow.
        double sum = 0;
        double[] e = new double[n];
        for (int k = 0; k < n; k++) {
            e[k] = Math.exp(-(t[k] - tMin) / tau0);
            sum += e[k];
        }
        double value = (t[label] - tMin) / tau0 + Math.log(sum);
        double[][] d = new double[n][];
        for (int k = 0; k < n; k++) {
            d[k] = new double[out[k].length];
            if (out[k].length > 0) {
                double p = e[k] / sum;
                d[k][0] = ((k == label ? 1.0 : 0.0) - p) / tau0;
            }
        }
        if (gamma > 0) {
            double g = Math.exp(t[label] / tau1);
            value += gamma * (g - 1);
            if (out[label].length > 0) {
                d[label][0] += gamma * g / tau1;
            }
        }
        return new LossValue(value, d);
    }
}
