package dev.spikeloop.runtime.train;

import java.util.Arrays;

/**
 * The Adam optimiser (Kingma and Ba 2015) over a flat parameter vector: per parameter it keeps the
 * running mean {@code m} and uncentred variance {@code v} of the gradient and steps by
 * {@code -lr * mHat / (sqrt(vHat) + epsilon)} with the usual bias corrections.
 *
 * <p>Anything that can be laid out as one or more arrays can be optimised: pass a {@code double[]},
 * or a matrix ({@code double[][]}, rows laid end to end). The state can be read and restored, for
 * checkpoints. Not thread-safe: one optimiser belongs to one training loop.
 */
public final class Adam {

    /** Adam's constants. */
    public record Settings(double beta1, double beta2, double epsilon) {
        /** beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8. */
        public static final Settings DEFAULT = new Settings(0.9, 0.999, 1e-8);

        public Settings {
            if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("Adam: beta1 and beta2 must lie in [0, 1), got "
                        + beta1 + ", " + beta2);
            }
            if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
                throw new IllegalArgumentException("Adam: epsilon must be > 0, got " + epsilon);
            }
        }
    }

    /** A snapshot of the optimiser: steps taken and both moment vectors (copies). */
    public record State(long steps, double[] m, double[] v) {
        public State {
            if (m.length != v.length || steps < 0) {
                throw new IllegalArgumentException("Adam state: m and v must have the same length and steps >= 0");
            }
            m = m.clone();
            v = v.clone();
        }
    }

    private final Settings settings;
    private final double[] m;
    private final double[] v;
    private long steps;

    /** A fresh optimiser for {@code size} parameters. */
    public Adam(int size, Settings settings) {
        if (size < 0) {
            throw new IllegalArgumentException("Adam: size must be >= 0, got " + size);
        }
        this.settings = settings;
        this.m = new double[size];
        this.v = new double[size];
    }

    /** A fresh optimiser with the default constants. */
    public Adam(int size) {
        this(size, Settings.DEFAULT);
    }

    /** An optimiser continuing from {@code state}. */
    public static Adam restore(State state, Settings settings) {
        Adam a = new Adam(state.m().length, settings);
        System.arraycopy(state.m(), 0, a.m, 0, a.m.length);
        System.arraycopy(state.v(), 0, a.v, 0, a.v.length);
        a.steps = state.steps();
        return a;
    }

    /** Number of parameters. */
    public int size() {
        return m.length;
    }

    /** Steps taken so far. */
    public long steps() {
        return steps;
    }

    /** A copy of the current state. */
    public State state() {
        return new State(steps, m, v);
    }

    /** One step: updates {@code params} in place from {@code grads} (same length as the optimiser). */
    public void step(double[] params, double[] grads, double learningRate) {
        if (params.length != m.length || grads.length != m.length) {
            throw new IllegalArgumentException("Adam: expected " + m.length + " parameters and gradients, got "
                    + params.length + " and " + grads.length);
        }
        beginStep(learningRate);
        update(params, grads, 0, learningRate);
    }

    /** One step over a matrix laid out row by row (total element count = {@link #size()}). */
    public void step(double[][] params, double[][] grads, double learningRate) {
        int total = 0;
        if (params.length != grads.length) {
            throw new IllegalArgumentException("Adam: " + params.length + " parameter rows but " + grads.length
                    + " gradient rows");
        }
        for (int r = 0; r < params.length; r++) {
            if (params[r].length != grads[r].length) {
                throw new IllegalArgumentException("Adam: row " + r + " has " + params[r].length
                        + " parameters but " + grads[r].length + " gradients");
            }
            total += params[r].length;
        }
        if (total != m.length) {
            throw new IllegalArgumentException("Adam: expected " + m.length + " parameters, got " + total);
        }
        beginStep(learningRate);
        int offset = 0;
        for (int r = 0; r < params.length; r++) {
            update(params[r], grads[r], offset, learningRate);
            offset += params[r].length;
        }
    }

    private void beginStep(double learningRate) {
        if (!(learningRate >= 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("Adam: learning rate must be a finite number >= 0, got " + learningRate);
        }
        steps++;
    }

    private void update(double[] p, double[] g, int offset, double lr) {
        double b1 = settings.beta1(), b2 = settings.beta2();
        double c1 = 1 - Math.pow(b1, steps);
        double c2 = 1 - Math.pow(b2, steps);
        for (int k = 0; k < p.length; k++) {
            double gk = g[k];
            if (!Double.isFinite(gk)) {
                throw new IllegalArgumentException("Adam: gradient " + (offset + k) + " is not finite: " + gk);
            }
            int i = offset + k;
            m[i] = b1 * m[i] + (1 - b1) * gk;
            v[i] = b2 * v[i] + (1 - b2) * gk * gk;
            p[k] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + settings.epsilon());
        }
    }

    @Override
    public String toString() {
        return "Adam[size=" + m.length + ", steps=" + steps + ", " + settings + ", |m|=" + Arrays.stream(m).map(Math::abs).sum() + "]";
    }
}
