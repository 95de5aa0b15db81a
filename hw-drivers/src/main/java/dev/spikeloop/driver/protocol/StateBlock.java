package dev.spikeloop.driver.protocol;

import java.util.Arrays;

/**
 * Neuron states of one or more steps (debug read-out), as on the wire: {@code u16 H, u8 S, u8 O,
 * u32 steps}, then per step H hidden membranes, H*S hidden synaptic currents (index h*S+s), O
 * output membranes and O output synaptic currents, each a little-endian signed 16-bit value.
 * The arrays hold all steps back to back.
 */
public record StateBlock(int hidden, int synapses, int outputs, int steps,
                         int[] membrane, int[] synaptic, int[] outputMembrane, int[] outputSynaptic) {
    public StateBlock {
        if (membrane.length != steps * hidden || synaptic.length != steps * hidden * synapses
                || outputMembrane.length != steps * outputs || outputSynaptic.length != steps * outputs) {
            throw new IllegalArgumentException("state arrays do not match " + steps + " steps of H=" + hidden
                    + ", S=" + synapses + ", O=" + outputs);
        }
    }

    /** Bytes per step on the wire. */
    public static long bytesPerStep(int hidden, int synapses, int outputs) {
        return 2L * (hidden + (long) hidden * synapses + 2L * outputs);
    }

    public void writeTo(PayloadWriter w) {
        w.u16(hidden).u8(synapses).u8(outputs).u32(steps);
        for (int t = 0; t < steps; t++) {
            for (int h = 0; h < hidden; h++) {
                w.i16(membrane[t * hidden + h]);
            }
            for (int k = 0; k < hidden * synapses; k++) {
                w.i16(synaptic[t * hidden * synapses + k]);
            }
            for (int o = 0; o < outputs; o++) {
                w.i16(outputMembrane[t * outputs + o]);
            }
            for (int o = 0; o < outputs; o++) {
                w.i16(outputSynaptic[t * outputs + o]);
            }
        }
    }

    public static StateBlock readFrom(PayloadReader r) throws MalformedPayloadException {
        int h = r.u16("state hidden count");
        int s = r.u8("state synapse count");
        int o = r.u8("state output count");
        long perStep = bytesPerStep(h, s, o);
        int steps = r.u32Max("state steps", perStep == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, r.remaining() / perStep));
        int[] mem = new int[steps * h];
        int[] syn = new int[steps * h * s];
        int[] memOut = new int[steps * o];
        int[] synOut = new int[steps * o];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < h; i++) {
                mem[t * h + i] = r.i16("membrane");
            }
            for (int k = 0; k < h * s; k++) {
                syn[t * h * s + k] = r.i16("synaptic current");
            }
            for (int i = 0; i < o; i++) {
                memOut[t * o + i] = r.i16("output membrane");
            }
            for (int i = 0; i < o; i++) {
                synOut[t * o + i] = r.i16("output synaptic current");
            }
        }
        return new StateBlock(h, s, o, steps, mem, syn, memOut, synOut);
    }

    @Override
    public boolean equals(Object x) {
        return x instanceof StateBlock b && b.hidden == hidden && b.synapses == synapses && b.outputs == outputs
                && b.steps == steps && Arrays.equals(b.membrane, membrane) && Arrays.equals(b.synaptic, synaptic)
                && Arrays.equals(b.outputMembrane, outputMembrane) && Arrays.equals(b.outputSynaptic, outputSynaptic);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(membrane) * 31 + Arrays.hashCode(synaptic);
    }

    @Override
    public String toString() {
        return "StateBlock(" + steps + " steps, H=" + hidden + ", S=" + synapses + ", O=" + outputs + ")";
    }
}
