package dev.spikeloop.runtime.fp;

/** The two solution orders of the implicit spike-time equations (fp-lif-model.md). */
public enum GradientMode {
    /** Forward substitution in time order: dF/dW for every spike and weight ("forward propagation"). */
    FP,
    /** One backward substitution with the transposed system: cost independent of the number of weights. */
    ADJOINT
}
