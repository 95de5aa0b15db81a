package dev.spikeloop.driver.protocol;

/**
 * RUN: advance the network {@code steps} steps from its current state, feeding {@code input}
 * (steps relative to the first step of this request, channels as neurons).
 *
 * @param steps number of steps to run (at least 1)
 * @param flags bit 0: record states (debug; the result then carries a state block)
 * @param input input events
 */
public record RunRequest(int steps, int flags, EventBlock input) {
    /** Flag: record membrane potentials and synaptic currents of every step. */
    public static final int FLAG_RECORD_STATES = 1;
    /** Payload bytes before the event block, at most (steps, flags). */
    public static final int OVERHEAD = 5;

    public byte[] toPayload() {
        PayloadWriter w = new PayloadWriter().u32(steps).u8(flags);
        input.writeTo(w);
        return w.toByteArray();
    }

    /** Parses and checks the events against the step count and the chip's channel and count limits. */
    public static RunRequest parse(byte[] payload, int channels, int maxCount) throws MalformedPayloadException {
        PayloadReader r = new PayloadReader(payload);
        int steps = r.u32Max("steps", Integer.MAX_VALUE);
        if (steps < 1) {
            throw new MalformedPayloadException("RUN asks for 0 steps; at least 1 is needed");
        }
        int flags = r.u8("flags");
        EventBlock input = EventBlock.readFrom(r, "input", steps, channels, maxCount);
        r.end("RUN");
        return new RunRequest(steps, flags, input);
    }
}
