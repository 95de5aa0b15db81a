package dev.spikeloop.compiler.hdf5;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HDF5 group being built in memory: named child groups and datasets, kept in the order they
 * were added (the order {@link Hdf5Writer} writes the links in). Values are copied when added.
 *
 * <p>Names are HDF5 link names: not empty, no {@code /} (the path separator), not {@code .}, no
 * NUL character, unique within the group. A name that breaks these rules is refused with an
 * {@link IllegalArgumentException} naming it.
 */
public final class Hdf5Group {
    private static final long[] SCALAR = new long[0];

    private final Map<String, Object> children = new LinkedHashMap<>();

    /** An empty group (use one as the file's root group). */
    public Hdf5Group() {
    }

    /** Adds and returns a new child group. */
    public Hdf5Group group(String name) {
        Hdf5Group g = new Hdf5Group();
        add(name, g);
        return g;
    }

    /** A scalar variable-length UTF-8 string, as h5py writes {@code create_dataset(name, data=s, dtype=string_dtype())}. */
    public void putString(String name, String value) {
        add(name, new Hdf5Dataset(Hdf5Type.VLEN_UTF8_STRING, SCALAR, new String[] {value}));
    }

    /** A 2-D array of variable-length UTF-8 strings (rows of equal length; NIR's edge list is n x 2). */
    public void putStrings(String name, String[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        String[] flat = new String[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            requireLength(name, i, rows[i].length, cols);
            System.arraycopy(rows[i], 0, flat, i * cols, cols);
        }
        add(name, new Hdf5Dataset(Hdf5Type.VLEN_UTF8_STRING, new long[] {rows.length, cols}, flat));
    }

    /** A 1-D float64 array. */
    public void putFloat64(String name, double[] values) {
        putFloat64(name, new long[] {values.length}, values);
    }

    /** A 2-D float64 array (rectangular). */
    public void putFloat64(String name, double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] flat = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            requireLength(name, i, rows[i].length, cols);
            System.arraycopy(rows[i], 0, flat, i * cols, cols);
        }
        putFloat64(name, new long[] {rows.length, cols}, flat);
    }

    /** A float64 array of any shape ({@code dims} empty: a scalar), values row-major. */
    public void putFloat64(String name, long[] dims, double[] values) {
        add(name, new Hdf5Dataset(Hdf5Type.FLOAT64, dims, values));
    }

    /** A float32 array of any shape ({@code dims} empty: a scalar), values row-major. */
    public void putFloat32(String name, long[] dims, float[] values) {
        add(name, new Hdf5Dataset(Hdf5Type.FLOAT32, dims, values));
    }

    /** A 1-D int64 array. */
    public void putInt64(String name, long[] values) {
        putInt64(name, new long[] {values.length}, values);
    }

    /** An int64 array of any shape ({@code dims} empty: a scalar), values row-major. */
    public void putInt64(String name, long[] dims, long[] values) {
        add(name, new Hdf5Dataset(Hdf5Type.INT64, dims, values));
    }

    /** Child name to {@link Hdf5Group} or {@link Hdf5Dataset}, in insertion order. */
    Map<String, Object> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Why {@code name} cannot be an HDF5 link name, or null when it can. */
    public static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "an HDF5 name cannot be empty";
        }
        if (name.indexOf('/') >= 0) {
            return "an HDF5 name cannot contain '/' (the path separator)";
        }
        if (name.equals(".")) {
            return "an HDF5 name cannot be '.' (the current group)";
        }
        if (name.indexOf('\0') >= 0) {
            return "an HDF5 name cannot contain the NUL character";
        }
        if (!isWellFormed(name)) {
            return "an HDF5 name must be valid Unicode (it has an unpaired surrogate)";
        }
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > Hdf5Writer.MAX_NAME_BYTES) {
            return "an HDF5 name is at most " + Hdf5Writer.MAX_NAME_BYTES + " bytes of UTF-8";
        }
        return null;
    }

    private void add(String name, Object child) {
        String problem = nameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException("'" + name + "': " + problem);
        }
        if (children.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' already exists in this group");
        }
        children.put(name, child);
    }

    /** True when {@code s} has no unpaired surrogate (so it has an exact UTF-8 form). */
    static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static void requireLength(String name, int row, int length, int cols) {
        if (length != cols) {
            throw new IllegalArgumentException("'" + name + "': row " + row + " has " + length
                    + " elements, row 0 has " + cols + " (the array must be rectangular)");
        }
    }
}
