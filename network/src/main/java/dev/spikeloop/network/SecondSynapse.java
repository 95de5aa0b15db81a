package dev.spikeloop.network;

import java.util.Arrays;

/**
 * A second synaptic current per neuron (Xylo's hidden neurons have two, e.g. Rockpool's SynNet with
 * two synaptic time constants): neuron i of the layer obeys {@code tauSyn2_i I2' = -I2 + (spikes
 * weighted by weights / recurrent)} and its membrane integrates {@code I + I2}.
 *
 * @param tauSyn    per-neuron synaptic time constants of the second current (s)
 * @param weights   {@code size x fanIn} weights onto the second current
 * @param recurrent {@code size x size} recurrent weights onto it, or null (only with the layer's own
 *                  recurrent matrix)
 */
public record SecondSynapse(double[] tauSyn, double[][] weights, double[][] recurrent) {

    /** An independent copy. */
    public SecondSynapse deepCopy() {
        return new SecondSynapse(tauSyn.clone(), LayerSpec.copy(weights), LayerSpec.copy(recurrent));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecondSynapse s && Arrays.equals(tauSyn, s.tauSyn) && Arrays.deepEquals(weights, s.weights)
                && Arrays.deepEquals(recurrent, s.recurrent);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(tauSyn) * 31 + Arrays.deepHashCode(weights) * 17 + Arrays.deepHashCode(recurrent);
    }

    @Override
    public String toString() {
        return "SecondSynapse[neurons=" + (tauSyn == null ? 0 : tauSyn.length) + ", recurrent=" + (recurrent != null) + "]";
    }
}
