package dev.spikeloop.runtime.train;

import dev.spikeloop.network.FloatNetwork;

import java.util.function.UnaryOperator;

/**
 * What a training step simulates and differentiates, given the trained (shadow) network. The
 * identity for plain float training; the chip's quantised equivalent for quantisation-aware
 * training, where the gradient taken at the quantised weights updates the shadow weights (a
 * straight-through estimator of the rounding).
 *
 * @param name     names the model in checkpoints, so that a run resumes only with the same one
 * @param function shadow network to simulated network; must keep the shape
 */
public record ForwardModel(String name, UnaryOperator<FloatNetwork> function) {
    /** The shadow network itself. */
    public static final ForwardModel FLOAT = new ForwardModel("float", UnaryOperator.identity());

    public ForwardModel {
        if (name == null || name.isBlank() || function == null) {
            throw new IllegalArgumentException("a forward model needs a name and a function");
        }
    }

    /** The network a step with {@code shadow} simulates. */
    public FloatNetwork apply(FloatNetwork shadow) {
        return function.apply(shadow);
    }
}
