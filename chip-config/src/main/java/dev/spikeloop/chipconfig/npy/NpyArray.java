package dev.spikeloop.chipconfig.npy;

import java.util.Arrays;

/**
 * One NumPy array in C (row-major) order: its element type, shape (empty for a 0-d scalar) and
 * values, held as {@code long}s for booleans and integers or as {@code double}s for floats.
 * Immutable.
 */
public final class NpyArray {
    private final NpyDtype dtype;
    private final int[] shape;
    private final long[] ints;
    private final double[] floats;

    private NpyArray(NpyDtype dtype, int[] shape, long[] ints, double[] floats) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.ints = ints;
        this.floats = floats;
        long n = count(shape);
        long have = ints != null ? ints.length : floats.length;
        if (n != have) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got " + have);
        }
    }

    /**
     * An integer or boolean array.
     *
     * @throws IllegalArgumentException when a value does not fit {@code dtype} or the count does not
     *                                  match the shape
     */
    public static NpyArray ofLongs(NpyDtype dtype, int[] shape, long[] values) {
        if (dtype.isFloat()) {
            throw new IllegalArgumentException(dtype.numpyName() + " is not an integer type");
        }
        for (int k = 0; k < values.length; k++) {
            if (values[k] < dtype.minValue() || values[k] > dtype.maxValue()) {
                throw new IllegalArgumentException("value " + values[k] + " at " + k + " does not fit " + dtype.numpyName());
            }
        }
        return new NpyArray(dtype, shape, values.clone(), null);
    }

    /** An integer array from ints. */
    public static NpyArray ofInts(NpyDtype dtype, int[] shape, int[] values) {
        return ofLongs(dtype, shape, Arrays.stream(values).asLongStream().toArray());
    }

    /** A float array. */
    public static NpyArray ofDoubles(NpyDtype dtype, int[] shape, double[] values) {
        if (!dtype.isFloat()) {
            throw new IllegalArgumentException(dtype.numpyName() + " is not a float type");
        }
        double[] v = values.clone();
        if (dtype == NpyDtype.FLOAT32) {
            for (int k = 0; k < v.length; k++) {
                v[k] = (float) v[k];
            }
        }
        return new NpyArray(dtype, shape, null, v);
    }

    /** A 0-d integer scalar. */
    public static NpyArray scalar(NpyDtype dtype, long value) {
        return ofLongs(dtype, new int[0], new long[] {value});
    }

    /** A 0-d float scalar. */
    public static NpyArray scalar(double value) {
        return ofDoubles(NpyDtype.FLOAT64, new int[0], new double[] {value});
    }

    /** Package use: wraps arrays the reader built, without copying. */
    static NpyArray wrap(NpyDtype dtype, int[] shape, long[] ints, double[] floats) {
        return new NpyArray(dtype, shape, ints, floats);
    }

    public NpyDtype dtype() {
        return dtype;
    }

    /** The shape; empty for a 0-d array. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int ndim() {
        return shape.length;
    }

    /** Number of elements. */
    public int size() {
        return ints != null ? ints.length : floats.length;
    }

    /** Element k (row-major) as a long; floats are truncated, so check {@link #isIntegral(int)} first. */
    public long longAt(int k) {
        return ints != null ? ints[k] : (long) floats[k];
    }

    /** Element k (row-major) as a double. */
    public double doubleAt(int k) {
        return ints != null ? ints[k] : floats[k];
    }

    /** True when element k is a whole number (always, for integer and boolean arrays). */
    public boolean isIntegral(int k) {
        return ints != null || (Double.isFinite(floats[k]) && floats[k] == Math.rint(floats[k]));
    }

    /** Shape as NumPy prints it, e.g. {@code (3, 4)}, {@code (5,)} or {@code ()}. */
    public String shapeText() {
        return shapeText(shape);
    }

    /** A shape as NumPy prints it. */
    public static String shapeText(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder b = new StringBuilder("(");
        for (int d = 0; d < shape.length; d++) {
            b.append(d == 0 ? "" : ", ").append(shape[d]);
        }
        return b.append(')').toString();
    }

    static long count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large");
            }
        }
        return n;
    }

    long[] rawLongs() {
        return ints;
    }

    double[] rawDoubles() {
        return floats;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && a.dtype == dtype && Arrays.equals(a.shape, shape)
                && Arrays.equals(a.ints, ints) && Arrays.equals(a.floats, floats);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(ints) + Arrays.hashCode(floats);
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype.numpyName() + " " + shapeText() + "]";
    }
}
