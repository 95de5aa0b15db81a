package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.runtime.sim.SpikeRecord;

/**
 * Softmax cross-entropy over the scores of a membrane readout ({@link MembraneReadout}: each output's
 * membrane averaged over {@code [0, T]}, or its maximum there, {@link ReadoutScore}; with several
 * {@link ReadoutWindows} a class's score is the sum of its outputs' means over their windows):
 * {@code loss = -s_label/beta + log sum_c exp(s_c/beta)}, so {@code dLoss/ds_c = (p_c - delta_{c,label})/beta}.
 * The scores depend on the hidden spike times and directly on the readout's weights and biases; both
 * derivatives are supplied ({@link ReadoutLoss}), the spike-time part for the last hidden layer. An
 * optional {@link BurstPenalty} on hidden spikes is added as in {@link RegularisedLoss}.
 *
 * <p>One instance belongs to one network (its readout weights are read when the loss is evaluated).
 */
public final class MembraneLoss implements ReadoutLoss {
    private final MembraneReadout readout;
    private final int label;
    private final double beta;
    private final double window;
    private final BurstPenalty penalty;
    private final ReadoutScore score;
    private final double span;

    /** The loss on the mean-membrane score. */
    public MembraneLoss(FloatNetwork net, int label, double beta, double window, BurstPenalty penalty) {
        this(net, label, beta, window, penalty, ReadoutScore.MEAN);
    }

    /**
     * @param net     the network whose output layer is the readout
     * @param label   the target class
     * @param beta    softmax temperature in membrane (threshold) units (> 0)
     * @param window  {@code T}, seconds (> 0): the scores average over {@code [0, T]}
     * @param penalty burst penalty on hidden spikes, or null
     * @param score   the score of a membrane trajectory (mean or max over the window)
     */
    public MembraneLoss(FloatNetwork net, int label, double beta, double window, BurstPenalty penalty,
                        ReadoutScore score) {
        this(net, label, beta, window, penalty, score, window);
    }

    /**
     * The loss on class scores read in windows of the sample's span ({@link ReadoutWindows}; the same as
     * above for a readout with one window).
     *
     * @param span the sample's span {@code D}, seconds ({@link ReadoutWindows#span})
     */
    public MembraneLoss(FloatNetwork net, int label, double beta, double window, BurstPenalty penalty,
                        ReadoutScore score, double span) {
        this.readout = MembraneReadout.of(net);
        int classes = readout.classes();
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("membrane loss: label " + label + " is out of range, the readout has "
                    + classes + " classes (0.." + (classes - 1) + ")");
        }
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("membrane loss: beta must be a finite number > 0, got " + beta);
        }
        if (!(window > 0) || !Double.isFinite(window)) {
            throw new IllegalArgumentException("membrane loss: the window must be a finite number > 0 seconds, got "
                    + window);
        }
        this.label = label;
        this.beta = beta;
        this.window = window;
        this.penalty = penalty;
        this.score = score == null ? ReadoutScore.MEAN : score;
        this.span = span;
    }

    /** Cross-entropy of a softmax at temperature {@code beta}, and {@code dLoss/ds} into {@code d} (or null). */
    public static double crossEntropy(double[] s, int label, double beta, double[] d) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] e = new double[s.length];
        for (int c = 0; c < s.length; c++) {
            e[c] = Math.exp((s[c] - max) / beta);
            sum += e[c];
        }
        if (d != null) {
            for (int c = 0; c < s.length; c++) {
                d[c] = (e[c] / sum - (c == label ? 1.0 : 0.0)) / beta;
            }
        }
        return (max - s[label]) / beta + Math.log(sum);
    }

    @Override
    public Full evaluateFull(SpikeRecord spikes, double tEnd) {
        int layers = spikes.layers();
        double[][] pre = spikes.times()[layers - 2];
        double[] s = readout.classScores(pre, window, score, span);
        double[] dS = new double[s.length];
        double value = crossEntropy(s, label, beta, dS);
        double[][][] d = new double[layers][][];
        for (int l = 0; l < layers; l++) {
            double[][] t = spikes.times()[l];
            d[l] = new double[t.length][];
            for (int i = 0; i < t.length; i++) {
                d[l][i] = new double[t[i].length];
            }
        }
        double[][] dW = new double[readout.size()][pre.length];
        double[] dB = readout.hasBias() ? new double[readout.size()] : null;
        readout.addClassGradient(score, dS, pre, window, span, dW, dB, d[layers - 2]);
        if (penalty != null) {
            value += penalty.addTo(spikes, d);
        }
        return new Full(value, d, dW, dB);
    }
}
