package dev.spikeloop.chipconfig.npy;

import java.util.Arrays;
import java.util.Optional;

/**
 * The NumPy element types this reader and writer handle: booleans, signed and unsigned integers
 * of 1..8 bytes and IEEE floats of 4 and 8 bytes. Strings, objects (pickles), complex numbers and
 * structured types are refused by name.
 */
public enum NpyDtype {
    BOOL('b', 1), INT8('i', 1), UINT8('u', 1), INT16('i', 2), UINT16('u', 2), INT32('i', 4), UINT32('u', 4),
    INT64('i', 8), UINT64('u', 8), FLOAT32('f', 4), FLOAT64('f', 8);

    private final char kind;
    private final int size;

    NpyDtype(char kind, int size) {
        this.kind = kind;
        this.size = size;
    }

    /** NumPy's kind character: {@code b}, {@code i}, {@code u} or {@code f}. */
    public char kind() {
        return kind;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** True for the integer kinds (signed and unsigned). */
    public boolean isInteger() {
        return kind == 'i' || kind == 'u';
    }

    /** True for the float kinds. */
    public boolean isFloat() {
        return kind == 'f';
    }

    /** NumPy's name, e.g. {@code int8} or {@code float64}. */
    public String numpyName() {
        return switch (kind) {
            case 'b' -> "bool";
            case 'i' -> "int" + 8 * size;
            case 'u' -> "uint" + 8 * size;
            default -> "float" + 8 * size;
        };
    }

    /** The little-endian descriptor this writer uses, e.g. {@code <i2} ({@code |i1} for one byte). */
    public String descr() {
        return (size == 1 ? "|" : "<") + kind + size;
    }

    /** The type of kind and size, if supported. */
    public static Optional<NpyDtype> of(char kind, int size) {
        return Arrays.stream(values()).filter(t -> t.kind == kind && t.size == size).findFirst();
    }

    /** Smallest value of an integer type (for UINT64 and the floats: not meaningful). */
    long minValue() {
        return kind == 'u' || kind == 'b' ? 0 : size == 8 ? Long.MIN_VALUE : -(1L << (8 * size - 1));
    }

    /** Largest value of an integer type (UINT64 is held in a signed long, so its limit is Long.MAX_VALUE). */
    long maxValue() {
        if (kind == 'b') {
            return 1;
        }
        if (size == 8) {
            return Long.MAX_VALUE;
        }
        return kind == 'u' ? (1L << (8 * size)) - 1 : (1L << (8 * size - 1)) - 1;
    }
}
