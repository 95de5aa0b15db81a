package dev.spikeloop.network;

import java.util.Arrays;

/**
 * What a layer has beyond the plain model of fp-lif-model.md (one {@code tauSyn}, {@code tauMem} and
 * {@code threshold} per layer, no bias, spiking neurons, self-connections ignored). Every field is
 * optional: {@code null} arrays mean "the layer's scalar value" (or no bias), so {@link #PLAIN} is the
 * plain model. The chip holds all of it: per-neuron dashes, thresholds and biases, and a diagonal of
 * the recurrent matrix.
 *
 * <p>The float model with these extensions: neuron i of the layer obeys
 * {@code tauSyn_i I' = -I + (weighted spikes)}, {@code tauMem_i V' = -V + I + bias_i}, spikes when V
 * reaches {@code threshold_i} and subtracts it (unless {@code spiking} is false: a readout whose
 * membrane is read instead of its spikes). With {@code selfRecurrent} the diagonal of the recurrent
 * matrix (a neuron feeding itself) is part of the network; otherwise it is ignored as before.
 * {@code instantSynapse} marks a layer whose source has no synaptic current (NIR {@code LIF}): its
 * {@code tauSyn} only stands in for an instantaneous jump, so the compiler gives it the chip's
 * fastest synapse and {@code --dt auto} does not try to realise it.
 *
 * @param tauSyn         per-neuron synaptic time constants (s), or null
 * @param tauMem         per-neuron membrane time constants (s), or null
 * @param threshold      per-neuron thresholds, or null
 * @param bias           per-neuron constant input to the membrane equation (membrane units, so the
 *                       membrane settles at {@code bias_i} without input), or null for none
 * @param selfRecurrent  true when the recurrent diagonal counts
 * @param spiking        false for a non-spiking readout (output layer only)
 * @param instantSynapse true when {@code tauSyn} is a stand-in for an instantaneous synapse
 * @param synapse2       a second synaptic current (hidden layers; the chip's second synaptic state), or null
 * @param maxScore       for a non-spiking readout: each output is scored by its largest membrane over the
 *                       window instead of its time mean (network file {@code "readoutScore": "max"}), so that
 *                       evaluation and fine-tuning decide by the rule the model was trained for
 * @param readoutWindows for a non-spiking readout: how many consecutive windows of each sample's span
 *                       every class is read in (network file {@code "readoutWindows"}; 1 = one window, the
 *                       whole run). With {@code W > 1} the layer has {@code W} neurons per class, class
 *                       {@code c}'s neuron {@code w} at index {@code c W + w} (docs/training.md)
 */
