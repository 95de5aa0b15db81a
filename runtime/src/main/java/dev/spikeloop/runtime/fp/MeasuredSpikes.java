package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.runtime.sim.SpikeRecord;

import java.util.Arrays;

/**
 * Keeps the spikes of a measured record (e.g. from a chip) that the float model can explain and
 * drops the others: a time that is not finite, negative or after {@code tEnd}; a second spike of the
 * same neuron at the same time (the model resets between two spikes); and a spike with no
 * excitatory presynaptic spike strictly before it (with only inhibitory or no input the float
 * membrane stays at or below 0 and cannot reach a positive threshold), unless the neuron has a positive bias;
 * and any spike of a non-spiking (membrane) readout.
 */
final class MeasuredSpikes {
    private MeasuredSpikes() {
    }

    record Filtered(SpikeRecord record, int dropped) {
    }

    /** Checks that {@code record} has the network's shape; errors name the layer and the sizes. */
    static void requireShape(FloatNetwork net, SpikeRecord record) {
        if (record.layers() != net.layerCount()) {
            throw new IllegalArgumentException("spike record has " + record.layers() + " layers, the network has "
                    + net.layerCount());
        }
        for (int p = 0; p < net.layerCount(); p++) {
            if (record.times()[p].length != net.layer(p).size()) {
                throw new IllegalArgumentException("spike record layer " + p + " has " + record.times()[p].length
                        + " neurons, the network's layer " + p + " ('" + net.layer(p).name() + "') has "
                        + net.layer(p).size());
            }
        }
    }

    static Filtered filter(FloatNetwork net, InputSpikes in, SpikeRecord record) {
        requireShape(net, record);
        int layers = net.layerCount();
        double[][][] kept = new double[layers][][];
        int dropped = 0;
        double[][] pre = in.times();
        for (int p = 0; p < layers; p++) {
            LayerSpec layer = net.layer(p);
            double[][] raw = record.times()[p];
            // Earliest time at which each neuron has excitatory feed-forward input.
            double[] earliestDrive = new double[layer.size()];
            for (int i = 0; i < layer.size(); i++) {
                // a positive bias drives the membrane from t = 0 on
                earliestDrive[i] = layer.biasOf(i) > 0 ? 0 : earliestExcitatory(layer.weights()[i], pre, -1);
                if (layer.detail().synapse2() != null) {
                    earliestDrive[i] = Math.min(earliestDrive[i],
                            earliestExcitatory(layer.detail().synapse2().weights()[i], pre, -1));
                }
            }
            kept[p] = new double[raw.length][];
            for (int i = 0; i < raw.length; i++) {
                double[] t = raw[i].clone();
                Arrays.sort(t);             // NaN sorts last
                double drive = earliestDrive[i];
                if (layer.hasRecurrent()) {
                    drive = Math.min(drive, earliestExcitatory(layer.recurrent()[i], raw, i));
                    double[][] r2 = layer.detail().synapse2() == null ? null : layer.detail().synapse2().recurrent();
                    if (r2 != null) {
                        drive = Math.min(drive, earliestExcitatory(r2[i], raw, i));
                    }
                }
                double[] keep = new double[t.length];
                int m = 0;
                for (double f : t) {
                    // a membrane readout's spikes (its membrane reached the chip's largest threshold) are not model spikes
                    boolean ok = layer.isSpiking() && Double.isFinite(f) && f >= 0 && f <= net.tEnd() && f > drive
                            && (m == 0 || f != keep[m - 1]);
                    if (ok) {
                        keep[m++] = f;
                    } else {
                        dropped++;
                    }
                }
                kept[p][i] = Arrays.copyOf(keep, m);
            }
            pre = kept[p];
        }
        return new Filtered(SpikeRecord.fromTimes(kept), dropped);
    }

    /** The earliest finite spike time over sources with a positive weight ({@code skip} excluded); +Infinity if none. */
    private static double earliestExcitatory(double[] weights, double[][] sources, int skip) {
        double earliest = Double.POSITIVE_INFINITY;
        for (int j = 0; j < weights.length; j++) {
            if (j == skip || !(weights[j] > 0)) {
                continue;
            }
            for (double g : sources[j]) {
                if (Double.isFinite(g)) {
                    earliest = Math.min(earliest, g);
                }
            }
        }
        return earliest;
    }
}
