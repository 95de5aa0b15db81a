package dev.spikeloop.chipconfig.spikes;

import java.util.Arrays;

/**
 * The neuron states recorded at the end of every step of one run (the chip's debug read-out):
 * hidden membranes (H), hidden synaptic currents (H*S, index {@code h*S + s}), output membranes (O)
 * and output synaptic currents (O). Values are signed 16-bit integers held in ints. Immutable.
 */
public final class StateTrace {
    private final int steps;
    private final int hidden;
    private final int synapses;
    private final int outputs;
    private final int[] membrane;
    private final int[] synaptic;
    private final int[] outputMembrane;
    private final int[] outputSynaptic;

    private StateTrace(int steps, int hidden, int synapses, int outputs, int[] membrane, int[] synaptic,
                       int[] outputMembrane, int[] outputSynaptic) {
        this.steps = steps;
        this.hidden = hidden;
        this.synapses = synapses;
        this.outputs = outputs;
        this.membrane = membrane;
        this.synaptic = synaptic;
        this.outputMembrane = outputMembrane;
        this.outputSynaptic = outputSynaptic;
    }

    /** Number of recorded steps. */
    public int steps() {
        return steps;
    }

    /** Number of hidden neurons H. */
    public int numHidden() {
        return hidden;
    }

    /** Synaptic currents per hidden neuron S. */
    public int numSynapses() {
        return synapses;
    }

    /** Number of output neurons O. */
    public int numOutputs() {
        return outputs;
    }

    /** Hidden membrane potentials at the end of {@code step} (a copy, length H). */
    public int[] membrane(int step) {
        return slice(membrane, step, hidden);
    }

    /** Hidden synaptic currents at the end of {@code step} (a copy, length H*S, index h*S+s). */
    public int[] synaptic(int step) {
        return slice(synaptic, step, hidden * synapses);
    }

    /** Output membrane potentials at the end of {@code step} (a copy, length O). */
    public int[] outputMembrane(int step) {
        return slice(outputMembrane, step, outputs);
    }

    /** Output synaptic currents at the end of {@code step} (a copy, length O). */
    public int[] outputSynaptic(int step) {
        return slice(outputSynaptic, step, outputs);
    }

    /** Membrane of hidden neuron {@code h} at the end of {@code step}. */
    public int membrane(int step, int h) {
        return membrane[index(step, h, hidden)];
    }

    /** Synaptic current {@code s} of hidden neuron {@code h} at the end of {@code step}. */
    public int synaptic(int step, int h, int s) {
        if (s < 0 || s >= synapses) {
            throw new IndexOutOfBoundsException("synapse " + s + " of " + synapses);
        }
        return synaptic[index(step, h, hidden) * synapses + s];
    }

    /** Membrane of output neuron {@code o} at the end of {@code step}. */
    public int outputMembrane(int step, int o) {
        return outputMembrane[index(step, o, outputs)];
    }

    /** Synaptic current of output neuron {@code o} at the end of {@code step}. */
    public int outputSynaptic(int step, int o) {
        return outputSynaptic[index(step, o, outputs)];
    }

    private int index(int step, int neuron, int width) {
        if (step < 0 || step >= steps || neuron < 0 || neuron >= width) {
            throw new IndexOutOfBoundsException("step " + step + " / neuron " + neuron + " outside "
                    + steps + " steps x " + width + " neurons");
        }
        return step * width + neuron;
    }

    private int[] slice(int[] flat, int step, int width) {
        if (step < 0 || step >= steps) {
            throw new IndexOutOfBoundsException("step " + step + " outside 0.." + (steps - 1));
        }
        return Arrays.copyOfRange(flat, step * width, (step + 1) * width);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateTrace t && steps == t.steps && hidden == t.hidden && synapses == t.synapses
                && outputs == t.outputs && Arrays.equals(membrane, t.membrane) && Arrays.equals(synaptic, t.synaptic)
                && Arrays.equals(outputMembrane, t.outputMembrane) && Arrays.equals(outputSynaptic, t.outputSynaptic);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(membrane) * 31 + Arrays.hashCode(synaptic) * 17 + Arrays.hashCode(outputMembrane) * 7
                + Arrays.hashCode(outputSynaptic);
    }

    @Override
    public String toString() {
        return "StateTrace[" + steps + " steps, H=" + hidden + ", S=" + synapses + ", O=" + outputs + "]";
    }

    /** Copies the states of every step into a trace; sized for a whole run up front. */
    public static final class Recorder implements StepObserver {
        private final int steps;
        private final int hidden;
        private final int synapses;
        private final int outputs;
        private final int[] membrane;
        private final int[] synaptic;
        private final int[] outputMembrane;
        private final int[] outputSynaptic;

        public Recorder(int steps, int hidden, int synapses, int outputs) {
            long cells = (long) steps * hidden * synapses;
            if (cells > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("recording " + steps + " steps of " + hidden + " neurons x " + synapses
                        + " synapses needs " + cells + " values, more than one array holds; record fewer steps per run "
                        + "or stream the states with a StepObserver");
            }
            this.steps = steps;
            this.hidden = hidden;
            this.synapses = synapses;
            this.outputs = outputs;
            this.membrane = new int[steps * hidden];
            this.synaptic = new int[steps * hidden * synapses];
            this.outputMembrane = new int[steps * outputs];
            this.outputSynaptic = new int[steps * outputs];
        }

        @Override
        public void afterStep(int step, int[] vmem, int[] isyn, int[] vmemOut, int[] isynOut) {
            System.arraycopy(vmem, 0, membrane, step * hidden, hidden);
            System.arraycopy(isyn, 0, synaptic, step * hidden * synapses, hidden * synapses);
            System.arraycopy(vmemOut, 0, outputMembrane, step * outputs, outputs);
            System.arraycopy(isynOut, 0, outputSynaptic, step * outputs, outputs);
        }

        /** The trace of the steps recorded. */
        public StateTrace build() {
            return new StateTrace(steps, hidden, synapses, outputs, membrane, synaptic, outputMembrane, outputSynaptic);
        }
    }
}
