package dev.spikeloop.driver.protocol;

/**
 * The result blob of one RUN request: {@code u32 steps}, the output events, the hidden events,
 * then {@code u8 hasStates} and, if 1, a {@link StateBlock}. Steps are relative to the request's
 * first step.
 *
 * @param steps   steps that were run
 * @param outputs output spike events
 * @param hidden  hidden spike events (every spike time of every hidden neuron, alias copies included)
 * @param states  recorded states, or null
 */
public record RunResultImage(int steps, EventBlock outputs, EventBlock hidden, StateBlock states) {
    /** Generous limits for decoding on the host, which may not know the configuration's sizes. */
    private static final int MAX_NEURONS = 0xFFFF;
    private static final int MAX_COUNT = 0xFF;

    public byte[] encode() {
        PayloadWriter w = new PayloadWriter().u32(steps);
        outputs.writeTo(w);
        hidden.writeTo(w);
        if (states == null) {
            w.u8(0);
        } else {
            w.u8(1);
            states.writeTo(w);
        }
        return w.toByteArray();
    }

    public static RunResultImage decode(byte[] blob) throws MalformedPayloadException {
        PayloadReader r = new PayloadReader(blob);
        int steps = r.u32Max("result steps", Integer.MAX_VALUE);
        EventBlock out = EventBlock.readFrom(r, "output events", steps, MAX_NEURONS, MAX_COUNT);
        EventBlock hid = EventBlock.readFrom(r, "hidden events", steps, MAX_NEURONS, MAX_COUNT);
        int has = r.u8("has states");
        StateBlock states = null;
        if (has == 1) {
            states = StateBlock.readFrom(r);
        } else if (has != 0) {
            throw new MalformedPayloadException("has-states flag is " + has + ", expected 0 or 1");
        }
        r.end("run result");
        return new RunResultImage(steps, out, hid, states);
    }
}
