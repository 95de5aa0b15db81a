package dev.spikeloop.runtime.train;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.runtime.fp.GuardCounts;
import dev.spikeloop.runtime.fp.ParameterVector;

import java.util.List;

/**
 * One sample's share of a batch gradient, finished by the one rule of training and fine-tuning
 * ({@link #finish}).
 *
 * @param gradient the finished gradient in {@link ParameterVector} order, or null when the sample is
 *                 unusable (a degenerate sample, e.g. a grazing threshold crossing, is skipped, not fatal)
 * @param loss     the sample's loss
 * @param correct  whether the spikes the gradient was taken at decide for the sample's label
 * @param guards   guards the FP engine needed (clamped slopes, dropped spikes)
 * @param outside  measured spikes left out because they fell outside the model's window
 */
public record SampleGradient(double[] gradient, double loss, boolean correct, GuardCounts guards, int outside) {

    /**
     * Finishes a raw FP-engine gradient: a sample whose gradient (or, for a null {@code raw}, whose
     * loss) is not finite is unusable; a gradient with a larger L2 norm than {@code clip} (> 0) is
     * scaled down to it; then the {@link ActivityPush} terms are added.
     *
     * @param raw         the engine's gradient in {@link ParameterVector} order (null: unusable)
     * @param counts      spikes per neuron where the gradient was taken ({@code [layer][neuron]})
     * @param inputCounts spikes per input channel
     */
    public static SampleGradient finish(double[] raw, double loss, boolean correct, GuardCounts guards, int outside,
                                        double clip, ActivityPush push, FloatNetwork net, ParameterVector vector,
                                        int[][] counts, double[] inputCounts) {
        GuardCounts g = guards == null ? GuardCounts.NONE : guards;
        if (raw == null) {
            return new SampleGradient(null, loss, correct, g, outside);
        }
        double norm2 = 0;
        for (double v : raw) {
            if (!Double.isFinite(v)) {
                return new SampleGradient(null, loss, correct, g, outside);
            }
            norm2 += v * v;
        }
        double norm = Math.sqrt(norm2);
        if (clip > 0 && norm > clip) {
            double f = clip / norm;
            for (int i = 0; i < raw.length; i++) {
                raw[i] *= f;
            }
        }
        push.addTo(raw, net, vector, counts, inputCounts);
        return new SampleGradient(raw, loss, correct, g, outside);
    }

    /**
     * The batch: the mean of the usable gradients, summed in batch order (so reproducible bit for bit
     * for any thread count), and the sum of their finite losses.
     */
    public static BatchGradient sum(List<SampleGradient> per, int size) {
        double[] total = new double[size];
        double loss = 0;
        int correct = 0;
        int used = 0;
        int skipped = 0;
        int outside = 0;
        GuardCounts guards = GuardCounts.NONE;
        for (SampleGradient s : per) {
            guards = guards.plus(s.guards());
            outside += s.outside();
            if (s.correct()) {
                correct++;
            }
            if (s.gradient() == null) {
                skipped++;
                continue;
            }
            if (Double.isFinite(s.loss())) {
                loss += s.loss();
            }
            for (int i = 0; i < size; i++) {
                total[i] += s.gradient()[i];
            }
            used++;
        }
        if (used > 0) {
            for (int i = 0; i < size; i++) {
                total[i] /= used;
            }
        }
        return new BatchGradient(total, loss, correct, per.size(), guards, skipped, outside);
    }
}
