package dev.spikeloop.network.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The Yin-Yang data set (Kriener, Goltz, Petrovici 2021, arXiv:2102.08211): points of the unit
 * square that lie in the big circle of radius {@value #R_BIG} around (0.5, 0.5), in three classes
 * by geometry: the two swirls and the two dots of radius {@value #R_SMALL}.
 *
 * <p>Labels follow the published generator, so its data and ours mean the same: with
 * {@code dR} and {@code dL} the distances to the right dot centre (0.75, 0.5) and the left one
 * (0.25, 0.5), a point is a dot (label 2) when {@code dR < r_small} or {@code dL < r_small};
 * otherwise it has label 1 when {@code dR <= r_small}, or {@code r_small < dL <= r_big / 2}, or
 * ({@code y > r_big} and {@code dR > r_big / 2}), and label 0 else. (The published class names are
 * yin, yang, dot for labels 0, 1, 2.)
 *
 * <p>Class balance comes from rejection sampling as published: for each sample a target class is
 * drawn uniformly from {0, 1, 2}, then points are drawn uniformly in the square until one inside
 * the big circle has that class. Data sets are reproducible from their seed ({@link SplittableRandom}
 * has a fixed algorithm); different seeds give different sets, so use distinct seeds for training,
 * validation and test (the usual sizes are 5000, 1000 and 1000).
 */
public final class YinYang {
    /** Radius of the dots. */
    public static final double R_SMALL = 0.1;
    /** Radius of the whole symbol. */
    public static final double R_BIG = 0.5;
    /** Number of classes. */
    public static final int CLASSES = 3;
    /** Class names by label, as published. */
    public static final List<String> CLASS_NAMES = List.of("yin", "yang", "dot");
    /** Usual data set sizes. */
    public static final int TRAIN_SIZE = 5000, VALIDATION_SIZE = 1000, TEST_SIZE = 1000;

    private YinYang() {
    }

    /** True when (x, y) lies in the big circle (the data set's domain). */
    public static boolean inside(double x, double y) {
        return Math.hypot(x - R_BIG, y - R_BIG) <= R_BIG;
    }

    /** The label of (x, y) by the geometry in the class comment (meaningful inside the big circle). */
    public static int classify(double x, double y) {
        double dRight = Math.hypot(x - 1.5 * R_BIG, y - R_BIG);
        double dLeft = Math.hypot(x - 0.5 * R_BIG, y - R_BIG);
        if (dRight < R_SMALL || dLeft < R_SMALL) {
            return 2;
        }
        boolean upperOrSmallCircles = dRight <= R_SMALL
                || (dLeft > R_SMALL && dLeft <= 0.5 * R_BIG)
                || (y > R_BIG && dRight > 0.5 * R_BIG);
        return upperOrSmallCircles ? 1 : 0;
    }

    /** {@code size} balanced samples (plane layout {@code x, y}) drawn with {@code seed}. */
    public static LabelledDataset generate(int size, long seed) {
        if (size < 0) {
            throw new IllegalArgumentException("Yin-Yang size must be >= 0, got " + size);
        }
        double[][] xy = new double[size][];
        int[] labels = new int[size];
        int[] i = {0};
        stream(size, seed, (x, y, label) -> {
            xy[i[0]] = new double[] {x, y};
            labels[i[0]++] = label;
        });
        return LabelledDataset.plane(xy, labels);
    }

    /** Receives one generated sample. */
    @FunctionalInterface
    public interface SampleSink {
        void sample(double x, double y, int label);
    }

    /**
     * Generates the same samples as {@link #generate} one at a time, so a data set of any size can be
     * written without holding it in memory.
     */
    public static void stream(long size, long seed, SampleSink sink) {
        if (size < 0) {
            throw new IllegalArgumentException("Yin-Yang size must be >= 0, got " + size);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (long i = 0; i < size; i++) {
            int goal = rng.nextInt(CLASSES);
            // The smallest class (the dots, about 2*pi*0.01 of the square) is accepted with
            // probability ~0.06 per draw, so this loop ends after a few dozen draws.
            while (true) {
                double x = rng.nextDouble() * 2 * R_BIG;
                double y = rng.nextDouble() * 2 * R_BIG;
                if (inside(x, y) && classify(x, y) == goal) {
                    sink.sample(x, y, goal);
                    break;
                }
            }
        }
    }
}
