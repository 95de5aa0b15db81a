package dev.spikeloop.driver.protocol;

import java.util.zip.CRC32C;

/**
 * Turns a {@link Frame} into wire bytes: {@code 0x00, COBS(header, payload, CRC-32C), 0x00}. The
 * leading delimiter ends any garbage the receiver may hold, so one bad byte costs one frame.
 */
public final class FrameEncoder {
    private FrameEncoder() {
    }

    /** The decoded frame body (header, payload, CRC), before COBS. */
    public static byte[] body(Frame frame) {
        int n = Protocol.HEADER_BYTES + frame.payload().length;
        byte[] raw = new byte[n + Protocol.CRC_BYTES];
        raw[0] = (byte) frame.version();
        raw[1] = (byte) frame.type();
        raw[2] = (byte) frame.seq();
        raw[3] = (byte) (frame.seq() >>> 8);
        System.arraycopy(frame.payload(), 0, raw, Protocol.HEADER_BYTES, frame.payload().length);
        int crc = crc32c(raw, 0, n);
        raw[n] = (byte) crc;
        raw[n + 1] = (byte) (crc >>> 8);
        raw[n + 2] = (byte) (crc >>> 16);
        raw[n + 3] = (byte) (crc >>> 24);
        return raw;
    }

    /** The wire bytes of a frame, delimiters included. */
    public static byte[] encode(Frame frame) {
        byte[] raw = body(frame);
        byte[] cobs = Cobs.encode(raw, 0, raw.length);
        byte[] wire = new byte[cobs.length + 2];
        System.arraycopy(cobs, 0, wire, 1, cobs.length);
        return wire;
    }

    /** CRC-32C (Castagnoli) of a byte range. */
    public static int crc32c(byte[] data, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(data, off, len);
        return (int) crc.getValue();
    }
}
