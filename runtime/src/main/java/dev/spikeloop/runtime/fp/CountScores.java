package dev.spikeloop.runtime.fp;

/**
 * Time-weighted spike counts of the output neurons, the score behind the temporal decision rule
 * and {@link CountLoss}: every spike of output {@code k} at time {@code f} before the deadline
 * {@code T} adds {@code (T - f)/T}, so
 * {@code score_k = sum_{f in F_k, f < T} (T - f)/T}.
 *
 * <p>Why this weight: a spike adds close to one (it is still a count), its time gives the score an
 * exact gradient ({@code d score/d f = -1/T}), and a spike appearing or vanishing at the deadline
 * (the usual way the count changes as weights move) changes the score continuously, by nothing.
 * The same function scores float simulations and the times a device returns.
 */
public final class CountScores {
    private CountScores() {
    }

    /**
     * The score of every output neuron.
     *
     * @param outputTimes spike times per output neuron (ascending)
     * @param deadline    {@code T} (seconds, > 0); spikes at or after it score 0
     */
    public static double[] of(double[][] outputTimes, double deadline) {
        if (!(deadline > 0) || !Double.isFinite(deadline)) {
            throw new IllegalArgumentException("count scores: the deadline must be a finite number > 0 seconds, got "
                    + deadline);
        }
        double[] s = new double[outputTimes.length];
        for (int k = 0; k < s.length; k++) {
            for (double f : outputTimes[k]) {
                if (f < deadline) {
                    s[k] += (deadline - f) / deadline;
                }
            }
        }
        return s;
    }
}
