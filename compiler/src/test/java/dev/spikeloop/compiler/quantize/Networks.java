package dev.spikeloop.compiler.quantize;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerDetail;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.network.SecondSynapse;

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

    /**
     * {@code random(3, 4, {10}, 2, true)} whose hidden layer has a second synapse of time constant {@code tau2}
     * carrying half the drive of the next row's first synapse ({@code w2[i] = 0.5 w[(i + 1) mod 10]}).
     */
    public static FloatNetwork withSecondSynapse(double tau2) {
        FloatNetwork base = random(3, 4, new int[] {10}, 2, true);
        LayerSpec h = base.layer(0);
        double[][] w2 = new double[10][4];
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 4; j++) {
                w2[i][j] = 0.5 * h.weights()[(i + 1) % 10][j];
            }
        }
        double[] tau = new double[10];
        java.util.Arrays.fill(tau, tau2);
        return base.withLayer(0, h.withDetail(LayerDetail.PLAIN.withSynapse2(new SecondSynapse(tau, w2, null))));
    }
}
