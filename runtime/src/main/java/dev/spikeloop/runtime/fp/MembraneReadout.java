package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.runtime.sim.LifKernel;

import java.util.Arrays;

/**
 * The non-spiking (membrane) readout layer in closed form. Output neuron {@code c} is a leaky integrator
 * (NIR {@code LI}) with the synaptic current of every other layer and no threshold or reset:
 * {@code tauSyn_c I' = -I + sum_j W_cj sum_g delta(t - g)}, {@code tauMem_c V' = -V + I + b_c}, so
 *
 * <pre>    V_c(t) = sum_j W_cj sum_{g in F_j, g < t} k_c(t - g) + b_c (1 - e^{-t/tauMem_c})</pre>
 *
 * with {@code k_c} the kernel of the other layers ({@link LifKernel}) and {@code F_j} the spike times of
 * neuron {@code j} of the layer below. The readout's score is the time average over the window
 * {@code [0, T]}: since {@code tauMem V' = -V + I + b} integrates to
 * {@code int_0^s k = tauSyn (1 - e^{-s/tauSyn}) - tauMem k(s) =: K(s)},
 *
 * <pre>    score_c = (1/T) sum_j W_cj sum_{g < T} K_c(T - g) + b_c (1 - (tauMem_c/T)(1 - e^{-T/tauMem_c}))</pre>
 *
 * and its exact derivatives are {@code d score_c / d W_cj = (1/T) sum_g K_c(T - g)},
 * {@code d score_c / d b_c = 1 - (tauMem_c/T)(1 - e^{-T/tauMem_c})} and
 * {@code d score_c / d g = -W_cj k_c(T - g) / T} for each presynaptic spike {@code g < T} (0 from
 * {@code T} on, where {@code K(0) = 0}: a spike appearing or vanishing at the window's end changes
 * nothing). The readout's own threshold is never reached (the compiler gives it the chip's largest) and
 * plays no part here; it only sets the compiled membrane scale.
 *
 * <p>The other score ({@link ReadoutScore#MAX}) is the largest membrane in the window, {@code V_c(tMax)}:
 * its derivatives are those of {@code V_c} at the fixed time {@code tMax}
 * ({@code k_c(tMax - g)} for {@code W_cj}, {@code 1 - e^{-tMax/tauMem}} for {@code b_c},
 * {@code -W_cj k_c'(tMax - g)} for a spike {@code g < tMax}), since {@code V' = 0} at an interior maximum and
 * {@code tMax = T} is fixed; at a kink ({@code tMax} = a spike whose negative jump turns V down) that spike
 * also gets the left slope {@code V'(tMax-)}.
 *
 * <p>Immutable; the layer's arrays are read, not copied.
 */
public final class MembraneReadout {
    private final LayerSpec layer;
    private final LifKernel[] kernel;

    private MembraneReadout(LayerSpec layer) {
        this.layer = layer;
        this.kernel = new LifKernel[layer.size()];
        LifKernel shared = new LifKernel(layer.tauSyn(), layer.tauMem());
        for (int c = 0; c < kernel.length; c++) {
            double ts = layer.tauSynOf(c);
            double tm = layer.tauMemOf(c);
            kernel[c] = ts == shared.tauSyn() && tm == shared.tauMem() ? shared : new LifKernel(ts, tm);
        }
    }

    /**
     * The readout of {@code net}'s output layer.
     *
     * @throws IllegalArgumentException if the output layer spikes or the network has no hidden layer (the
     *                                  readout is fed by hidden spikes)
     */
    public static MembraneReadout of(FloatNetwork net) {
        LayerSpec out = net.outputLayer();
        if (out.isSpiking()) {
            throw new IllegalArgumentException("membrane readout: the output layer '" + out.name()
                    + "' spikes; the membrane rule needs a non-spiking (readout: \"membrane\") output layer");
        }
        if (net.layerCount() < 2) {
            throw new IllegalArgumentException("membrane readout: the network has no hidden layer; the readout is"
                    + " scored from hidden spike times");
        }
        return new MembraneReadout(out);
    }

    /** Whether the readout layer has a bias field. */
    public boolean hasBias() {
        return layer.detail().bias() != null;
    }

    /** Number of readout neurons (classes). */
    public int size() {
        return layer.size();
    }

    /** {@code K(s) = int_0^s k}, 0 for {@code s <= 0}; cancellation-free for small {@code s} to rounding of tau. */
    static double integral(LifKernel k, double s) {
        if (s <= 0) {
            return 0.0;
        }
        return -k.tauSyn() * Math.expm1(-s / k.tauSyn()) - k.tauMem() * k.k(s);
    }

    /** The factor of the bias in the score: {@code 1 - (tauMem/T)(1 - e^{-T/tauMem})}. */
    private static double biasMean(double tauMem, double window) {
        return 1.0 + tauMem / window * Math.expm1(-window / tauMem);
    }

