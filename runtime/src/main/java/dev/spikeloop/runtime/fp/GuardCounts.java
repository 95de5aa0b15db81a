package dev.spikeloop.runtime.fp;

/**
 * How often the gradient at given spike times had to guard against the model:
 * {@code clampedSlopes} spikes whose membrane slope was not positive and was clamped to the minimum,
 * {@code droppedSpikes} spikes the float model cannot explain that were left out. Both are zero for
 * spikes simulated by the float model itself.
 */
public record GuardCounts(int clampedSlopes, int droppedSpikes) {
    /** No guard fired. */
    public static final GuardCounts NONE = new GuardCounts(0, 0);

    /** Sum of two counts. */
    public GuardCounts plus(GuardCounts other) {
        return new GuardCounts(clampedSlopes + other.clampedSlopes, droppedSpikes + other.droppedSpikes);
    }
}
