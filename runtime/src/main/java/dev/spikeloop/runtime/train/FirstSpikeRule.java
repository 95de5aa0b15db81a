package dev.spikeloop.runtime.train;

import dev.spikeloop.runtime.fp.Loss;
import dev.spikeloop.runtime.fp.TtfsLoss;

/**
 * The time-to-first-spike rule: the output that fires first wins ({@link FirstSpikeReadout}); the
 * loss is {@link TtfsLoss} with the optional early-label regulariser.
 *
 * @param tau0  softmax scale (seconds)
 * @param gamma early-label regulariser weight (0: off)
 * @param tau1  its time scale (seconds)
 */
public record FirstSpikeRule(double tau0, double gamma, double tau1) implements DecisionRule {
    @Override
    public String name() {
        return "ttfs";
    }

    @Override
    public String describe() {
        return "ttfs(tau0=" + tau0 + ",gamma=" + gamma + ",tau1=" + tau1 + ")";
    }

    @Override
    public FirstSpikeReadout.Decision decide(double[][] outputTimes, double tEnd) {
        double[] first = new double[outputTimes.length];
        for (int k = 0; k < first.length; k++) {
            first[k] = outputTimes[k].length == 0 ? Double.NaN : outputTimes[k][0];
        }
        return FirstSpikeReadout.decide(first);
    }

    @Override
    public Loss loss(int label, double tEnd) {
        return new TtfsLoss(label, tau0, gamma, tau1);
    }

    @Override
    public Loss reportLoss(int label, double tEnd) {
        return new TtfsLoss(label, tau0);
    }
}
