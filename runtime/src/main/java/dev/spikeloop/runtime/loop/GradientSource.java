package dev.spikeloop.runtime.loop;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.runtime.fp.ParameterVector;
import dev.spikeloop.runtime.train.BatchGradient;

/**
 * Where the fine-tuning loop gets a mini-batch gradient from: from spikes measured on the device
 * ({@link DeviceGradientSource}, training in the loop) or from the float model alone
 * ({@link SoftwareGradientSource}, the software baseline that never sees the chip).
 */
public interface GradientSource {

    /** A short name for logs and reports, e.g. {@code in-the-loop}. */
    String name();

    /**
     * The mean gradient of the ttfs loss over the samples {@code batch} of {@code data}.
     *
     * @param model  the float model in its chip form (chip time constants, shadow weights)
     * @param device the device holding the configuration compiled from {@code model}
     */
    BatchGradient gradient(FloatNetwork model, LoopData data, int[] batch, Device device, ParameterVector params);
}
