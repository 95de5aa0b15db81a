package dev.spikeloop.compiler.nir;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * Reads NIR values out of HDF5 datasets, whatever numeric type the writer chose (h5py stores
 * float32 from PyTorch, float64 from NumPy, int64 shapes): everything becomes doubles.
 */
final class HdfValues {
    private HdfValues() {
    }

    /** The child dataset {@code name} of {@code group}, or null when absent. */
    static Dataset dataset(Group group, String name, String where) {
        Node n = group.getChildren().get(name);
        if (n == null) {
            return null;
        }
        if (!(n instanceof Dataset d)) {
            throw new InvalidNirException(where + ": '" + name + "' is a group, expected a dataset");
        }
        return d;
    }

    /** A required child dataset. */
    static Dataset required(Group group, String name, String where) {
        Dataset d = dataset(group, name, where);
        if (d == null) {
            throw new InvalidNirException(where + ": missing dataset '" + name + "'");
        }
        return d;
    }

    /** A string dataset (scalar, or an array of one string). */
    static String string(Dataset d, String where) {
        Object o = d.getData();
        if (o instanceof String s) {
            return s;
        }
        if (o instanceof String[] a && a.length == 1) {
            return a[0];
        }
        if (o instanceof byte[] b) {
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }
        throw new InvalidNirException(where + ": expected a string, found " + describe(o));
    }

    /** The dimensions of a dataset (empty for a scalar). */
    static int[] dims(Dataset d) {
        return d.isScalar() ? new int[0] : d.getDimensions();
    }

    /** Every element of a numeric dataset, row-major, as doubles. */
    static double[] doubles(Dataset d, String where) {
        if (d.isEmpty()) {
            return new double[0];
        }
        Object data = d.isScalar() ? d.getData() : d.getDataFlat();
        if (data instanceof Number n) {
            return new double[] {n.doubleValue()};
        }
        if (data == null || !data.getClass().isArray()) {
            throw new InvalidNirException(where + ": expected numbers, found " + describe(data));
        }
        int len = Array.getLength(data);
        double[] out = new double[len];
        for (int i = 0; i < len; i++) {
            Object e = Array.get(data, i);
            if (e instanceof Number n) {
                out[i] = n.doubleValue();
            } else if (e instanceof Boolean b) {
                out[i] = b ? 1 : 0;
            } else {
                throw new InvalidNirException(where + ": expected numbers, found " + describe(e));
            }
        }
        return out;
    }

    /** A 2-D numeric dataset as rows. */
    static double[][] matrix(Dataset d, String where) {
        int[] dims = dims(d);
        if (dims.length != 2) {
            throw new InvalidNirException(where + ": expected a 2-D matrix (out x in), found shape "
                    + Arrays.toString(dims));
        }
        double[] flat = doubles(d, where);
        double[][] m = new double[dims[0]][dims[1]];
        for (int i = 0; i < dims[0]; i++) {
            System.arraycopy(flat, i * dims[1], m[i], 0, dims[1]);
        }
        return m;
    }

    /** Strings of a 2-column string dataset (NIR's edge list), as pairs. */
    static String[][] stringPairs(Dataset d, String where) {
        if (d.isEmpty()) {
            return new String[0][];
        }
        int[] dims = dims(d);
        Object flat = d.getDataFlat();
        if (dims.length != 2 || dims[1] != 2 || !(flat instanceof Object[] items)) {
            throw new InvalidNirException(where + ": expected an n x 2 list of node names, found shape "
                    + Arrays.toString(dims));
        }
        String[][] pairs = new String[dims[0]][2];
        for (int i = 0; i < dims[0]; i++) {
            for (int k = 0; k < 2; k++) {
                Object o = items[2 * i + k];
                pairs[i][k] = o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(o);
            }
        }
        return pairs;
    }

    private static String describe(Object o) {
        return o == null ? "nothing" : o.getClass().getSimpleName();
    }
}