    /**
     * Every readout neuron's time-averaged membrane over {@code [0, window]}.
     *
     * @param pre    spike times of the layer below, per neuron ({@code pre[j]}, any order)
     * @param window {@code T}, seconds (> 0)
     */
    public double[] scores(double[][] pre, double window) {
        requireWindow(window);
        requirePre(pre);
        double[] s = new double[layer.size()];
        for (int c = 0; c < s.length; c++) {
            double[] w = layer.weights()[c];
            LifKernel k = kernel[c];
            double sum = 0;
            for (int j = 0; j < pre.length; j++) {
                if (w[j] == 0) {
                    continue;
                }
                double acc = 0;
                for (double g : pre[j]) {
                    acc += integral(k, window - g);
                }
                sum += w[j] * acc;
            }
            s[c] = sum / window + layer.biasOf(c) * biasMean(k.tauMem(), window);
        }
        return s;
    }

    /**
     * The explicit and spike-time derivatives of {@code sum_c dScore[c] * score_c}.
     *
     * @param dScore  {@code dLoss/d score_c}
     * @param pre     spike times of the layer below ({@code pre[j]})
     * @param dWeight gets {@code dLoss/dW_cj} added ({@code [c][j]})
     * @param dBias   gets {@code dLoss/db_c} added, or null
     * @param dPre    gets {@code dLoss/dg} added for every presynaptic spike ({@code [j][k]}, shaped like {@code pre})
     */
    public void addGradient(double[] dScore, double[][] pre, double window, double[][] dWeight, double[] dBias,
                            double[][] dPre) {
        requireWindow(window);
        requirePre(pre);
        for (int c = 0; c < layer.size(); c++) {
            double d = dScore[c];
            if (d == 0) {
                continue;
            }
            double[] w = layer.weights()[c];
            LifKernel k = kernel[c];
            for (int j = 0; j < pre.length; j++) {
                double acc = 0;
                for (int m = 0; m < pre[j].length; m++) {
                    double s = window - pre[j][m];
                    if (s <= 0) {
                        continue;
                    }
                    acc += integral(k, s);
                    dPre[j][m] -= d * w[j] * k.k(s) / window;
                }
                dWeight[c][j] += d * acc / window;
            }
            if (dBias != null) {
                dBias[c] += d * biasMean(k.tauMem(), window);
            }
        }
    }

    /** The readout's windows ({@link ReadoutWindows}; one for files without {@code readoutWindows}). */
    public ReadoutWindows windows() {
        return ReadoutWindows.of(layer);
    }

    /** Number of classes the readout answers (its neurons over its windows). */
    public int classes() {
        return windows().classes(layer.size());
    }

    /**
     * Every class's score: with one window the score of its neuron over {@code [0, tEnd]} (mean or max, as
     * {@link #scores(double[][], double, ReadoutScore)}); with {@code W} windows the sum over the class's
     * neurons of each one's mean membrane over its window of the span ({@link ReadoutWindows}):
     *
     * <pre>    score_o = (1/(b - a)) [ sum_j W_oj sum_g (K(b - g) - K(a - g)) + b_o int_a^b (1 - e^{-t/tauMem}) dt ]</pre>
     *
     * @param span the sample's span {@code D} ({@link ReadoutWindows#span}); unused with one window
     */
    public double[] classScores(double[][] pre, double tEnd, ReadoutScore score, double span) {
        ReadoutWindows win = windows();
        if (win.count() == 1) {
            return scores(pre, tEnd, score);
        }
        requireWindowedMean(score);
        requireWindow(span);
        requirePre(pre);
        // the same sums as meanFeatures, in the order the shipped FSDD model was trained with (it skips zero
        // weights and divides once), so that its training command reproduces it bit for bit
        double[] s = new double[layer.size()];
        for (int o = 0; o < s.length; o++) {
            double a = win.start(o, span, tEnd);
            double b = win.end(o, span, tEnd);
            double[] w = layer.weights()[o];
            LifKernel k = kernel[o];
            double sum = 0;
            for (int j = 0; j < pre.length; j++) {
                if (w[j] != 0) {
                    sum += w[j] * windowCharge(k, pre[j], a, b);
                }
            }
            s[o] = (sum + layer.biasOf(o) * biasIntegral(k.tauMem(), a, b)) / (b - a);
        }
        return win.classScores(s);
    }

    /** {@code sum_g (K(b - g) - K(a - g))}: what one presynaptic neuron's spikes put into a window's integral. */
    private static double windowCharge(LifKernel k, double[] spikes, double a, double b) {
        double acc = 0;
        for (double g : spikes) {
            acc += integral(k, b - g) - integral(k, a - g);
        }
        return acc;
    }

