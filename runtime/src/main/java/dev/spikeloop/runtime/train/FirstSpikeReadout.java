package dev.spikeloop.runtime.train;

/**
 * The class decision of a time-to-first-spike network: the output neuron that fires first wins.
 *
 * <p>Two edge cases are fixed here so every evaluator (float, emulator, chip) decides alike:
 * <ul>
 *   <li>Ties (several outputs share the earliest first-spike time; in float time this needs equal
 *       times, on the chip's 1 ms grid it is common): the lowest index among them wins, and the
 *       decision is marked as a tie so it can be counted.</li>
 *   <li>No output fires: the prediction is {@link #SILENT} (-1), which never matches a label.</li>
 * </ul>
 */
public final class FirstSpikeReadout {
    /** The prediction when no output neuron fires. */
    public static final int SILENT = -1;

    /** A decision: the predicted class ({@link #SILENT} if none) and whether the earliest time was shared. */
    public record Decision(int predicted, boolean tie) {
        /** True when some output fired. */
        public boolean fired() {
            return predicted != SILENT;
        }
    }

    private FirstSpikeReadout() {
    }

    /**
     * Decides from the first-spike time of every output neuron; a non-finite time (NaN or infinity)
     * means the neuron never fired.
     */
    public static Decision decide(double[] firstSpikeTimes) {
        int best = SILENT;
        boolean tie = false;
        for (int k = 0; k < firstSpikeTimes.length; k++) {
            double t = firstSpikeTimes[k];
            if (!Double.isFinite(t)) {
                continue;
            }
            if (best == SILENT || t < firstSpikeTimes[best]) {
                best = k;
                tie = false;
            } else if (t == firstSpikeTimes[best]) {
                tie = true;
            }
        }
        return new Decision(best, tie);
    }
}
