package dev.spikeloop.runtime.train;

/**
 * The learning rate per epoch (0-based). Two shapes: {@link Kind#STEP} multiplies the initial rate
 * by {@code factor} every {@code every} epochs; {@link Kind#COSINE} anneals from the initial rate to
 * {@code initial * factor} along half a cosine over {@code every} epochs and then stays there.
 */
public record LearningRateSchedule(Kind kind, double initial, double factor, int every) {

    /** Shape of the schedule. */
    public enum Kind { STEP, COSINE }

    public LearningRateSchedule {
        if (kind == null) {
            throw new IllegalArgumentException("learning-rate schedule: kind is required");
        }
        if (!(initial > 0) || !Double.isFinite(initial)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + initial);
        }
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("learning-rate factor must lie in (0, 1], got " + factor);
        }
        if (every < 1) {
            throw new IllegalArgumentException("learning-rate schedule period must be >= 1 epoch, got " + every);
        }
    }

    /** A constant rate. */
    public static LearningRateSchedule constant(double rate) {
        return new LearningRateSchedule(Kind.STEP, rate, 1.0, 1);
    }

    /** Cosine annealing from {@code initial} to {@code initial * finalFactor} over {@code epochs}. */
    public static LearningRateSchedule cosine(double initial, double finalFactor, int epochs) {
        return new LearningRateSchedule(Kind.COSINE, initial, finalFactor, Math.max(1, epochs));
    }

    /** The rate for {@code epoch} (0-based). */
    public double rate(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        return switch (kind) {
            case STEP -> initial * Math.pow(factor, epoch / every);
            case COSINE -> {
                double x = Math.min(1.0, epoch / (double) every);
                double low = initial * factor;
                yield low + (initial - low) * 0.5 * (1 + Math.cos(Math.PI * x));
            }
        };
    }
}
