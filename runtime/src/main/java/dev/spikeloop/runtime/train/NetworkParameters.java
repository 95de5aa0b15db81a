package dev.spikeloop.runtime.train;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays the trainable parameters of a network out as one flat vector, so that an optimiser such as
 * {@link Adam} can treat them alike: layer by layer, first the feed-forward weights row by row,
 * then the recurrent weights (if the layer has them) row by row. Thresholds and time constants are
 * not trained. The layout is fixed by the network's shape, which this object remembers.
 */
public final class NetworkParameters {
    private final FloatNetwork shape;
    private final int size;

    /** The layout of {@code shape}'s parameters. */
    public NetworkParameters(FloatNetwork shape) {
        this.shape = shape;
        int n = 0;
        for (int l = 0; l < shape.layerCount(); l++) {
            LayerSpec layer = shape.layer(l);
            n += layer.size() * shape.fanIn(l);
            if (layer.hasRecurrent()) {
                n += layer.size() * layer.size();
            }
        }
        this.size = n;
    }

    /** Number of parameters. */
    public int size() {
        return size;
    }

    /** The parameters of {@code net} (same shape) as a new vector. */
    public double[] flatten(FloatNetwork net) {
        List<double[][]> w = new ArrayList<>();
        List<double[][]> r = new ArrayList<>();
        for (LayerSpec layer : net.layers()) {
            w.add(layer.weights());
            r.add(layer.recurrent());
        }
        return flatten(w, r);
    }

    /**
     * Weight and recurrent matrices per layer (as in a gradient) as a new vector; a {@code null}
     * recurrent matrix where the shape has one counts as zeros. Recurrent diagonals are set to zero
     * because self-connections have no effect in the model.
     */
    public double[] flatten(List<double[][]> weights, List<double[][]> recurrent) {
        double[] v = new double[size];
        int k = 0;
        for (int l = 0; l < shape.layerCount(); l++) {
            LayerSpec layer = shape.layer(l);
            k = copyIn(weights.get(l), layer.size(), shape.fanIn(l), v, k, false, "weights of layer " + l);
            if (layer.hasRecurrent()) {
                double[][] rec = recurrent == null ? null : recurrent.get(l);
                if (rec == null) {
                    k += layer.size() * layer.size();
                } else {
                    k = copyIn(rec, layer.size(), layer.size(), v, k, true, "recurrent weights of layer " + l);
                }
            }
        }
        return v;
    }

    /** A new network like the shape, with its parameters taken from {@code v} (new arrays). */
    public FloatNetwork unflatten(double[] v) {
        if (v.length != size) {
            throw new IllegalArgumentException("expected " + size + " parameters, got " + v.length);
        }
        List<LayerSpec> layers = new ArrayList<>(shape.layerCount());
        int k = 0;
        for (int l = 0; l < shape.layerCount(); l++) {
            LayerSpec layer = shape.layer(l);
            double[][] w = new double[layer.size()][shape.fanIn(l)];
            k = copyOut(v, k, w);
            double[][] rec = null;
            if (layer.hasRecurrent()) {
                rec = new double[layer.size()][layer.size()];
                k = copyOut(v, k, rec);
            }
            layers.add(layer.withWeights(w, rec));
        }
        return new FloatNetwork(shape.inputs(), shape.tEnd(), layers);
    }

    private static int copyIn(double[][] m, int rows, int cols, double[] v, int k, boolean zeroDiagonal, String what) {
        if (m == null || m.length != rows) {
            throw new IllegalArgumentException(what + ": expected " + rows + " rows, got " + (m == null ? 0 : m.length));
        }
        for (int i = 0; i < rows; i++) {
            if (m[i].length != cols) {
                throw new IllegalArgumentException(what + " row " + i + ": expected " + cols + " columns, got " + m[i].length);
            }
            System.arraycopy(m[i], 0, v, k, cols);
            if (zeroDiagonal) {
                v[k + i] = 0;
            }
            k += cols;
        }
        return k;
    }

    private static int copyOut(double[] v, int k, double[][] m) {
        for (double[] row : m) {
            System.arraycopy(v, k, row, 0, row.length);
            k += row.length;
        }
        return k;
    }
}
