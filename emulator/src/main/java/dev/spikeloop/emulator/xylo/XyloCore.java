package dev.spikeloop.emulator.xylo;

import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.chipconfig.spikes.EmulationResult;
import dev.spikeloop.chipconfig.spikes.StepObserver;
import dev.spikeloop.chipconfig.spikes.StateTrace;

/**
 * Something that runs one chip configuration step by step and keeps its state between runs, the
 * way a board runs in chunks: the fast {@link XyloEmulator}, the {@link DenseReferenceEmulator}, or
 * a device driver. Implementations are not thread-safe.
 */
public interface XyloCore {
    /** Number of input channels I. */
    int numInputs();

    /** Number of hidden neurons H. */
    int numHidden();

    /** Synaptic currents per hidden neuron S (1 or 2). */
    int numSynapses();

    /** Number of output neurons O. */
    int numOutputs();

    /** Sets every state and spike buffer to 0, as a reset of the chip does. */
    void reset();

    /**
     * Runs {@code steps} steps, continuing from the current state.
     *
     * @param input        input spike counts, step numbers relative to the start of this run; counts
     *                     above the profile's input limit (15) are clipped
     * @param steps        number of steps to run, {@code >= 0}
     * @param recordStates whether to return the states of every step
     * @throws IllegalArgumentException if an input event lies on a channel {@code >= numInputs()} or
     *                                  at a step {@code >= steps}
     */
    default EmulationResult run(SpikeRaster input, int steps, boolean recordStates) {
        if (!recordStates) {
            return run(input, steps, (StepObserver) null);
        }
        RunChecks.check(input, steps, numInputs());
        StateTrace.Recorder recorder = new StateTrace.Recorder(steps, numHidden(), numSynapses(), numOutputs());
        EmulationResult result = run(input, steps, recorder);
        return new EmulationResult(result.outputs(), result.hidden(), recorder.build());
    }

    /**
     * Runs {@code steps} steps, continuing from the current state, and shows the states at the end of
     * every step to {@code observer} (which may be null). The result carries no states.
     *
     * @throws IllegalArgumentException as {@link #run(SpikeRaster, int, boolean)}
     */
    EmulationResult run(SpikeRaster input, int steps, StepObserver observer);
}
