package dev.spikeloop.driver.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds a payload: little-endian fixed-width integers, unsigned LEB128 varints, short strings. */
public final class PayloadWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public PayloadWriter u8(int v) {
        out.write(v);
        return this;
    }

    public PayloadWriter u16(int v) {
        out.write(v);
        out.write(v >>> 8);
        return this;
    }

    public PayloadWriter u32(long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    public PayloadWriter i16(int v) {
        return u16(v & 0xFFFF);
    }

    /** Unsigned varint (7 bits per byte, low group first, high bit = more). */
    public PayloadWriter varint(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("varint must not be negative: " + v);
        }
        while (v >= 0x80) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
        return this;
    }

    public PayloadWriter bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    public PayloadWriter bytes(byte[] b, int off, int len) {
        out.write(b, off, len);
        return this;
    }

    /** A UTF-8 string with a one-byte length (at most 255 bytes; longer strings are cut). */
    public PayloadWriter string8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(b.length, 255);
        u8(n);
        out.write(b, 0, n);
        return this;
    }

    /** A UTF-8 string with a two-byte length, cut to fit {@code maxBytes}. */
    public PayloadWriter string16(String s, int maxBytes) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(b.length, Math.min(maxBytes, 0xFFFF));
        u16(n);
        out.write(b, 0, n);
        return this;
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
