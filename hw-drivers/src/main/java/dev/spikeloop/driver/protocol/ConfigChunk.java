package dev.spikeloop.driver.protocol;

/**
 * CONFIG_CHUNK: bytes {@code [offset, offset + data.length)} of the image. Chunks are sent in
 * order; a repeated chunk (a retry) rewrites the same bytes, so it is harmless.
 */
public record ConfigChunk(int offset, byte[] data) {
    /** Payload bytes before the data. */
    public static final int OVERHEAD = 4;

    public byte[] toPayload() {
        return new PayloadWriter().u32(offset).bytes(data).toByteArray();
    }

    public static ConfigChunk parse(byte[] payload) throws MalformedPayloadException {
        PayloadReader r = new PayloadReader(payload);
        return new ConfigChunk(r.u32Max("offset", Integer.MAX_VALUE), r.rest());
    }
}
