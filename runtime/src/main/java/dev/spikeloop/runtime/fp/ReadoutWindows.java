package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerSpec;

/**
 * The windows a membrane readout is read in. With one window (the default, and every file written before
 * windows existed) each output is one class and is read over the whole run {@code [0, T]}, {@code T} the
 * network's {@code tEnd}. With {@code W > 1} windows each class has {@code W} outputs, class {@code c}'s
 * output {@code w} at index {@code c W + w}, and that output is read over the {@code w}-th of {@code W}
 * equal parts of the sample's <em>span</em> {@code [w D / W, (w + 1) D / W]}, {@code D} = the time of the
 * sample's last input spike (the host knows where the stream it sends ends). A class's score is the sum
 * of its outputs' window means, so the readout can weigh what the hidden layer did at the start, the
 * middle and the end of a word: time-normalised frames, which a single time mean cannot see.
 *
 * @param count number of windows per class ({@code >= 1})
 */
public record ReadoutWindows(int count) {
    /** One window per class, the whole run. */
    public static final ReadoutWindows ONE = new ReadoutWindows(1);

    public ReadoutWindows {
        if (count < 1) {
            throw new IllegalArgumentException("readout windows: need at least 1 window per class, got " + count);
        }
    }

    /** The windows a membrane readout layer records ({@code "readoutWindows"}; 1 for a spiking layer). */
    public static ReadoutWindows of(LayerSpec layer) {
        int w = layer.detail().readoutWindows();
        return w == 1 ? ONE : new ReadoutWindows(w);
    }

    /**
     * The number of classes {@code outputs} readout neurons answer.
     *
     * @throws IllegalArgumentException if the windows do not divide the outputs
     */
    public int classes(int outputs) {
        if (outputs % count != 0) {
            throw new IllegalArgumentException("readout windows: " + count + " windows per class do not divide the "
                    + outputs + " readout neurons");
        }
        return outputs / count;
    }

    /** The class output {@code o} belongs to. */
    public int classOf(int output) {
        return output / count;
    }

    /** Start of output {@code o}'s window, seconds. */
    public double start(int output, double span, double tEnd) {
        return count == 1 ? 0.0 : span * (output % count) / count;
    }

    /** End of output {@code o}'s window, seconds. */
    public double end(int output, double span, double tEnd) {
        return count == 1 ? tEnd : span * (output % count + 1) / count;
    }

    /**
     * A sample's span {@code D}: the time of its last input spike, at most {@code tEnd}; {@code tEnd} for a
     * sample without input spikes before it (windows of length 0 would have no mean).
     */
    public static double span(InputSpikes in, double tEnd) {
        double last = 0;
        for (double[] t : in.times()) {
            if (t.length > 0) {
                last = Math.max(last, t[t.length - 1]);
            }
        }
        return last > 0 && last < tEnd ? last : tEnd;
    }

    /** Class scores: the sum of each class's output scores. */
    public double[] classScores(double[] outputScores) {
        double[] s = new double[classes(outputScores.length)];
        for (int o = 0; o < outputScores.length; o++) {
            s[classOf(o)] += outputScores[o];
        }
        return s;
    }

    /** Per-output derivatives from per-class ones (each output adds to its class's score). */
    public double[] outputGradient(double[] dClass, int outputs) {
        double[] d = new double[outputs];
        for (int o = 0; o < outputs; o++) {
            d[o] = dClass[classOf(o)];
        }
        return d;
    }

    /**
     * The class scores from a device's per-step output membranes ({@code membranes[step][neuron]}, chip units):
     * each output's mean membrane over the steps that stand for times in its window, summed per class. The
     * state after step {@code s} stands for the float time {@code (s + 1 - delay) dt} (docs/finetune.md), so a
     * step belongs to the window {@code [a, b)} holding that time; an output with no step in its window scores
     * 0. With one window this is the plain mean over every step. A positive common membrane scale (the
     * compiled layer's lambda) does not change the argmax.
     *
     * @param span  the sample's span {@code D}, seconds
     * @param dt    the chip's step, seconds
     * @param delay the readout layer's lag behind the float network, steps
     */
    public double[] chipScores(int[][] membranes, int outputs, double span, double dt, double delay) {
        double[] sum = new double[outputs];
        int[] steps = new int[outputs];
        for (int s = 0; s < membranes.length; s++) {
            double t = (s + 1 - delay) * dt;
            for (int o = 0; o < outputs; o++) {
                if (count == 1 || (t >= start(o, span, 0) && t < end(o, span, 0))) {
                    sum[o] += membranes[s][o];
                    steps[o]++;
                }
            }
        }
        for (int o = 0; o < outputs; o++) {
            sum[o] = steps[o] == 0 ? 0 : sum[o] / steps[o];
        }
        return classScores(sum);
    }
}
