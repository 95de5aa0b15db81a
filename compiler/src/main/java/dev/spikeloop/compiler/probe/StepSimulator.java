package dev.spikeloop.compiler.probe;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;

/**
 * A float simulation of a network in the chip's steps and order (docs/compiler.md): inputs of step
 * t and the previous step's spikes enter the synaptic currents, the currents decay, the membranes
 * integrate ({@code v <- b v + I + bias (1 - b)}) and spike. With exact exponential decays of the
 * network's own time constants and the same synaptic gain as the compiler, this is what the chip
 * computes without integer rounding, so comparing two resets or the caps here isolates their effect.
 *
 * <p>{@link Reset#TO_VALUE}: at most one spike per step, the membrane set to the reset value (NIR
 * semantics); {@link Reset#SUBTRACT}: {@code floor(v / threshold)} spikes, each subtracting the
 * threshold (the chip), optionally capped per step. A layer with an instantaneous synapse gets each
 * spike's charge as a jump of the membrane; a non-spiking readout never spikes.
 */
public final class StepSimulator {
    /** How a neuron resets when it spikes. */
    public enum Reset {
        /** to {@code vReset} (NIR), one spike per step. */
        TO_VALUE,
        /** by subtracting the threshold (the chip). */
        SUBTRACT
    }

    /**
     * Spikes and end states of one run.
     *
     * @param counts   total spikes per layer
     * @param clipped  per layer, spikes lost to the per-step caps (0 without caps)
     * @param maxPerStep per layer, the most spikes one neuron fired in one step (before caps)
     * @param finalMembrane membrane of every neuron of the last layer at the end
     */
    public record Run(long[] counts, long[] clipped, int[] maxPerStep, double[] finalMembrane) {
    }

    private StepSimulator() {
    }

    /**
     * Runs {@code net} for {@code steps} steps of {@code dt} on {@code input[step][channel]} spike counts.
     *
     * @param resets  per layer its reset; {@code vReset[l]} the per-neuron reset value (TO_VALUE only)
     * @param caps    per layer the most spikes per neuron per step (subtract only), or null for none
     */
    public static Run run(FloatNetwork net, double dt, int[][] input, int steps, Reset[] resets, double[][] vReset,
                          int[] caps) {
        int layers = net.layerCount();
        double[][] v = new double[layers][];
        double[][] cur = new double[layers][];
        int[][] spikes = new int[layers][];
        int[][] prev = new int[layers][];
        long[] counts = new long[layers];
        long[] clipped = new long[layers];
        int[] maxPerStep = new int[layers];
        double[][] a = new double[layers][];
        double[][] b = new double[layers][];
        double[][] g = new double[layers][];
        for (int l = 0; l < layers; l++) {
            LayerSpec layer = net.layer(l);
            int n = layer.size();
            v[l] = new double[n];
            cur[l] = new double[n];
            spikes[l] = new int[n];
            prev[l] = new int[n];
            a[l] = new double[n];
            b[l] = new double[n];
            g[l] = new double[n];
            for (int i = 0; i < n; i++) {
                double la = dt / layer.tauSynOf(i);
                double lb = dt / layer.tauMemOf(i);
                a[l][i] = Math.exp(-la);
                b[l][i] = Math.exp(-lb);
                g[l][i] = layer.detail().instantSynapse() ? layer.tauSynOf(i) / layer.tauMemOf(i) : gain(la, lb);
            }
        }
        for (int t = 0; t < steps; t++) {
            for (int l = 0; l < layers; l++) {
                LayerSpec layer = net.layer(l);
                int[] source = l == 0 ? (t < input.length ? input[t] : null) : prev[l - 1];
                boolean instant = layer.detail().instantSynapse();
                // weighted input of every neuron, summed over the sources that spiked (sparse in practice)
                double[] drivePerNeuron = new double[layer.size()];
                if (source != null) {
                    for (int j = 0; j < source.length; j++) {
                        if (source[j] != 0) {
                            for (int i = 0; i < layer.size(); i++) {
                                drivePerNeuron[i] += layer.weights()[i][j] * source[j];
                            }
                        }
                    }
                }
                if (layer.recurrent() != null) {
                    for (int j = 0; j < layer.size(); j++) {
                        if (prev[l][j] != 0) {
                            for (int i = 0; i < layer.size(); i++) {
                                if (j != i || layer.countsSelfConnections()) {
                                    drivePerNeuron[i] += layer.recurrent()[i][j] * prev[l][j];
                                }
                            }
                        }
                    }
                }
                for (int i = 0; i < layer.size(); i++) {
                    double in = drivePerNeuron[i];
                    double drive;
                    if (instant) {
                        drive = g[l][i] * in; // the whole charge of the jump
                    } else {
                        cur[l][i] = a[l][i] * (cur[l][i] + g[l][i] * in);
                        drive = cur[l][i];
                    }
                    double x = b[l][i] * v[l][i] + drive + layer.biasOf(i) * (1 - b[l][i]);
                    int c = 0;
                    double th = layer.thresholdOf(i);
                    // NIR spikes when v exceeds the threshold, the chip when v reaches it
                    boolean fires = resets[l] == Reset.TO_VALUE ? x > th : x >= th;
                    if (layer.isSpiking() && fires) {
                        if (resets[l] == Reset.TO_VALUE) {
                            c = 1;
                            x = vReset == null || vReset[l] == null ? 0 : vReset[l][i];
                        } else {
                            c = (int) Math.min(Integer.MAX_VALUE / 2, Math.floor(x / th));
                            maxPerStep[l] = Math.max(maxPerStep[l], c);
                            if (caps != null && c > caps[l]) {
                                clipped[l] += c - caps[l];
                                c = caps[l];
                            }
                            x -= c * th;
                        }
                    }
                    v[l][i] = x;
                    spikes[l][i] = c;
                    counts[l] += c;
                }
            }
            int[][] swap = prev;
            prev = spikes;
            spikes = swap;
        }
        return new Run(counts, clipped, maxPerStep, v[layers - 1].clone());
    }

    /** The compiler's synaptic gain for exact decays ({@code Decays.gain} with real-valued dashes). */
    static double gain(double la, double lb) {
        if (Math.abs(la - lb) < 1e-12 * Math.max(la, lb)) {
            return lb;
        }
        double a = Math.exp(-la);
        double b = Math.exp(-lb);
        return lb * (b - a) / (a * (la - lb));
    }
}
