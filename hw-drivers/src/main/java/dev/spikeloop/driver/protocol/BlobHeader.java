package dev.spikeloop.driver.protocol;

/**
 * RUN_REPLY and READ_STATE_REPLY: a result too large for one frame is held by the board as a
 * blob and read in pages. The reply carries the blob's length, its CRC-32C (an end-to-end check
 * after reassembly) and the first page; RESULT_PAGE fetches the rest.
 */
public record BlobHeader(int length, int crc, byte[] firstPage) {
    /** Payload bytes before the first page. */
    public static final int OVERHEAD = 8;

    public byte[] toPayload() {
        return new PayloadWriter().u32(length).u32(crc & 0xFFFFFFFFL).bytes(firstPage).toByteArray();
    }

    public static BlobHeader parse(byte[] payload) throws MalformedPayloadException {
        PayloadReader r = new PayloadReader(payload);
        int length = r.u32Max("blob length", Integer.MAX_VALUE - 8);
        int crc = (int) r.u32("blob crc");
        byte[] first = r.rest();
        if (first.length > length) {
            throw new MalformedPayloadException("first page of " + first.length + " bytes is longer than the blob ("
                    + length + ")");
        }
        return new BlobHeader(length, crc, first);
    }
}
