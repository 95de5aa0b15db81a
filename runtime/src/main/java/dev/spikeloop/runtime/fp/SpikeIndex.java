package dev.spikeloop.runtime.fp;

import dev.spikeloop.runtime.sim.MergedEvents;
import dev.spikeloop.runtime.sim.SpikeRecord;

/**
 * Numbers all spikes of a record in time order (ties by layer, then neuron): the order of the rows
 * and columns of the causal Jacobian. A spike only depends on strictly earlier spikes, so in this
 * order the Jacobian is lower triangular.
 */
final class SpikeIndex {
    private final int[] layerOf;
    private final int[] neuronOf;
    private final double[] timeOf;
    /** {@code globalOf[neuronStart[layer][neuron] + k]}: the index of the k-th spike of that neuron. */
    private final int[][] neuronStart;
    private final int[] globalOf;
    /** Global indices of each layer's spikes, in global (time) order. */
    private final int[][] byLayer;

    SpikeIndex(SpikeRecord record) {
        double[][][] times = record.times();
        int neurons = 0;
        for (double[][] layer : times) {
            neurons += layer.length;
        }
        // Sources are numbered layer-major, so equal times are ordered by layer, then neuron.
        double[][] perNeuron = new double[neurons][];
        int[] layerOfNeuron = new int[neurons];
        int[] indexInLayer = new int[neurons];
        int[] startOfNeuron = new int[neurons];
        neuronStart = new int[times.length][];
        int g = 0;
        int flat = 0;
        for (int p = 0; p < times.length; p++) {
            neuronStart[p] = new int[times[p].length];
            for (int i = 0; i < times[p].length; i++) {
                perNeuron[g] = times[p][i];
                layerOfNeuron[g] = p;
                indexInLayer[g] = i;
                neuronStart[p][i] = flat;
                startOfNeuron[g] = flat;
                flat += times[p][i].length;
                g++;
            }
        }
        MergedEvents merged = MergedEvents.merge(perNeuron);
        int n = merged.size();
        layerOf = new int[n];
        neuronOf = new int[n];
        timeOf = merged.time();
        globalOf = new int[n];
        int[] nextK = new int[neurons];
        int[] source = merged.source();
        for (int e = 0; e < n; e++) {
            int s = source[e];
            layerOf[e] = layerOfNeuron[s];
            neuronOf[e] = indexInLayer[s];
            globalOf[startOfNeuron[s] + nextK[s]++] = e;
        }
        int[] layerCounts = new int[times.length];
        for (int e = 0; e < n; e++) {
            layerCounts[layerOf[e]]++;
        }
        byLayer = new int[times.length][];
        for (int p = 0; p < times.length; p++) {
            byLayer[p] = new int[layerCounts[p]];
            layerCounts[p] = 0;
        }
        for (int e = 0; e < n; e++) {
            int p = layerOf[e];
            byLayer[p][layerCounts[p]++] = e;
        }
    }

    /** Global indices of the spikes of one layer, ascending (time order, ties by neuron). */
    int[] ofLayer(int layer) {
        return byLayer[layer];
    }

    int size() {
        return timeOf.length;
    }

    int layer(int e) {
        return layerOf[e];
    }

    int neuron(int e) {
        return neuronOf[e];
    }

    double time(int e) {
        return timeOf[e];
    }

    /** Global index of the k-th spike of a neuron. */
    int index(int layer, int neuron, int k) {
        return globalOf[neuronStart[layer][neuron] + k];
    }
}
