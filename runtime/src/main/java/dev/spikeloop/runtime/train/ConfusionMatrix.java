package dev.spikeloop.runtime.train;

/**
 * Counts (label, prediction) pairs as samples are classified; {@link #result()} gives the
 * {@link Evaluation}. Predictions are a class in {@code [0, classes)} or
 * {@link FirstSpikeReadout#SILENT}. Not thread-safe: merge per-thread matrices with {@link #add(ConfusionMatrix)}.
 */
public final class ConfusionMatrix {
    private final int classes;
    private final int[][] counts; // [label][prediction], the last column counts silent samples
    private int ties;

    /** An empty matrix for {@code classes} classes. */
    public ConfusionMatrix(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("a confusion matrix needs >= 1 class, got " + classes);
        }
        this.classes = classes;
        this.counts = new int[classes][classes + 1];
    }

    /** Records one sample. */
    public void add(int label, FirstSpikeReadout.Decision decision) {
        add(label, decision.predicted(), decision.tie());
    }

    /** Records one sample with its predicted class (or {@link FirstSpikeReadout#SILENT}). */
    public void add(int label, int predicted, boolean tie) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label " + label + " is out of range: the network has "
                    + classes + " outputs (classes 0.." + (classes - 1) + ")");
        }
        if (predicted < FirstSpikeReadout.SILENT || predicted >= classes) {
            throw new IllegalArgumentException("prediction " + predicted + " is out of range 0.." + (classes - 1));
        }
        counts[label][predicted == FirstSpikeReadout.SILENT ? classes : predicted]++;
        if (tie) {
            ties++;
        }
    }

    /** Adds every count of {@code other} (same class count) to this matrix. */
    public void add(ConfusionMatrix other) {
        if (other.classes != classes) {
            throw new IllegalArgumentException("cannot merge confusion matrices of " + classes + " and "
                    + other.classes + " classes");
        }
        for (int i = 0; i < classes; i++) {
            for (int j = 0; j <= classes; j++) {
                counts[i][j] += other.counts[i][j];
            }
        }
        ties += other.ties;
    }

    /** The evaluation of the samples counted so far. */
    public Evaluation result() {
        int[][] copy = new int[classes][];
        for (int i = 0; i < classes; i++) {
            copy[i] = counts[i].clone();
        }
        return new Evaluation(copy, ties);
    }
}
