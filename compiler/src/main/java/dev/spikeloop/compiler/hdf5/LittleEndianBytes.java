package dev.spikeloop.compiler.hdf5;

import java.util.Arrays;

/** A growable byte array written in little-endian order (every HDF5 field this writer emits is little-endian). */
final class LittleEndianBytes {
    /** The largest array the JVM reliably allocates. */
    static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    private byte[] bytes = new byte[256];
    private int size;

    int size() {
        return size;
    }

    LittleEndianBytes u8(int v) {
        ensure(1);
        bytes[size++] = (byte) v;
        return this;
    }

    LittleEndianBytes u16(int v) {
        return u8(v).u8(v >>> 8);
    }

    LittleEndianBytes u32(long v) {
        return u16((int) v).u16((int) (v >>> 16));
    }

    LittleEndianBytes u64(long v) {
        return u32(v).u32(v >>> 32);
    }

    /** An unsigned value in {@code width} bytes (1, 2, 4 or 8). */
    LittleEndianBytes uint(long v, int width) {
        for (int i = 0; i < width; i++) {
            u8((int) (v >>> (8 * i)));
        }
        return this;
    }

    LittleEndianBytes bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
        return this;
    }

    /** Zeros up to the next multiple of {@code n}. */
    LittleEndianBytes padTo(int n) {
        while (size % n != 0) {
            u8(0);
        }
        return this;
    }

    /** Overwrites {@code b.length} bytes at {@code at} (a region reserved earlier). */
    void overwrite(int at, byte[] b) {
        System.arraycopy(b, 0, bytes, at, b.length);
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** The bytes {@code [from, to)}. */
    byte[] range(int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }

    private void ensure(int more) {
        long needed = (long) size + more;
        if (needed > bytes.length) {
            if (needed > MAX_SIZE) {
                throw new IllegalStateException("the HDF5 file would exceed " + MAX_SIZE + " bytes, the most this"
                        + " in-memory writer holds");
            }
            bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_SIZE, Math.max(2L * bytes.length, needed)));
        }
    }
}
