package dev.spikeloop.runtime.train;

import dev.spikeloop.runtime.fp.BurstPenalty;
import dev.spikeloop.runtime.fp.CountLoss;
import dev.spikeloop.runtime.fp.CountScores;
import dev.spikeloop.runtime.fp.Loss;

/**
 * The temporal rule for streams: the output with the largest time-weighted spike count
 * ({@link CountScores}, deadline = the window's end) wins; the loss is {@link CountLoss}, in
 * training plus the {@link BurstPenalty} on hidden spikes when {@code burstWeight > 0}.
 *
 * <p>Ties (equal scores, e.g. two outputs with the same spike steps on a chip) go to the lowest
 * index and are counted; no output spike before the deadline is no class.
 *
 * @param beta          softmax scale in spikes (> 0)
 * @param burstWeight   weight of the burst penalty ({@code >= 0})
 * @param minInterval   its minimum interval, seconds (> 0)
 */
public record CountRule(double beta, double burstWeight, double minInterval) implements DecisionRule {
    public CountRule {
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("count rule: beta must be a finite number > 0, got " + beta);
        }
        new BurstPenalty(burstWeight, minInterval);   // validates both
    }

    @Override
    public String name() {
        return "count";
    }

    @Override
    public String describe() {
        return "count(beta=" + beta + ",burst=" + burstWeight + ",minInterval=" + minInterval + ")";
    }

    @Override
    public FirstSpikeReadout.Decision decide(double[][] outputTimes, double tEnd) {
        double[] s = CountScores.of(outputTimes, tEnd);
        int best = FirstSpikeReadout.SILENT;
        boolean tie = false;
        for (int k = 0; k < s.length; k++) {
            if (!(s[k] > 0)) {
                continue;
            }
            if (best == FirstSpikeReadout.SILENT || s[k] > s[best]) {
                best = k;
                tie = false;
            } else if (s[k] == s[best]) {
                tie = true;
            }
        }
        return new FirstSpikeReadout.Decision(best, tie);
    }

    @Override
    public Loss loss(int label, double tEnd) {
        return new CountLoss(label, beta, tEnd);
    }

    @Override
    public BurstPenalty penalty() {
        return burstWeight > 0 ? new BurstPenalty(burstWeight, minInterval) : null;
    }

    @Override
    public Loss reportLoss(int label, double tEnd) {
        return new CountLoss(label, beta, tEnd);
    }
}
