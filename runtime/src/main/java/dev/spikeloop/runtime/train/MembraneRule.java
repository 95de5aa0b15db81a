package dev.spikeloop.runtime.train;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.runtime.fp.BurstPenalty;
import dev.spikeloop.runtime.fp.Loss;
import dev.spikeloop.runtime.fp.MembraneLoss;
import dev.spikeloop.runtime.fp.MembraneReadout;
import dev.spikeloop.runtime.fp.ReadoutScore;
import dev.spikeloop.runtime.fp.ReadoutWindows;
import dev.spikeloop.runtime.sim.SpikeRecord;

/**
 * The rule for a network whose output layer is a non-spiking membrane readout: each output's score is its
 * membrane averaged over the window {@code [0, T]} ({@link MembraneReadout}, {@code T} = the network's
 * {@code tEnd}), or with {@link ReadoutScore#MAX} its largest membrane there; the decision is the largest score (lowest index on ties, which are counted); the loss is
 * {@link MembraneLoss}, softmax cross-entropy at temperature {@code beta}, in training plus the
 * {@link BurstPenalty} on hidden spikes when {@code burstWeight > 0}.
 *
 * <p>On a chip the same score is the mean (or the largest) of the per-step integer output membranes divided
 * by the compiled membrane scale lambda; the argmax needs no lambda ({@link #decideFromMembranes}).
 *
 * @param beta        softmax temperature in membrane (threshold) units (> 0)
 * @param burstWeight weight of the burst penalty ({@code >= 0})
 * @param minInterval its minimum interval, seconds (> 0)
 * <p>With several {@link ReadoutWindows} per class, each class's score is the sum of its outputs' means over
 * their windows of the sample's span (the time of its last input spike); the float rule reads the windows
 * the network records, the chip decision ({@link #decideFromMembranes(int[][], int, InputSpikes, double,
 * double)}) those of this rule, which the commands take from the same model file.
 *
 * @param score       mean or max of the membrane over the window
 * @param windows     readout windows per class on a device (the float rule reads the network's)
 */
