package dev.spikeloop.runtime.loop;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.runtime.fp.Gradients;

import java.util.ArrayList;
import java.util.List;

/**
 * How the trainable parameters of a network are laid end to end in one vector for the optimiser:
 * for each layer in order, its feed-forward weights row by row, then its recurrent weights row by
 * row if it has them; then, when thresholds are trained, one threshold per layer.
 *
 * <p>Only the parameters that the chip can change are here: time constants are fixed by the
 * compiled decay shifts, so fine-tuning leaves them alone.
 *
 * @param trainThresholds whether the layer thresholds are parameters too
 */
public record ParameterLayout(boolean trainThresholds) {

    /** Number of parameters of {@code net}. */
    public int size(FloatNetwork net) {
        int n = 0;
        for (LayerSpec l : net.layers()) {
            n += l.size() * l.weights()[0].length;
            if (l.hasRecurrent()) {
                n += l.size() * l.size();
            }
        }
        return n + (trainThresholds ? net.layerCount() : 0);
    }

    /** Index of layer {@code layer}'s first feed-forward weight ({@code weights[0][0]}) in the vector. */
    public int weightOffset(FloatNetwork net, int layer) {
        int off = 0;
        for (int p = 0; p < layer; p++) {
            LayerSpec l = net.layer(p);
            off += l.size() * net.fanIn(p) + (l.hasRecurrent() ? l.size() * l.size() : 0);
        }
        return off;
    }

    /**
     * Adds the push that keeps every output firing, as plain training does
     * ({@link dev.spikeloop.runtime.train.Trainer}): a silent output has no exact gradient, and
     * silencing the wrong outputs is where the ttfs loss drifts when nothing stops it. For each
     * output neuron without a spike in {@code spikeTimes} ({@code [layer][neuron][k]}), its incoming
     * weights get {@code -push * u_j}, with {@code u} the unit vector of the last hidden layer's spike
     * counts (nothing when that layer is silent too).
     */
    public void addSilentPush(FloatNetwork net, double[][][] spikeTimes, double push, double[] grad) {
        int last = net.layerCount() - 1;
        if (push <= 0 || last == 0) {
            return;
        }
        double[][] pre = spikeTimes[last - 1];
        double norm = 0;
        for (double[] t : pre) {
            norm += (double) t.length * t.length;
        }
        if (norm == 0) {
            return;
        }
        norm = Math.sqrt(norm);
        int fanIn = net.fanIn(last);
        for (int k = 0; k < spikeTimes[last].length; k++) {
            if (spikeTimes[last][k].length > 0) {
                continue;
            }
            int off = weightOffset(net, last) + k * fanIn;
            for (int j = 0; j < pre.length; j++) {
                grad[off + j] -= push * pre[j].length / norm;
            }
        }
    }

    /**
     * Adds the push that keeps hidden layers firing, as plain training does: when more than
     * {@code maxSilent} of a hidden layer's neurons are silent in a sample, each silent one gets
     * {@code -push * u_j} on its incoming weights, {@code u} the unit vector of its inputs' spike counts
     * ({@code inputCounts} for layer 0).
     */
    public void addDeadPush(FloatNetwork net, double[][][] spikeTimes, double[] inputCounts, double push,
                            double maxSilent, double[] grad) {
        if (push <= 0) {
            return;
        }
        for (int l = 0; l < net.layerCount() - 1; l++) {
            double[][] layer = spikeTimes[l];
            int silent = 0;
            for (double[] t : layer) {
                silent += t.length == 0 ? 1 : 0;
            }
            if (silent <= maxSilent * layer.length) {
                continue;
            }
            double[] pre = new double[net.fanIn(l)];
            for (int j = 0; j < pre.length; j++) {
                pre[j] = l == 0 ? inputCounts[j] : spikeTimes[l - 1][j].length;
            }
            double norm = 0;
            for (double v : pre) {
                norm += v * v;
            }
            if (norm == 0) {
                continue;
            }
            norm = Math.sqrt(norm);
            int off = weightOffset(net, l);
            for (int i = 0; i < layer.length; i++) {
                if (layer[i].length == 0) {
                    for (int j = 0; j < pre.length; j++) {
                        grad[off + i * pre.length + j] -= push * pre[j] / norm;
                    }
                }
            }
        }
    }

