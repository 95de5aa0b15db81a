package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.network.SecondSynapse;

import java.util.ArrayList;
import java.util.List;

/**
 * The one parameter vector of the FP engine, training and fine-tuning (the training package's
 * {@code EpochLoop}): how the parameters of a network are laid end to end. For each layer in order,
 * its feed-forward weights row by row, then its recurrent weights row by row if it has them; then, for
 * each layer with a second synapse ({@code LayerDetail.synapse2()}) in order, that synapse's
 * feed-forward weights and its recurrent weights if it has them ({@link #synapse2Offset}); then,
 * when thresholds are included, one threshold per layer. A network without second synapses has the
 * same vector as before they existed, so saved training and fine-tuning states still load. The FP engine's forward order numbers its
 * columns the same way, with thresholds, and after them the per-neuron biases it also
 * differentiates ({@link #biasOffset}).
 *
 * <p>Time constants are never here: training keeps them, and on the chip they are fixed by the
 * compiled decay shifts.
 *
 * @param trainThresholds whether the layer thresholds are parameters too
 */
public record ParameterVector(boolean trainThresholds) {

    /** Number of parameters of {@code net}. */
    public int size(FloatNetwork net) {
        int n = 0;
        for (LayerSpec l : net.layers()) {
            n += l.size() * l.weights()[0].length;
            if (l.hasRecurrent()) {
                n += l.size() * l.size();
            }
            n += synapse2Count(l);
        }
        return n + (trainThresholds ? net.layerCount() : 0);
    }

    /** Number of second-synapse weights of {@code l} (feed-forward and recurrent; 0 without one). */
    private static int synapse2Count(LayerSpec l) {
        SecondSynapse s = l.detail().synapse2();
        if (s == null) {
            return 0;
        }
        return l.size() * s.weights()[0].length + (s.recurrent() != null ? l.size() * l.size() : 0);
    }

