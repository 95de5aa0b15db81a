package dev.spikeloop.network.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Samples with integer class labels, as stored in a data set CSV (network-format.md):
 * {@code columns} are the feature column names (without {@code label}), {@code rows[i]} the raw
 * column values of sample {@code i} and {@code labels[i]} its class ({@code >= 0}).
 *
 * <p>Two layouts exist. The plane layout (columns {@code x, y}, used by Yin-Yang) stores two
 * coordinates in [0, 1] and feeds the network the four features {@code (x, y, 1-x, 1-y)}, the
 * mirrored pair that the published Yin-Yang definition adds so that neurons without an intrinsic
 * bias see a symmetric input. The general layout (columns {@code f0, f1, ...}) feeds the row as it is.
 * {@link #features(int)} is the one place that makes this choice; everyone who feeds a network
 * (training, evaluation, the chip path) goes through it.
 *
 * <p>The arrays are not copied: treat them as immutable.
 */
public record LabelledDataset(List<String> columns, double[][] rows, int[] labels) {

    /** Column names of the plane layout. */
    public static final List<String> PLANE_COLUMNS = List.of("x", "y");

    public LabelledDataset {
        if (columns == null || rows == null || labels == null) {
            throw new InvalidDatasetException("data set: columns, rows and labels are required");
        }
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new InvalidDatasetException("data set: at least one feature column is required");
        }
        if (rows.length != labels.length) {
            throw new InvalidDatasetException("data set: " + rows.length + " rows but " + labels.length + " labels");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != columns.size()) {
                throw new InvalidDatasetException("data set sample " + i + ": expected " + columns.size()
                        + " values, got " + (rows[i] == null ? 0 : rows[i].length));
            }
            for (int c = 0; c < rows[i].length; c++) {
                if (!Double.isFinite(rows[i][c])) {
                    throw new InvalidDatasetException("data set sample " + i + " column '" + columns.get(c)
                            + "': value must be finite, got " + rows[i][c]);
                }
            }
            if (labels[i] < 0) {
                throw new InvalidDatasetException("data set sample " + i + ": label must be >= 0, got " + labels[i]);
            }
        }
    }

    /** A data set in the plane layout ({@code x, y}). */
    public static LabelledDataset plane(double[][] xy, int[] labels) {
        return new LabelledDataset(PLANE_COLUMNS, xy, labels);
    }

    /** True for the plane layout (columns exactly {@code x, y}). */
    public boolean isPlane() {
        return columns.equals(PLANE_COLUMNS);
    }

    /** Number of samples. */
    public int size() {
        return labels.length;
    }

    /** Number of network input features per sample: 4 for the plane layout, else the column count. */
    public int featureCount() {
        return isPlane() ? 4 : columns.size();
    }

    /** The network input features of sample {@code i} (a new array; see the class comment). */
    public double[] features(int i) {
        double[] r = rows[i];
        if (isPlane()) {
            return planeFeatures(r[0], r[1]);
        }
        return r.clone();
    }

    /** The network features of a point (x, y) of the plane layout: {@code (x, y, 1-x, 1-y)}. */
    public static double[] planeFeatures(double x, double y) {
        return new double[] {x, y, 1.0 - x, 1.0 - y};
    }

    /** The label of sample {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** One more than the largest label (0 when empty). */
    public int classCount() {
        int max = -1;
        for (int l : labels) {
            max = Math.max(max, l);
        }
        return max + 1;
    }

    /** How many samples each class has, indexed by label. */
    public int[] classCounts() {
        int[] counts = new int[classCount()];
        for (int l : labels) {
            counts[l]++;
        }
        return counts;
    }

    /** The samples at {@code indices}, in that order (rows shared, not copied). */
    public LabelledDataset select(int[] indices) {
        double[][] r = new double[indices.length][];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            r[k] = rows[indices[k]];
            l[k] = labels[indices[k]];
        }
        return new LabelledDataset(columns, r, l);
    }

    /** The first {@code n} samples (all when {@code n >= size()}). */
    public LabelledDataset head(int n) {
        int m = Math.min(n, size());
        int[] idx = new int[m];
        Arrays.setAll(idx, k -> k);
        return select(idx);
    }

    /**
     * Throws unless every network feature lies in {@code [lo, hi]}; the message names the sample and
     * column (the spike encoder needs features in [0, 1]).
     */
    public void requireFeatureRange(double lo, double hi) {
        List<String> names = featureNames();
        for (int i = 0; i < size(); i++) {
            double[] f = features(i);
            for (int c = 0; c < f.length; c++) {
                if (f[c] < lo || f[c] > hi) {
                    throw new InvalidDatasetException("data set sample " + i + " feature '" + names.get(c)
                            + "': value " + f[c] + " is outside [" + lo + ", " + hi
                            + "] (scale your features to this range)");
                }
            }
        }
    }

    /** Names of the network features: {@code x, y, 1-x, 1-y} for the plane layout, else the columns. */
    public List<String> featureNames() {
        if (isPlane()) {
            return List.of("x", "y", "1-x", "1-y");
        }
        return new ArrayList<>(columns);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelledDataset d && columns.equals(d.columns)
                && Arrays.deepEquals(rows, d.rows) && Arrays.equals(labels, d.labels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * columns.hashCode() + Arrays.deepHashCode(rows)) + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "LabelledDataset[columns=" + columns + ", size=" + size() + "]";
    }
}