public record LayerDetail(double[] tauSyn, double[] tauMem, double[] threshold, double[] bias,
                          boolean selfRecurrent, boolean spiking, boolean instantSynapse, SecondSynapse synapse2,
                          boolean maxScore, int readoutWindows) {

    /** Checks that only a membrane readout carries a score or windows. */
    public LayerDetail {
        if (maxScore && spiking) {
            throw new IllegalArgumentException("a readout score applies to a non-spiking (membrane) readout only");
        }
        if (readoutWindows < 1) {
            throw new IllegalArgumentException("readout windows must be >= 1, got " + readoutWindows);
        }
        if (readoutWindows > 1 && spiking) {
            throw new IllegalArgumentException("readout windows apply to a non-spiking (membrane) readout only");
        }
        if (readoutWindows > 1 && maxScore) {
            throw new IllegalArgumentException("readout windows are scored by their time mean; a max score with "
                    + readoutWindows + " windows is not supported");
        }
    }

    /** One readout window. */
    public LayerDetail(double[] tauSyn, double[] tauMem, double[] threshold, double[] bias, boolean selfRecurrent,
                       boolean spiking, boolean instantSynapse, SecondSynapse synapse2, boolean maxScore) {
        this(tauSyn, tauMem, threshold, bias, selfRecurrent, spiking, instantSynapse, synapse2, maxScore, 1);
    }

    /** Without a score of its own (a spiking layer, or a membrane readout scored by its time mean). */
    public LayerDetail(double[] tauSyn, double[] tauMem, double[] threshold, double[] bias, boolean selfRecurrent,
                       boolean spiking, boolean instantSynapse, SecondSynapse synapse2) {
        this(tauSyn, tauMem, threshold, bias, selfRecurrent, spiking, instantSynapse, synapse2, false);
    }

    /** The plain model: nothing beyond the layer's scalars. */
    public static final LayerDetail PLAIN = new LayerDetail(null, null, null, null, false, true, false);

    /** Without a second synapse. */
    public LayerDetail(double[] tauSyn, double[] tauMem, double[] threshold, double[] bias, boolean selfRecurrent,
                       boolean spiking, boolean instantSynapse) {
        this(tauSyn, tauMem, threshold, bias, selfRecurrent, spiking, instantSynapse, null);
    }

    /** True when this adds nothing to the plain model. */
    public boolean isPlain() {
        return tauSyn == null && tauMem == null && threshold == null && bias == null && !selfRecurrent && spiking
                && !instantSynapse && synapse2 == null && !maxScore && readoutWindows == 1;
    }

    /** This detail with a second synapse (or none). */
    public LayerDetail withSynapse2(SecondSynapse s) {
        return new LayerDetail(tauSyn, tauMem, threshold, bias, selfRecurrent, spiking, instantSynapse, s, maxScore, readoutWindows);
    }

    /** This membrane readout scored by its largest membrane ({@code true}) or its time mean. */
    public LayerDetail withMaxScore(boolean max) {
        return new LayerDetail(tauSyn, tauMem, threshold, bias, selfRecurrent, spiking, instantSynapse, synapse2, max, readoutWindows);
    }

    /** This membrane readout read in {@code windows} consecutive windows per class (1: the whole run). */
    public LayerDetail withReadoutWindows(int windows) {
        return new LayerDetail(tauSyn, tauMem, threshold, bias, selfRecurrent, spiking, instantSynapse, synapse2,
                maxScore, windows);
    }

    /** This detail with other per-neuron thresholds. */
    public LayerDetail withThreshold(double[] newThreshold) {
        return new LayerDetail(tauSyn, tauMem, newThreshold, bias, selfRecurrent, spiking, instantSynapse, synapse2, maxScore, readoutWindows);
    }

    /** This detail with other per-neuron membrane time constants (seconds). */
    public LayerDetail withTauMem(double[] newTauMem) {
        return new LayerDetail(tauSyn, newTauMem, threshold, bias, selfRecurrent, spiking, instantSynapse, synapse2, maxScore, readoutWindows);
    }

    /** This detail with other biases. */
    public LayerDetail withBias(double[] newBias) {
        return new LayerDetail(tauSyn, tauMem, threshold, newBias, selfRecurrent, spiking, instantSynapse, synapse2, maxScore, readoutWindows);
    }

    /** An independent copy of the arrays. */
    public LayerDetail deepCopy() {
        return new LayerDetail(clone(tauSyn), clone(tauMem), clone(threshold), clone(bias), selfRecurrent, spiking,
                instantSynapse, synapse2 == null ? null : synapse2.deepCopy(), maxScore, readoutWindows);
    }

    private static double[] clone(double[] a) {
        return a == null ? null : a.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerDetail d && Arrays.equals(tauSyn, d.tauSyn) && Arrays.equals(tauMem, d.tauMem)
                && Arrays.equals(threshold, d.threshold) && Arrays.equals(bias, d.bias)
                && selfRecurrent == d.selfRecurrent && spiking == d.spiking && instantSynapse == d.instantSynapse
                && java.util.Objects.equals(synapse2, d.synapse2) && maxScore == d.maxScore
                && readoutWindows == d.readoutWindows;
    }

    @Override
    public int hashCode() {
        return ((Arrays.hashCode(tauSyn) * 31 + Arrays.hashCode(tauMem)) * 31 + Arrays.hashCode(threshold)) * 31
                + Arrays.hashCode(bias) + (selfRecurrent ? 1 : 0) + (spiking ? 2 : 0) + (instantSynapse ? 4 : 0)
                + 8 * java.util.Objects.hashCode(synapse2) + (maxScore ? 16 : 0) + 32 * readoutWindows;
    }

    @Override
    public String toString() {
        return "LayerDetail[perNeuronTauSyn=" + (tauSyn != null) + ", perNeuronTauMem=" + (tauMem != null)
                + ", perNeuronThreshold=" + (threshold != null) + ", bias=" + (bias != null)
                + ", selfRecurrent=" + selfRecurrent + ", spiking=" + spiking + ", instantSynapse=" + instantSynapse
                + ", synapse2=" + (synapse2 != null) + ", maxScore=" + maxScore
                + ", readoutWindows=" + readoutWindows + "]";
    }
}