    /**
     * Index of layer {@code layer}'s first second-synapse weight ({@code synapse2.weights[0][0]}, followed
     * by its recurrent weights if any), or -1 when the layer has no second synapse.
     */
    public int synapse2Offset(FloatNetwork net, int layer) {
        if (net.layer(layer).detail().synapse2() == null) {
            return -1;
        }
        int off = weightOffset(net, net.layerCount());
        for (int p = 0; p < layer; p++) {
            off += synapse2Count(net.layer(p));
        }
        return off;
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

    /** Index of layer {@code layer}'s threshold (thresholds included). */
    public int thresholdOffset(FloatNetwork net, int layer) {
        if (!trainThresholds) {
            throw new IllegalStateException("this vector has no thresholds");
        }
        return size(net) - net.layerCount() + layer;
    }

    /**
     * Index of layer {@code layer}'s first per-neuron bias in the FP engine's columns, which follow
     * this vector: the biases of the layers that have them, layer by layer (-1 for a layer without).
     */
    public int biasOffset(FloatNetwork net, int layer) {
        if (net.layer(layer).detail().bias() == null) {
            return -1;
        }
        int off = size(net);
        for (int p = 0; p < layer; p++) {
            off += net.layer(p).detail().bias() != null ? net.layer(p).size() : 0;
        }
        return off;
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
        for (LayerSpec l : net.layers()) {
            SecondSynapse s = l.detail().synapse2();
            if (s != null) {
                k = fill(u, k, s.weights());
                if (s.recurrent() != null) {
                    k = fill(u, k, s.recurrent());
                }
            }
        }
        if (trainThresholds) {
            for (LayerSpec l : net.layers()) {
                u[k++] = l.threshold();
            }
        }
        return u;
    }

    /**
     * The units of plain training: every weight of a layer (feed-forward and recurrent) in the RMS of
     * the layer's feed-forward weights (1 when all zero), thresholds in themselves. A sparse recurrent
     * matrix would otherwise get a unit from its few non-zero entries.
     */
    public double[] feedForwardUnits(FloatNetwork net) {
        double[] u = units(net);
        for (int l = 0; l < net.layerCount(); l++) {
            LayerSpec layer = net.layer(l);
            if (layer.hasRecurrent()) {
                int from = weightOffset(net, l) + layer.size() * net.fanIn(l);
                java.util.Arrays.fill(u, from, from + layer.size() * layer.size(), u[weightOffset(net, l)]);
            }
            SecondSynapse s = layer.detail().synapse2();
            if (s != null && s.recurrent() != null) {
                int off = synapse2Offset(net, l);
                int from = off + layer.size() * net.fanIn(l);
                java.util.Arrays.fill(u, from, from + layer.size() * layer.size(), u[off]);
            }
        }
        return u;
    }

    /**
     * Sets the recurrent diagonals (self-connections) of {@code v}, a vector or gradient of
     * {@code net}, to 0: plain training keeps its networks free of them.
     */
    public void zeroSelfConnections(FloatNetwork net, double[] v) {
        for (int l = 0; l < net.layerCount(); l++) {
            LayerSpec layer = net.layer(l);
            if (layer.hasRecurrent()) {
                int from = weightOffset(net, l) + layer.size() * net.fanIn(l);
                for (int i = 0; i < layer.size(); i++) {
                    v[from + i * layer.size() + i] = 0;
                }
            }
            SecondSynapse s = layer.detail().synapse2();
            if (s != null && s.recurrent() != null) {
                int from = synapse2Offset(net, l) + layer.size() * net.fanIn(l);
                for (int i = 0; i < layer.size(); i++) {
                    v[from + i * layer.size() + i] = 0;
                }
            }
        }
    }

    private static int fill(double[] u, int k, double[][] m) {
        int n = 0;
        for (double[] row : m) {
            n += row.length;
        }
        double rms = rms(m);
        java.util.Arrays.fill(u, k, k + n, n == 0 || rms == 0 ? 1.0 : rms);
        return k + n;
    }

    /** The root mean square of the entries of {@code m} (NaN when it has none). */
    public static double rms(double[][] m) {
        double sum = 0;
        int n = 0;
        for (double[] row : m) {
            for (double v : row) {
                sum += v * v;
                n++;
            }
        }
        return Math.sqrt(sum / n);
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
        for (LayerSpec l : net.layers()) {
            SecondSynapse s = l.detail().synapse2();
            if (s != null) {
                k = put(s.weights(), out, k);
                if (s.recurrent() != null) {
                    k = put(s.recurrent(), out, k);
                }
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
        double[] out = flattenGradient(net, w, r, th);
        for (int l = 0; l < net.layerCount(); l++) {
            SecondSynapse s = net.layer(l).detail().synapse2();
            if (s != null) {
                double[][] w2 = g.weights2().get(l);
                double[][] r2 = g.recurrent2().get(l);
                if (w2 == null || (s.recurrent() != null && r2 == null)) {
                    throw new IllegalArgumentException("gradient has no second-synapse part for layer " + l
                            + ", which has a second synapse");
                }
                int k = put(w2, out, synapse2Offset(net, l));
                if (s.recurrent() != null) {
                    put(r2, out, k);
                }
            }
        }
        return out;
    }

    /**
     * A gradient in the same layout: {@code weights[l][i][j]}, {@code recurrent[l]} (null for a layer
     * without recurrent weights, which is then skipped), {@code thresholds[l]}; second-synapse entries
     * are left 0 (the overload taking {@link Gradients} fills them).
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
        k = trainThresholds ? size(net) - net.layerCount() : k;
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
        for (int p = 0; p < layers.size(); p++) {
            LayerSpec l = layers.get(p);
            SecondSynapse s = l.detail().synapse2();
            if (s != null) {
                double[][] w2 = new double[l.size()][s.weights()[0].length];
                k = take(params, k, w2);
                double[][] r2 = null;
                if (s.recurrent() != null) {
                    r2 = new double[l.size()][l.size()];
                    k = take(params, k, r2);
                }
                layers.set(p, l.withDetail(l.detail().withSynapse2(new SecondSynapse(s.tauSyn(), w2, r2))));
            }
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
