package dev.spikeloop.compiler.quantize;

/**
 * How one layer's float quantities become integers.
 *
 * <p>The integer membrane is {@code scale} times the float membrane, the integer threshold is
 * {@code threshold = round(scale * float threshold)}, and a float weight w becomes the integer
 * {@code round(scale * gain * w / 2^shift)} in the matrix that feeds the layer (shift = that
 * matrix's weight shift).
 *
 * @param dashSyn   the synaptic current's bit-shift decay
 * @param dashMem   the membrane's bit-shift decay
 * @param gain      float weight to integer amplitude per membrane unit: the synaptic gain
 *                  ({@link Decays#gain}, about dt / tau_mem) times {@code pspRatio}
 * @param scale     lambda, integer membrane units per float membrane unit
 * @param threshold the integer threshold
 * @param pspRatio  1, or with {@link CompileOptions#matchPsp()} the factor that gives the chip's PSP
 *                  (with its own time constants) the float PSP's peak ({@link Decays#pspPeakRatio})
 * @param neurons   per-neuron dashes, gains and PSP ratios, or null when every neuron has the scalars
 * @param thresholds per-neuron integer thresholds, or null when all are {@code threshold}
 * @param biases    per-neuron integer biases (added to the membrane each step), or null for none
 */
public record LayerScale(int dashSyn, int dashMem, double gain, double scale, int threshold, double pspRatio,
                         NeuronDecays neurons, int[] thresholds, int[] biases) {

    /** A layer whose neurons all share one scale (no per-neuron values, no bias). */
    public LayerScale(int dashSyn, int dashMem, double gain, double scale, int threshold, double pspRatio) {
        this(dashSyn, dashMem, gain, scale, threshold, pspRatio, null, null, null);
    }

    /** A scale without PSP peak matching. */
    public LayerScale(int dashSyn, int dashMem, double gain, double scale, int threshold) {
        this(dashSyn, dashMem, gain, scale, threshold, 1.0);
    }

    /** {@code dash_syn} of neuron i. */
    public int dashSynOf(int i) {
        return neurons == null ? dashSyn : neurons.dashSyn()[i];
    }

    /** {@code dash_mem} of neuron i. */
    public int dashMemOf(int i) {
        return neurons == null ? dashMem : neurons.dashMem()[i];
    }

    /** Synaptic gain of neuron i. */
    public double gainOf(int i) {
        return neurons == null ? gain : neurons.gain()[i];
    }

    /** PSP ratio of neuron i. */
    public double pspRatioOf(int i) {
        return neurons == null ? pspRatio : neurons.psp()[i];
    }

    /** Integer threshold of neuron i. */
    public int thresholdOf(int i) {
        return thresholds == null ? threshold : thresholds[i];
    }

    /** Integer bias of neuron i (0 without biases). */
    public int biasOf(int i) {
        return biases == null ? 0 : biases[i];
    }

    /** The float weight that one integer weight unit stands for in a matrix with this shift. */
    public double weightStep(int shift) {
        return Math.scalb(1.0, shift) / (scale * gain);
    }
}
