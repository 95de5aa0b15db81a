package dev.spikeloop.runtime.train;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of classifying a labelled data set. {@code confusion[label][predicted]} counts
 * samples; it has one column more than classes, the last one for samples where no output fired
 * (those count as wrong). {@code ties} counts samples whose earliest output spike was shared
 * (decided for the lowest index, see {@link FirstSpikeReadout}).
 */
public record Evaluation(int[][] confusion, int ties) {

    public Evaluation {
        for (int[] row : confusion) {
            if (row.length != confusion.length + 1) {
                throw new IllegalArgumentException("confusion matrix rows must have classes + 1 columns");
            }
        }
    }

    /** Number of classes. */
    public int classes() {
        return confusion.length;
    }

    /** Number of samples. */
    public int total() {
        int n = 0;
        for (int[] row : confusion) {
            for (int c : row) {
                n += c;
            }
        }
        return n;
    }

    /** Number of correctly classified samples. */
    public int correct() {
        int n = 0;
        for (int i = 0; i < confusion.length; i++) {
            n += confusion[i][i];
        }
        return n;
    }

    /** Number of samples where no output fired. */
    public int silent() {
        int n = 0;
        for (int[] row : confusion) {
            n += row[row.length - 1];
        }
        return n;
    }

    /** Fraction correct (0 for an empty set). */
    public double accuracy() {
        int t = total();
        return t == 0 ? 0 : correct() / (double) t;
    }

    /**
     * A readable report: accuracy, then the confusion matrix (rows: true class, columns: predicted
     * class and "none" for silent samples), then ties. {@code classNames} may be empty.
     */
    public String format(List<String> classNames) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "accuracy: %.2f%% (%d of %d)%n", 100 * accuracy(), correct(), total()));
        sb.append("confusion matrix (rows: true class, columns: predicted class; 'none': no output fired)\n");
        int k = classes();
        String[] names = new String[k + 1];
        int width = 6;
        for (int i = 0; i < k; i++) {
            names[i] = i < classNames.size() ? i + ":" + classNames.get(i) : String.valueOf(i);
            width = Math.max(width, names[i].length() + 1);
        }
        names[k] = "none";
        for (int[] row : confusion) {
            for (int c : row) {
                width = Math.max(width, String.valueOf(c).length() + 1);
            }
        }
        String cell = "%" + width + "s";
        sb.append(String.format(Locale.ROOT, cell, ""));
        for (String n : names) {
            sb.append(String.format(Locale.ROOT, cell, n));
        }
        sb.append('\n');
        for (int i = 0; i < k; i++) {
            sb.append(String.format(Locale.ROOT, cell, names[i]));
            for (int c : confusion[i]) {
                sb.append(String.format(Locale.ROOT, cell, c));
            }
            sb.append('\n');
        }
        sb.append(String.format(Locale.ROOT, "silent samples: %d, ties (lowest index won): %d%n", silent(), ties));
        return sb.toString();
    }
}
