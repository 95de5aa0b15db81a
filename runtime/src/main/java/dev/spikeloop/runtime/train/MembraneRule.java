package dev.spikeloop.runtime.train;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.runtime.fp.BurstPenalty;
import dev.spikeloop.runtime.fp.Loss;
import dev.spikeloop.runtime.fp.MembraneLoss;
import dev.spikeloop.runtime.fp.MembraneReadout;
import dev.spikeloop.runtime.fp.ReadoutScore;
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
 * @param score       mean or max of the membrane over the window
 */
public record MembraneRule(double beta, double burstWeight, double minInterval, ReadoutScore score)
        implements DecisionRule {
    public MembraneRule {
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("membrane rule: beta must be a finite number > 0, got " + beta);
        }
        new BurstPenalty(burstWeight, minInterval);   // validates both
        score = score == null ? ReadoutScore.MEAN : score;
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
        return "membrane(score=" + score + ",beta=" + beta + ",burst=" + burstWeight + ",minInterval=" + minInterval + ")";
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

    @Override
    public FirstSpikeReadout.Decision decide(FloatNetwork net, SpikeRecord spikes) {
        return argmax(MembraneReadout.of(net).scores(spikes.times()[spikes.layers() - 2], net.tEnd(), score));
    }

    /** Refused: the membrane rule needs the network (its readout weights), not output spike times. */
    @Override
    public FirstSpikeReadout.Decision decide(double[][] outputTimes, double tEnd) {
        throw new UnsupportedOperationException("the membrane rule decides from the readout's membranes: use "
                + "decide(network, spikes) or decideFromMembranes");
    }

    @Override
    public Loss loss(FloatNetwork net, int label) {
        return new MembraneLoss(net, label, beta, net.tEnd(), burstWeight > 0 ? new BurstPenalty(burstWeight,
                minInterval) : null, score);
    }

    @Override
    public Loss reportLoss(FloatNetwork net, int label) {
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
