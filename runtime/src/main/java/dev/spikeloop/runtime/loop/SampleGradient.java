package dev.spikeloop.runtime.loop;

import dev.spikeloop.runtime.fp.GuardCounts;

/** One sample's share of a batch gradient. */
record SampleGradient(double[] gradient, double loss, boolean correct, GuardCounts guards, int outside) {

    /** A sample's share; a gradient with a larger L2 norm than {@code clip} (> 0) is scaled down to it. */
    static SampleGradient of(double[] gradient, double clip, double loss, boolean correct, GuardCounts guards,
                             int outside) {
        double norm2 = 0;
        for (double v : gradient) {
            if (!Double.isFinite(v)) {
                return new SampleGradient(null, loss, correct, guards == null ? GuardCounts.NONE : guards, outside);
            }
            norm2 += v * v;
        }
        double norm = Math.sqrt(norm2);
        if (clip > 0 && norm > clip) {
            double f = clip / norm;
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] *= f;
            }
        }
        return new SampleGradient(gradient, loss, correct, guards == null ? GuardCounts.NONE : guards, outside);
    }

    static BatchGradient sum(SampleGradient[] per, int size) {
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
        return new BatchGradient(total, loss, correct, per.length, guards, skipped, outside);
    }
}
