package dev.spikeloop.compiler.quantize;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Float networks for tests. */
public final class Networks {
    private Networks() {
    }

    /** A matrix of Gaussian numbers with standard deviation {@code sd}. */
    public static double[][] gaussian(Random rnd, int rows, int cols, double sd) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = sd * rnd.nextGaussian();
            }
        }
        return m;
    }

    /**
     * A random network: {@code inputs} channels, hidden layers of the given sizes (the first with
     * recurrent weights when {@code recurrent}), then {@code outputs} output neurons.
     */
    public static FloatNetwork random(long seed, int inputs, int[] hidden, int outputs, boolean recurrent) {
        Random rnd = new Random(seed);
        List<LayerSpec> layers = new ArrayList<>();
        int fanIn = inputs;
        for (int p = 0; p < hidden.length; p++) {
            double[][] rec = recurrent && p == 0 ? gaussian(rnd, hidden[p], hidden[p], 0.2) : null;
            layers.add(new LayerSpec("h" + p, hidden[p], 0.005, 0.010, 1.0, gaussian(rnd, hidden[p], fanIn, 1.5), rec));
            fanIn = hidden[p];
        }
        layers.add(new LayerSpec("out", outputs, 0.005, 0.010, 1.0, gaussian(rnd, outputs, fanIn, 0.8), null));
        return new FloatNetwork(inputs, 0.05, layers);
    }
}
