package dev.spikeloop.driver.protocol;

/**
 * READ_DIGEST_REPLY (also CONFIG_COMMIT_REPLY): the state of the board's configuration and the
 * SHA-256 of the committed image (all zeros unless {@code state == COMMITTED}).
 */
public record DigestReply(int state, int length, byte[] digest) {
    /** No configuration: never flashed, or a transfer was started and not committed. */
    public static final int NONE = 0;
    /** A complete, verified configuration is loaded. */
    public static final int COMMITTED = 1;
    /** A transfer is in progress (CONFIG_BEGIN seen, no successful CONFIG_COMMIT yet). */
    public static final int RECEIVING = 2;

    public DigestReply {
        if (digest.length != Protocol.DIGEST_BYTES) {
            throw new IllegalArgumentException("digest must be 32 bytes, got " + digest.length);
        }
    }

    public byte[] toPayload() {
        return new PayloadWriter().u8(state).u32(length).bytes(digest).toByteArray();
    }

    public static DigestReply parse(byte[] payload) throws MalformedPayloadException {
        PayloadReader r = new PayloadReader(payload);
        DigestReply d = new DigestReply(r.u8("state"), r.u32Max("length", Integer.MAX_VALUE),
                r.bytes(Protocol.DIGEST_BYTES, "digest"));
        r.end("READ_DIGEST_REPLY");
        return d;
    }

    /** A human name for the state. */
    public String stateName() {
        return switch (state) {
            case NONE -> "none";
            case COMMITTED -> "committed";
            case RECEIVING -> "receiving (incomplete)";
            default -> "unknown state " + state;
        };
    }
}
