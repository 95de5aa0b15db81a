package dev.spikeloop.compiler.hdf5;

import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * One dataset as it will be stored: element type, shape (empty for a scalar) and the values in
 * row-major order ({@code float[]}, {@code double[]}, {@code long[]} or {@code String[]} to match
 * the type). The arrays are copied in, so later changes by the caller do not reach the file.
 *
 * @param type   the element type
 * @param dims   the shape; {@code {}} for a scalar
 * @param values the elements, row-major; as many as the product of {@code dims}
 */
record Hdf5Dataset(Hdf5Type type, long[] dims, Object values) {
    /** HDF5's limit on the rank of a dataspace. */
    static final int MAX_RANK = 32;

    Hdf5Dataset {
        dims = dims.clone();
        if (dims.length > MAX_RANK) {
            throw new IllegalArgumentException("an HDF5 dataset has at most " + MAX_RANK + " dimensions, got "
                    + dims.length);
        }
        long count = 1;
        for (long d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(dims));
            }
            count = Math.multiplyExact(count, d);
        }
        Class<?> expected = switch (type) {
            case FLOAT32 -> float[].class;
            case FLOAT64 -> double[].class;
            case INT64 -> long[].class;
            case VLEN_UTF8_STRING -> String[].class;
        };
        if (values == null || values.getClass() != expected) {
            throw new IllegalArgumentException(type + " data must be a " + expected.getSimpleName());
        }
        int length = Array.getLength(values);
        if (length != count) {
            throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " holds " + count
                    + " elements, got " + length);
        }
        if (values instanceof String[] s) {
            for (int i = 0; i < s.length; i++) {
                if (s[i] == null) {
                    throw new IllegalArgumentException("string element " + i + " is null");
                }
                if (!Hdf5Group.isWellFormed(s[i])) {
                    throw new IllegalArgumentException("string element " + i + " is not valid Unicode (it has an"
                            + " unpaired surrogate)");
                }
            }
            values = s.clone();
        } else if (values instanceof float[] f) {
            values = f.clone();
        } else if (values instanceof double[] d) {
            values = d.clone();
        } else {
            values = ((long[]) values).clone();
        }
    }

    /** Number of elements. */
    int count() {
        return Array.getLength(values);
    }

    /** Bytes of raw data in the file. */
    long byteSize() {
        return (long) count() * type.elementSize();
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hdf5Dataset d && type == d.type && Arrays.equals(dims, d.dims)
                && Arrays.deepEquals(new Object[] {values}, new Object[] {d.values});
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type.hashCode() + Arrays.hashCode(dims)) + Arrays.deepHashCode(new Object[] {values});
    }

    @Override
    public String toString() {
        return "Hdf5Dataset[" + type + " " + Arrays.toString(dims) + "]";
    }
}