    /**
     * The natural size of every parameter of {@code net}: the RMS of its layer's weight matrix (of
     * the matrix itself for recurrent weights; 1 when all zero) and the threshold for thresholds.
     * The fine-tuner measures Adam's steps in these units, so one learning rate suits layers
     * whose weights differ in scale by orders of magnitude.
     */
    public double[] units(FloatNetwork net) {
        double[] u = new double[size(net)];
        int k = 0;
        for (LayerSpec l : net.layers()) {
            k = fill(u, k, l.weights());
            if (l.hasRecurrent()) {
                k = fill(u, k, l.recurrent());
            }
        }
        if (trainThresholds) {
            for (LayerSpec l : net.layers()) {
                u[k++] = l.threshold();
            }
        }
        return u;
    }

    private static int fill(double[] u, int k, double[][] m) {
        double sum = 0;
        int n = 0;
        for (double[] row : m) {
            for (double v : row) {
                sum += v * v;
                n++;
            }
        }
        double rms = n == 0 || sum == 0 ? 1.0 : Math.sqrt(sum / n);
        java.util.Arrays.fill(u, k, k + n, rms);
        return k + n;
    }

    /** The parameters of {@code net} as one vector. */
    public double[] flatten(FloatNetwork net) {
        double[] out = new double[size(net)];
        int k = 0;
        for (LayerSpec l : net.layers()) {
            k = put(l.weights(), out, k);
            if (l.hasRecurrent()) {
                k = put(l.recurrent(), out, k);
            }
        }
        if (trainThresholds) {
            for (LayerSpec l : net.layers()) {
                out[k++] = l.threshold();
            }
        }
        return out;
    }

    /** An FP-engine gradient in this layout (threshold entries 0 if the engine gave none). */
    public double[] flattenGradient(FloatNetwork net, Gradients g) {
        double[][][] w = g.weights().toArray(new double[0][][]);
        double[][][] r = g.recurrent().toArray(new double[0][][]);
        double[] th = g.thresholds() != null ? g.thresholds() : new double[net.layerCount()];
        return flattenGradient(net, w, r, th);
    }

    /**
     * A gradient in the same layout: {@code weights[l][i][j]}, {@code recurrent[l]} (null for a layer
     * without recurrent weights, which is then skipped), {@code thresholds[l]}.
     */
    public double[] flattenGradient(FloatNetwork net, double[][][] weights, double[][][] recurrent, double[] thresholds) {
        double[] out = new double[size(net)];
        int k = 0;
        for (int l = 0; l < net.layerCount(); l++) {
            k = put(weights[l], out, k);
            if (net.layer(l).hasRecurrent()) {
                if (recurrent == null || recurrent[l] == null) {
                    throw new IllegalArgumentException("gradient has no recurrent part for layer " + l
                            + ", which has recurrent weights");
                }
                k = put(recurrent[l], out, k);
            }
        }
        if (trainThresholds) {
            for (int l = 0; l < net.layerCount(); l++) {
                out[k++] = thresholds[l];
            }
        }
        return out;
    }

    /**
     * {@code net} with its parameters replaced by {@code params} (new arrays; {@code net} is not
     * changed). A threshold is kept positive, as the model requires.
     */
    public FloatNetwork unflatten(FloatNetwork net, double[] params) {
        if (params.length != size(net)) {
            throw new IllegalArgumentException("expected " + size(net) + " parameters, got " + params.length);
        }
        List<LayerSpec> layers = new ArrayList<>(net.layerCount());
        int k = 0;
        for (LayerSpec l : net.layers()) {
            double[][] w = new double[l.size()][l.weights()[0].length];
            k = take(params, k, w);
            double[][] rec = null;
            if (l.hasRecurrent()) {
                rec = new double[l.size()][l.size()];
                k = take(params, k, rec);
            }
            layers.add(l.withWeights(w, rec));
        }
        if (trainThresholds) {
            for (int l = 0; l < layers.size(); l++) {
                double t = params[k++];
                double floor = 1e-3 * net.layer(l).threshold();
                layers.set(l, layers.get(l).withThreshold(Math.max(t, floor)));
            }
        }
        return new FloatNetwork(net.inputs(), net.tEnd(), layers);
    }

    private static int put(double[][] m, double[] out, int k) {
        for (double[] row : m) {
            System.arraycopy(row, 0, out, k, row.length);
            k += row.length;
        }
        return k;
    }

    private static int take(double[] params, int k, double[][] m) {
        for (double[] row : m) {
            System.arraycopy(params, k, row, 0, row.length);
            k += row.length;
        }
        return k;
    }
}
