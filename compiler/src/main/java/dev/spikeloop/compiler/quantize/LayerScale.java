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
 */
public record LayerScale(int dashSyn, int dashMem, double gain, double scale, int threshold, double pspRatio) {

    /** A scale without PSP peak matching. */
    public LayerScale(int dashSyn, int dashMem, double gain, double scale, int threshold) {
        this(dashSyn, dashMem, gain, scale, threshold, 1.0);
    }

    /** The float weight that one integer weight unit stands for in a matrix with this shift. */
    public double weightStep(int shift) {
        return Math.scalb(1.0, shift) / (scale * gain);
    }
}
