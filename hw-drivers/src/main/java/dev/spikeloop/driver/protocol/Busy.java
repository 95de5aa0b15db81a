package dev.spikeloop.driver.protocol;

/**
 * BUSY: sent by the board at least every {@code BUSY_INTERVAL} while it works on a long request,
 * so the host can keep a short timeout and still wait for a long run.
 *
 * @param done  work done so far (steps for RUN)
 * @param total total work
 */
public record Busy(long done, long total) {
    /** The board sends BUSY at least this often (milliseconds) while working. */
    public static final int INTERVAL_MS = 200;

    public byte[] toPayload() {
        return new PayloadWriter().u32(done).u32(total).toByteArray();
    }

    public static Busy parse(byte[] payload) throws MalformedPayloadException {
        PayloadReader r = new PayloadReader(payload);
        return new Busy(r.u32("done"), r.u32("total"));
    }
}
