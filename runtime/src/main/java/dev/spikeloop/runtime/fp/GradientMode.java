package dev.spikeloop.runtime.fp;

/** The two solution orders of the implicit spike-time equations (fp-lif-model.md). */
public enum GradientMode {
    /** Forward substitution in time order: dF/dW for every spike and weight ("forward propagation"). */
    FP,
    /** One backward substitution with the transposed system: cost independent of the number of weights. */
    ADJOINT;

    /**
     * The cheaper order for the gradient of one scalar loss, where both are exact (they give the same
     * gradient to rounding): the adjoint. It costs one backward pass over the Jacobian plus one over
     * {@code dG/dtheta}; the forward order builds a row of {@code dF/dtheta} for every spike, each at
     * least as long as that spike's row of {@code dG/dtheta}, and is worth it only when the sensitivities
     * themselves are wanted (several losses, online updates). Measured: docs/benchmarks.md.
     */
    public static GradientMode cheaperForOneLoss() {
        return ADJOINT;
    }
}
