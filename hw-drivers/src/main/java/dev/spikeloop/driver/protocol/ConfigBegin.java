package dev.spikeloop.driver.protocol;

/**
 * CONFIG_BEGIN: announces a configuration image of {@code length} bytes whose SHA-256 is
 * {@code sha256}. The board drops its committed configuration at once, so an interrupted transfer
 * leaves a board with no configuration rather than a half-written one.
 */
public record ConfigBegin(int length, byte[] sha256) {
    public ConfigBegin {
        if (sha256.length != Protocol.DIGEST_BYTES) {
            throw new IllegalArgumentException("SHA-256 digest must be 32 bytes, got " + sha256.length);
        }
    }

    public byte[] toPayload() {
        return new PayloadWriter().u32(length).bytes(sha256).toByteArray();
    }

    public static ConfigBegin parse(byte[] payload) throws MalformedPayloadException {
        PayloadReader r = new PayloadReader(payload);
        ConfigBegin b = new ConfigBegin(r.u32Max("length", Integer.MAX_VALUE), r.bytes(Protocol.DIGEST_BYTES, "sha256"));
        r.end("CONFIG_BEGIN");
        return b;
    }
}
