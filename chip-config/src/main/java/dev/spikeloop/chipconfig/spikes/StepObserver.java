package dev.spikeloop.chipconfig.spikes;

/**
 * Receives the neuron states at the end of every emulated step (after decay, integration and the
 * reset by subtraction), e.g. to stream them to a file without keeping them all in memory.
 *
 * <p>The arrays are the emulator's own working arrays, passed without copying so that observing
 * costs no allocation: read them during the call only, never modify or keep them.
 */
@FunctionalInterface
public interface StepObserver {
    /**
     * @param step           step number relative to the start of the current {@code run}
     * @param membrane       hidden membrane potentials, length H
     * @param synaptic       hidden synaptic currents, length H*S, index {@code h*S + s}
     * @param outputMembrane output membrane potentials, length O
     * @param outputSynaptic output synaptic currents, length O
     */
    void afterStep(int step, int[] membrane, int[] synaptic, int[] outputMembrane, int[] outputSynaptic);
}