    /**
     * What each readout neuron's mean score is linear in: row {@code o} holds, for every presynaptic neuron
     * {@code j}, {@code d score_o / d W_oj} ({@code sum_g (K(b - g) - K(a - g)) / (b - a)} over the neuron's
     * window {@code [a, b]}, {@code [0, tEnd]} with one window), then {@code d score_o / d b_o} at index
     * {@code pre.length}. The mean score is {@code W_o . row[0..n) + b_o row[n]}, so with the hidden spikes
     * fixed the readout's loss is convex in its weights ({@link dev.spikeloop.runtime.train.ReadoutRefit}).
     *
     * @param span the sample's span ({@link ReadoutWindows#span}); unused with one window
     */
    public double[][] meanFeatures(double[][] pre, double tEnd, double span) {
        ReadoutWindows win = windows();
        requireWindow(win.count() == 1 ? tEnd : span);
        requirePre(pre);
        double[][] f = new double[layer.size()][pre.length + 1];
        for (int o = 0; o < f.length; o++) {
            double a = win.start(o, span, tEnd);
            double b = win.end(o, span, tEnd);
            LifKernel k = kernel[o];
            for (int j = 0; j < pre.length; j++) {
                f[o][j] = windowCharge(k, pre[j], a, b) / (b - a);
            }
            f[o][pre.length] = biasIntegral(k.tauMem(), a, b) / (b - a);
        }
        return f;
    }

    /**
     * The explicit and spike-time derivatives of {@code sum_c dClass[c] * classScore_c}
     * ({@link #classScores}); with one window those of {@link #addGradient(ReadoutScore, double[], double[][],
     * double, double[][], double[], double[][])}. For a window {@code [a, b]}:
     * {@code d score_o / d W_oj = sum_g (K(b - g) - K(a - g)) / (b - a)} and
     * {@code d score_o / d g = -W_oj (k(b - g) - k(a - g)) / (b - a)} ({@code k = 0} before a spike: a spike
     * after the window changes nothing); the span depends on the inputs only.
     */
    public void addClassGradient(ReadoutScore score, double[] dClass, double[][] pre, double tEnd, double span,
                                 double[][] dWeight, double[] dBias, double[][] dPre) {
        ReadoutWindows win = windows();
        if (win.count() == 1) {
            addGradient(score, dClass, pre, tEnd, dWeight, dBias, dPre);
            return;
        }
        requireWindowedMean(score);
        requireWindow(span);
        requirePre(pre);
        double[] dScore = win.outputGradient(dClass, layer.size());
        for (int o = 0; o < layer.size(); o++) {
            double d = dScore[o];
            if (d == 0) {
                continue;
            }
            double a = win.start(o, span, tEnd);
            double b = win.end(o, span, tEnd);
            double len = b - a;
            double[] w = layer.weights()[o];
            LifKernel k = kernel[o];
            for (int j = 0; j < pre.length; j++) {
                double acc = 0;
                for (int m = 0; m < pre[j].length; m++) {
                    double g = pre[j][m];
                    if (g >= b) {
                        continue;
                    }
                    acc += integral(k, b - g) - integral(k, a - g);
                    double slope = k.k(b - g) - (g < a ? k.k(a - g) : 0.0);
                    dPre[j][m] -= d * w[j] * slope / len;
                }
                dWeight[o][j] += d * acc / len;
            }
            if (dBias != null) {
                dBias[o] += d * biasIntegral(k.tauMem(), a, b) / len;
            }
        }
    }

    /** {@code int_a^b (1 - e^{-t/tauMem}) dt}, the bias's charge over a window. */
    private static double biasIntegral(double tauMem, double a, double b) {
        return (b - a) + tauMem * (Math.expm1(-b / tauMem) - Math.expm1(-a / tauMem));
    }

    private void requireWindowedMean(ReadoutScore score) {
        if (score == ReadoutScore.MAX) {
            throw new IllegalArgumentException("membrane readout '" + layer.name() + "': " + windows().count()
                    + " readout windows are scored by their time mean, not by the maximum");
        }
    }

    /** Every readout neuron's score of the given kind ({@link #scores(double[][], double)} for the mean). */
    public double[] scores(double[][] pre, double window, ReadoutScore score) {
        if (score == ReadoutScore.MEAN) {
            return scores(pre, window);
        }
        requireWindow(window);
        requirePre(pre);
        MembranePeak.Events ev = MembranePeak.Events.of(pre);
        double[] s = new double[layer.size()];
        for (int c = 0; c < s.length; c++) {
            s[c] = MembranePeak.peak(kernel[c], layer.biasOf(c), layer.weights()[c], ev, window).value();
        }
        return s;
    }

