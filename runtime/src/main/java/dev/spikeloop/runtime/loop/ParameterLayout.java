package dev.spikeloop.runtime.loop;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;

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
