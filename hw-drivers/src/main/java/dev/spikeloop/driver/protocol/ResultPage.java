package dev.spikeloop.driver.protocol;

/** RESULT_PAGE request ({@code data} empty) and reply: bytes of the held blob from {@code offset}. */
public record ResultPage(int offset, byte[] data) {
    public static final int OVERHEAD = 4;

    public byte[] toPayload() {
        return new PayloadWriter().u32(offset).bytes(data).toByteArray();
    }

    public static ResultPage parse(byte[] payload) throws MalformedPayloadException {
        PayloadReader r = new PayloadReader(payload);
        return new ResultPage(r.u32Max("offset", Integer.MAX_VALUE), r.rest());
    }
}