public record MembraneRule(double beta, double burstWeight, double minInterval, ReadoutScore score,
                           ReadoutWindows windows) implements DecisionRule {
    public MembraneRule {
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("membrane rule: beta must be a finite number > 0, got " + beta);
        }
        new BurstPenalty(burstWeight, minInterval);   // validates both
        score = score == null ? ReadoutScore.MEAN : score;
        windows = windows == null ? ReadoutWindows.ONE : windows;
        if (windows.count() > 1 && score == ReadoutScore.MAX) {
            throw new IllegalArgumentException("membrane rule: " + windows.count() + " readout windows are scored "
                    + "by their time mean; --readout-score max needs one window");
        }
    }

    /** The rule with one readout window. */
    public MembraneRule(double beta, double burstWeight, double minInterval, ReadoutScore score) {
        this(beta, burstWeight, minInterval, score, ReadoutWindows.ONE);
    }

    /** This rule reading {@code w} windows per class on a device. */
    public MembraneRule withWindows(ReadoutWindows w) {
        return new MembraneRule(beta, burstWeight, minInterval, score, w);
    }

    /** The rule on the mean membrane. */
    public MembraneRule(double beta, double burstWeight, double minInterval) {
        this(beta, burstWeight, minInterval, ReadoutScore.MEAN);
    }

    @Override
    public String name() {
        return "membrane";
    }

    @Override
    public String describe() {
        return "membrane(score=" + score + (windows.count() > 1 ? ",windows=" + windows.count() : "") + ",beta=" + beta + ",burst=" + burstWeight + ",minInterval=" + minInterval + ")";
    }

    /** The largest score wins; ties go to the lowest index and are marked. Never silent. */
    public static FirstSpikeReadout.Decision argmax(double[] scores) {
        int best = 0;
        boolean tie = false;
        for (int k = 1; k < scores.length; k++) {
            if (scores[k] > scores[best]) {
                best = k;
                tie = false;
            } else if (scores[k] == scores[best]) {
                tie = true;
            }
        }
        return new FirstSpikeReadout.Decision(scores.length == 0 ? FirstSpikeReadout.SILENT : best, tie);
    }

    /**
     * The decision from a device's output membranes, {@code membranes[step][neuron]} over the whole run: the
     * largest mean (or largest maximum) membrane; dividing by the positive scale lambda keeps the argmax.
     */
    @Override
    public FirstSpikeReadout.Decision decideFromMembranes(int[][] membranes, int outputs) {
        return argmax(score == ReadoutScore.MAX ? maxMembranes(membranes, outputs) : meanMembranes(membranes, outputs));
    }

    /** The largest of each output's per-step membrane ({@code membranes[step][neuron]}), in chip units (0 for no step). */
    public static double[] maxMembranes(int[][] membranes, int outputs) {
        double[] s = new double[outputs];
        java.util.Arrays.fill(s, membranes.length == 0 ? 0 : Double.NEGATIVE_INFINITY);
        for (int[] step : membranes) {
            for (int c = 0; c < outputs; c++) {
                s[c] = Math.max(s[c], step[c]);
            }
        }
        return s;
    }

    /** The mean of each output's per-step membrane ({@code membranes[step][neuron]}), in chip units. */
    public static double[] meanMembranes(int[][] membranes, int outputs) {
        double[] s = new double[outputs];
        for (int[] step : membranes) {
            for (int c = 0; c < outputs; c++) {
                s[c] += step[c];
            }
        }
        for (int c = 0; c < outputs; c++) {
            s[c] /= Math.max(1, membranes.length);
        }
        return s;
    }

    /** With windows: the class scores of {@link ReadoutWindows#chipScores}, over the sample's span. */
    @Override
    public FirstSpikeReadout.Decision decideFromMembranes(int[][] membranes, int outputs, InputSpikes in, double dt,
                                                         double delay) {
        if (windows.count() == 1) {
            return decideFromMembranes(membranes, outputs);
        }
        double span = ReadoutWindows.span(in, Double.POSITIVE_INFINITY);
        return argmax(windows.chipScores(membranes, outputs, span, dt, delay));
    }

    @Override
    public int classes(int outputs) {
        return windows.classes(outputs);
    }

    /** One window only (a windowed readout needs the sample's inputs: {@link #decide(FloatNetwork, SpikeRecord, InputSpikes)}). */
    @Override
    public FirstSpikeReadout.Decision decide(FloatNetwork net, SpikeRecord spikes) {
        requireOneWindow(net);
        return argmax(MembraneReadout.of(net).scores(spikes.times()[spikes.layers() - 2], net.tEnd(), score));
    }

    @Override
    public FirstSpikeReadout.Decision decide(FloatNetwork net, SpikeRecord spikes, InputSpikes in) {
        return argmax(MembraneReadout.of(net).classScores(spikes.times()[spikes.layers() - 2], net.tEnd(), score,
                ReadoutWindows.span(in, net.tEnd())));
    }

    @Override
    public Loss loss(FloatNetwork net, int label, InputSpikes in) {
        return new MembraneLoss(net, label, beta, net.tEnd(), burstWeight > 0 ? new BurstPenalty(burstWeight,
                minInterval) : null, score, ReadoutWindows.span(in, net.tEnd()));
    }

    @Override
    public Loss reportLoss(FloatNetwork net, int label, InputSpikes in) {
        return new MembraneLoss(net, label, beta, net.tEnd(), null, score, ReadoutWindows.span(in, net.tEnd()));
    }

    private static void requireOneWindow(FloatNetwork net) {
        if (ReadoutWindows.of(net.outputLayer()).count() > 1) {
            throw new IllegalArgumentException("membrane rule: the readout of this network has "
                    + ReadoutWindows.of(net.outputLayer()).count() + " windows per class, read over each sample's "
                    + "span: pass the sample's inputs");
        }
    }

    /** Refused: the membrane rule needs the network (its readout weights), not output spike times. */
    @Override
    public FirstSpikeReadout.Decision decide(double[][] outputTimes, double tEnd) {
        throw new UnsupportedOperationException("the membrane rule decides from the readout's membranes: use "
                + "decide(network, spikes) or decideFromMembranes");
    }

    @Override
    public Loss loss(FloatNetwork net, int label) {
        requireOneWindow(net);
        return new MembraneLoss(net, label, beta, net.tEnd(), burstWeight > 0 ? new BurstPenalty(burstWeight,
                minInterval) : null, score);
    }

    @Override
    public Loss reportLoss(FloatNetwork net, int label) {
        requireOneWindow(net);
        return new MembraneLoss(net, label, beta, net.tEnd(), null, score);
    }

    /** Refused: the loss reads the readout's weights (use {@link #loss(FloatNetwork, int)}). */
    @Override
    public Loss loss(int label, double tEnd) {
        throw new UnsupportedOperationException("the membrane loss needs the network: use loss(network, label)");
    }

    /** Refused: the loss reads the readout's weights (use {@link #reportLoss(FloatNetwork, int)}). */
    @Override
    public Loss reportLoss(int label, double tEnd) {
        throw new UnsupportedOperationException("the membrane loss needs the network: use reportLoss(network, label)");
    }

    /** None here: the penalty is part of {@link #loss(FloatNetwork, int)} (a readout loss cannot be wrapped). */
    @Override
    public BurstPenalty penalty() {
        return null;
    }

    @Override
    public boolean readsMembranes() {
        return true;
    }
}
