package dev.spikeloop.driver.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Reads a payload written by {@link PayloadWriter}. Every read is bounds-checked and fails with a
 * {@link MalformedPayloadException} naming the field, so a short or damaged payload is an error,
 * never an out-of-bounds crash.
 */
public final class PayloadReader {
    private final byte[] data;
    private int pos;

    public PayloadReader(byte[] data) {
        this.data = data;
    }

    private void need(int n, String field) throws MalformedPayloadException {
        if (n > data.length - pos) {
            throw new MalformedPayloadException("payload ends inside field '" + field + "' (offset " + pos
                    + ", needs " + n + " bytes, " + (data.length - pos) + " left)");
        }
    }

    public int u8(String field) throws MalformedPayloadException {
        need(1, field);
        return data[pos++] & 0xFF;
    }

    public int u16(String field) throws MalformedPayloadException {
        need(2, field);
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    public int i16(String field) throws MalformedPayloadException {
        return (short) u16(field);
    }

    public long u32(String field) throws MalformedPayloadException {
        need(4, field);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (long) (data[pos + i] & 0xFF) << (8 * i);
        }
        pos += 4;
        return v;
    }

    /** A u32 that must fit a non-negative int no larger than {@code max}. */
    public int u32Max(String field, int max) throws MalformedPayloadException {
        long v = u32(field);
        if (v > max) {
            throw new MalformedPayloadException("field '" + field + "' = " + v + " exceeds the limit " + max);
        }
        return (int) v;
    }

    /** An unsigned varint no larger than {@code max}. */
    public int varint(String field, int max) throws MalformedPayloadException {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            if (shift > 28) {
                throw new MalformedPayloadException("field '" + field + "' is a varint longer than 5 bytes");
            }
            int b = u8(field);
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        // compared once complete: a partial sum is not the value the sender meant
        if (v > max) {
            throw new MalformedPayloadException("field '" + field + "' = " + v + " exceeds the limit " + max);
        }
        return (int) v;
    }

    public byte[] bytes(int n, String field) throws MalformedPayloadException {
        need(n, field);
        byte[] b = new byte[n];
        System.arraycopy(data, pos, b, 0, n);
        pos += n;
        return b;
    }

    public String string8(String field) throws MalformedPayloadException {
        int n = u8(field);
        return new String(bytes(n, field), StandardCharsets.UTF_8);
    }

    public String string16(String field) throws MalformedPayloadException {
        int n = u16(field);
        return new String(bytes(n, field), StandardCharsets.UTF_8);
    }

    /** Everything not read yet. */
    public byte[] rest() {
        byte[] b = new byte[data.length - pos];
        System.arraycopy(data, pos, b, 0, b.length);
        pos = data.length;
        return b;
    }

    public int remaining() {
        return data.length - pos;
    }

    /** Fails when bytes are left over: a payload longer than its fields is malformed too. */
    public void end(String message) throws MalformedPayloadException {
        if (pos != data.length) {
            throw new MalformedPayloadException(message + ": " + (data.length - pos) + " unexpected trailing bytes");
        }
    }
}
