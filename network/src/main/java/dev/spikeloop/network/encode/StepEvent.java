package dev.spikeloop.network.encode;

/**
 * One input spike on the chip's time grid: input {@code channel} receives one spike in time step
 * {@code step} (0-based). Several events with the same step and channel mean a spike count.
 */
public record StepEvent(int step, int channel) implements Comparable<StepEvent> {

    public StepEvent {
        if (step < 0 || channel < 0) {
            throw new IllegalArgumentException("step event: step and channel must be >= 0, got step "
                    + step + ", channel " + channel);
        }
    }

    /** Orders by step, then channel (the order in which the chip consumes input). */
    @Override
    public int compareTo(StepEvent o) {
        int c = Integer.compare(step, o.step);
        return c != 0 ? c : Integer.compare(channel, o.channel);
    }
}