    /** Where each readout neuron's membrane peaks in {@code [0, window]} (the time of its {@link ReadoutScore#MAX} score). */
    double[] peakTimes(double[][] pre, double window) {
        MembranePeak.Events ev = MembranePeak.Events.of(pre);
        double[] t = new double[layer.size()];
        for (int c = 0; c < t.length; c++) {
            t[c] = MembranePeak.peak(kernel[c], layer.biasOf(c), layer.weights()[c], ev, window).time();
        }
        return t;
    }

    /** {@link #addGradient} for a score of the given kind. */
    public void addGradient(ReadoutScore score, double[] dScore, double[][] pre, double window, double[][] dWeight,
                            double[] dBias, double[][] dPre) {
        if (score == ReadoutScore.MEAN) {
            addGradient(dScore, pre, window, dWeight, dBias, dPre);
            return;
        }
        requireWindow(window);
        requirePre(pre);
        MembranePeak.Events ev = MembranePeak.Events.of(pre);
        for (int c = 0; c < layer.size(); c++) {
            double d = dScore[c];
            if (d == 0) {
                continue;
            }
            MembranePeak.Peak p = MembranePeak.peak(kernel[c], layer.biasOf(c), layer.weights()[c], ev, window);
            if (p.time() <= 0) {
                continue;   // V(0) = 0 whatever the parameters
            }
            // Envelope: at an interior maximum V' = 0 and at T the time is fixed, so only V's explicit
            // dependence at t* counts. At a kink (an event at t* whose jump turns V down) t* moves with that
            // spike: its derivative is the left slope V'(t*-), the spike's own term being 0 at t*.
            double[] w = layer.weights()[c];
            LifKernel k = kernel[c];
            for (int e = 0; e < ev.size(); e++) {
                double g = ev.time()[e];
                if (!(g < p.time())) {
                    break;
                }
                int j = ev.source()[e];
                dWeight[c][j] += d * k.k(p.time() - g);
                dPre[j][ev.index()[e]] -= d * w[j] * k.kPrime(p.time() - g);
            }
            if (p.kinkEvent() >= 0) {
                dPre[ev.source()[p.kinkEvent()]][ev.index()[p.kinkEvent()]] += d * p.leftSlope();
            }
            if (dBias != null) {
                dBias[c] += d * -Math.expm1(-p.time() / k.tauMem());
            }
        }
    }


    /**
     * The membranes {@code V_c(t)} at the given times (ascending), by carrying each neuron's
     * {@code (V, I)} from event to event: {@code [time][c]}. For checks and for sizing the readout's
     * membrane range.
     */
    public double[][] trajectory(double[][] pre, double[] times) {
        requirePre(pre);
        int total = 0;
        for (double[] p : pre) {
            total += p.length;
        }
        double[] evTime = new double[total];
        int[] evSource = new int[total];
        Integer[] order = new Integer[total];
        int e = 0;
        for (int j = 0; j < pre.length; j++) {
            for (double g : pre[j]) {
                evTime[e] = g;
                evSource[e] = j;
                order[e] = e;
                e++;
            }
        }
        Arrays.sort(order, (a, b) -> Double.compare(evTime[a], evTime[b]));
        double[][] v = new double[times.length][layer.size()];
        for (int c = 0; c < layer.size(); c++) {
            LifKernel k = kernel[c];
            double b = layer.biasOf(c);
            double[] w = layer.weights()[c];
            double u = 0;          // V - b(1 - e^{-t/tauMem}) is the bias-free part, carried as (u, j)
            double cur = 0;
            double t0 = 0;
            int next = 0;
            for (int q = 0; q < times.length; q++) {
                double t = times[q];
                while (next < total && evTime[order[next]] < t) {
                    double te = evTime[order[next]];
                    if (te > t0) {
                        u = k.potential(u, cur, te - t0);
                        cur = k.current(cur, te - t0);
                        t0 = te;
                    }
                    cur += w[evSource[order[next]]];
                    next++;
                }
                double vt = t > t0 ? k.potential(u, cur, t - t0) : u;
                v[q][c] = vt + (b == 0 || t <= 0 ? 0 : -b * Math.expm1(-t / k.tauMem()));
            }
        }
        return v;
    }

    private void requirePre(double[][] pre) {
        int fanIn = layer.weights().length == 0 ? 0 : layer.weights()[0].length;
        if (pre.length != fanIn) {
            throw new IllegalArgumentException("membrane readout '" + layer.name() + "': " + pre.length
                    + " presynaptic neurons given, the layer has a fan-in of " + fanIn);
        }
    }

    private static void requireWindow(double window) {
        if (!(window > 0) || !Double.isFinite(window)) {
            throw new IllegalArgumentException("membrane readout: the window must be a finite number > 0 seconds, got "
                    + window);
        }
    }
}
