package dev.spikeloop.compiler.fanout;

import dev.spikeloop.network.LayerSpec;

import java.util.List;

/**
 * Fan-out of the hidden neurons of a float network as the compiler places it (docs/compiler.md):
 * hidden neuron {@code j} of layer {@code l} drives, on the chip, every non-zero weight of column
 * {@code j} of layer {@code l+1} (a block of {@code weights_rec}, or {@code weights_out} when
 * {@code l+1} is the output layer) and every non-zero off-diagonal weight of column {@code j} of its
 * own layer's recurrent matrix. The compiler uses one synapse, so each such weight is one chip entry.
 *
 * @param perNeuron     for each hidden layer, the fan-out of each of its neurons
 * @param hiddenToHidden non-zero hidden-to-hidden weights in total (what the recurrent weight memory holds)
 */
public record FanOut(List<int[]> perNeuron, long hiddenToHidden) {

    /** Counts the fan-out of well-formed layers (see {@link #wellFormed}); the last layer is the output layer. */
    public static FanOut of(List<LayerSpec> layers) {
        int last = layers.size() - 1;
        List<int[]> counts = new java.util.ArrayList<>();
        long h2h = 0;
        for (int l = 0; l < last; l++) {
            LayerSpec layer = layers.get(l);
            int[] c = new int[layer.size()];
            double[][] next = layers.get(l + 1).weights();
            boolean nextHidden = l + 1 < last;
            for (double[] row : next) {
                for (int j = 0; j < c.length; j++) {
                    if (row[j] != 0) {
                        c[j]++;
                        h2h += nextHidden ? 1 : 0;
                    }
                }
            }
            double[][] rec = layer.recurrent();
            if (rec != null) {
                for (int i = 0; i < rec.length; i++) {
                    for (int j = 0; j < c.length; j++) {
                        if (i != j && rec[i][j] != 0) {
                            c[j]++;
                            h2h++;
                        }
                    }
                }
            }
            counts.add(c);
        }
        return new FanOut(List.copyOf(counts), h2h);
    }

    /** True when every matrix is present with the right shape, so fan-out can be counted. */
    public static boolean wellFormed(int inputs, List<LayerSpec> layers) {
        if (layers == null || layers.size() < 2) {
            return false;
        }
        int fanIn = inputs;
        for (LayerSpec layer : layers) {
            if (layer == null || layer.size() < 1 || !shaped(layer.weights(), layer.size(), fanIn)
                    || (layer.recurrent() != null && !shaped(layer.recurrent(), layer.size(), layer.size()))) {
                return false;
            }
            fanIn = layer.size();
        }
        return true;
    }

    private static boolean shaped(double[][] m, int rows, int cols) {
        if (m == null || m.length != rows) {
            return false;
        }
        for (double[] row : m) {
            if (row == null || row.length != cols) {
                return false;
            }
        }
        return true;
    }
}
