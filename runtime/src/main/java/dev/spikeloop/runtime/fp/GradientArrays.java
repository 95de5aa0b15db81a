package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;

import java.util.ArrayList;
import java.util.List;

/** Mutable gradient accumulators shaped like a network's parameters; turned into {@link Gradients} at the end. */
final class GradientArrays {
    final double[][][] weights;
    final double[][][] recurrent;
    final double[] thresholds;
    /** Per layer with a bias field, one entry per neuron; null for the others. */
    final double[][] biases;
    /** Per layer with a second synapse, its feed-forward and recurrent weights' gradients; null for the others. */
    final double[][][] weights2;
    final double[][][] recurrent2;

    GradientArrays(FloatNetwork net) {
        int layers = net.layerCount();
        weights = new double[layers][][];
        recurrent = new double[layers][][];
        thresholds = new double[layers];
        biases = new double[layers][];
        weights2 = new double[layers][][];
        recurrent2 = new double[layers][][];
        for (int p = 0; p < layers; p++) {
            LayerSpec l = net.layer(p);
            weights[p] = new double[l.size()][net.fanIn(p)];
            recurrent[p] = l.hasRecurrent() ? new double[l.size()][l.size()] : null;
            biases[p] = l.detail().bias() != null ? new double[l.size()] : null;
            dev.spikeloop.network.SecondSynapse s2 = l.detail().synapse2();
            if (s2 != null) {
                weights2[p] = new double[l.size()][net.fanIn(p)];
                recurrent2[p] = s2.recurrent() != null ? new double[l.size()][l.size()] : null;
            }
        }
    }

    Gradients toGradients(double loss, GuardCounts guards) {
        List<double[][]> w = new ArrayList<>(weights.length);
        List<double[][]> r = new ArrayList<>(weights.length);
        for (int p = 0; p < weights.length; p++) {
            w.add(weights[p]);
            r.add(recurrent[p]);
        }
        return new Gradients(loss, w, r, thresholds, guards, java.util.Arrays.asList(biases),
                java.util.Arrays.asList(weights2), java.util.Arrays.asList(recurrent2));
    }
}
