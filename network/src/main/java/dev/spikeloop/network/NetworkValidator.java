package dev.spikeloop.network;

import java.util.List;

/** The rules of network-format.md, checked in one place so every way of building a network obeys them. */
final class NetworkValidator {
    private NetworkValidator() {
    }

    static void validate(int inputs, double tEnd, List<LayerSpec> layers) {
        if (inputs < 1) {
            throw new InvalidNetworkException("inputs: must be at least 1, got " + inputs);
        }
        if (!Double.isFinite(tEnd) || tEnd <= 0) {
            throw new InvalidNetworkException("tEnd: must be a finite number > 0 seconds, got " + tEnd);
        }
        if (layers.isEmpty()) {
            throw new InvalidNetworkException("layers: at least one layer (the output layer) is required");
        }
        int fanIn = inputs;
        for (int l = 0; l < layers.size(); l++) {
            LayerSpec layer = layers.get(l);
            if (layer == null) {
                throw new InvalidNetworkException("layer " + l + ": missing");
            }
            boolean output = l == layers.size() - 1;
            validateLayer(l, layer, fanIn, output);
            fanIn = layer.size();
        }
    }

    private static void validateLayer(int l, LayerSpec layer, int fanIn, boolean output) {
        String where = where(l, layer);
        if (layer.name() == null) {
            throw new InvalidNetworkException(where + ": name is missing");
        }
        if (layer.size() < 1) {
            throw new InvalidNetworkException(where + ": size must be at least 1, got " + layer.size());
        }
        positive(where, "tauSyn", layer.tauSyn());
        positive(where, "tauMem", layer.tauMem());
        positive(where, "threshold", layer.threshold());
        detail(where, layer, output);
        matrix(where, "weights", layer.weights(), layer.size(), fanIn);
        if (layer.detail().synapse2() != null) {
            matrix(where, "synapse2.weights", layer.detail().synapse2().weights(), layer.size(), fanIn);
            if (layer.detail().synapse2().recurrent() != null) {
                matrix(where, "synapse2.recurrent", layer.detail().synapse2().recurrent(), layer.size(), layer.size());
            }
        }
        if (layer.recurrent() != null) {
            if (output) {
                throw new InvalidNetworkException(where + ": recurrent weights are allowed on hidden layers only,"
                        + " not on the output layer");
            }
            matrix(where, "recurrent", layer.recurrent(), layer.size(), layer.size());
        }
    }

    private static void detail(String where, LayerSpec layer, boolean output) {
        LayerDetail d = layer.detail();
        perNeuron(where, "tauSyn", d.tauSyn(), layer.size(), true);
        perNeuron(where, "tauMem", d.tauMem(), layer.size(), true);
        perNeuron(where, "threshold", d.threshold(), layer.size(), true);
        perNeuron(where, "bias", d.bias(), layer.size(), false);
        if (!d.spiking() && !output) {
            throw new InvalidNetworkException(where + ": a non-spiking (membrane) readout is allowed on the output"
                    + " layer only");
        }
        if (d.selfRecurrent() && layer.recurrent() == null) {
            throw new InvalidNetworkException(where + ": selfRecurrent needs a recurrent matrix");
        }
        if (d.synapse2() != null) {
            SecondSynapse s2 = d.synapse2();
            if (s2.tauSyn() == null) {
                throw new InvalidNetworkException(where + ": synapse2.tauSyn is missing");
            }
            perNeuron(where, "synapse2.tauSyn", s2.tauSyn(), layer.size(), true);
            if (s2.recurrent() != null && layer.recurrent() == null) {
                throw new InvalidNetworkException(where + ": synapse2.recurrent needs the layer's recurrent matrix");
            }
            if (output) {
                throw new InvalidNetworkException(where + ": a second synapse is allowed on hidden layers only (the"
                        + " chip's output neurons have one)");
            }
        }
        check(where, "tauSyn", d.tauSyn(), 0, layer.tauSyn());
        check(where, "tauMem", d.tauMem(), 0, layer.tauMem());
        check(where, "threshold", d.threshold(), 0, layer.threshold());
    }

    /** The scalar must be neuron 0's value, so plain-model readers see a real neuron's value. */
    private static void check(String where, String field, double[] v, int i, double scalar) {
        if (v != null && Double.compare(v[i], scalar) != 0) {
            throw new InvalidNetworkException(where + ": " + field + " = " + scalar + " differs from neuron 0's"
                    + " per-neuron value " + v[i]);
        }
    }

    private static void perNeuron(String where, String field, double[] v, int size, boolean positive) {
        if (v == null) {
            return;
        }
        if (v.length != size) {
            throw new InvalidNetworkException(where + ": " + field + " has " + v.length + " values, expected "
                    + size + " (one per neuron)");
        }
        for (int i = 0; i < size; i++) {
            if (!Double.isFinite(v[i]) || (positive && v[i] <= 0)) {
                throw new InvalidNetworkException(where + ": " + field + " of neuron " + i + " must be a finite number"
                        + (positive ? " > 0" : "") + ", got " + v[i]);
            }
        }
    }

    private static String where(int l, LayerSpec layer) {
        return layer.name() == null ? "layer " + l : "layer " + l + " ('" + layer.name() + "')";
    }

    private static void positive(String where, String field, double value) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new InvalidNetworkException(where + ": " + field + " must be a finite number > 0, got " + value);
        }
    }

    private static void matrix(String where, String field, double[][] m, int rows, int cols) {
        if (m == null) {
            throw new InvalidNetworkException(where + ": " + field + " is missing");
        }
        if (m.length != rows) {
            throw new InvalidNetworkException(where + ": " + field + " has " + m.length + " rows, expected "
                    + rows + " (the layer size)");
        }
        for (int i = 0; i < rows; i++) {
            double[] row = m[i];
            if (row == null) {
                throw new InvalidNetworkException(where + ": " + field + " row " + i + " is missing");
            }
            if (row.length != cols) {
                throw new InvalidNetworkException(where + ": " + field + " row " + i + " has " + row.length
                        + " columns, expected " + cols);
            }
            for (int j = 0; j < cols; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new InvalidNetworkException(where + ": " + field + " row " + i + " column " + j
                            + " is " + row[j] + "; weights must be finite numbers");
                }
            }
        }
    }
}
