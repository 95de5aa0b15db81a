package dev.spikeloop.driver.protocol;

import java.util.Arrays;

/**
 * Spike events as they travel on the wire: parallel arrays sorted by (step, neuron), one entry per
 * (step, neuron) pair with a count of at least 1. Kept separate from the emulator's raster so the
 * protocol has no dependency beyond bytes.
 *
 * <p>Encoding (docs/protocol.md, "Event block"): events are grouped by step;
 * {@code varint groups}, then per group {@code varint stepDelta} (the first group's absolute
 * step, then the gap to the previous group's step, at least 1), {@code varint k} (events in the
 * group, at least 1), and k times {@code varint neuronGap, varint count} where the first neuron
 * is absolute and each next one is stored as {@code neuron - previous - 1}.
 *
 * @param steps   step of each event
 * @param neurons channel or neuron index of each event
 * @param counts  spike count of each event (at least 1)
 */
public record EventBlock(int[] steps, int[] neurons, int[] counts) {
    public EventBlock {
        if (steps.length != neurons.length || steps.length != counts.length) {
            throw new IllegalArgumentException("event arrays differ in length");
        }
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] < 0 || neurons[i] < 0 || counts[i] < 1) {
                throw new IllegalArgumentException("event " + i + " (step " + steps[i] + ", neuron " + neurons[i]
                        + ", count " + counts[i] + ") has a negative index or a count below 1");
            }
            if (i > 0 && (steps[i] < steps[i - 1] || (steps[i] == steps[i - 1] && neurons[i] <= neurons[i - 1]))) {
                throw new IllegalArgumentException("event " + i + " is not after event " + (i - 1)
                        + " in (step, neuron) order");
            }
        }
    }

    /** No events. */
    public static EventBlock empty() {
        return new EventBlock(new int[0], new int[0], new int[0]);
    }

    public int size() {
        return steps.length;
    }

    /** Appends this block's encoding. */
    public void writeTo(PayloadWriter w) {
        int n = size();
        int groups = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || steps[i] != steps[i - 1]) {
                groups++;
            }
        }
        w.varint(groups);
        int i = 0;
        int prevStep = 0;
        boolean first = true;
        while (i < n) {
            int step = steps[i];
            int j = i;
            while (j < n && steps[j] == step) {
                j++;
            }
            w.varint(first ? step : step - prevStep);
            w.varint(j - i);
            for (int k = i; k < j; k++) {
                w.varint(k == i ? neurons[k] : neurons[k] - neurons[k - 1] - 1);
                w.varint(counts[k]);
            }
            first = false;
            prevStep = step;
            i = j;
        }
    }

    /** Encoded size in bytes. */
    public int encodedSize() {
        PayloadWriter w = new PayloadWriter();
        writeTo(w);
        return w.size();
    }

    /**
     * Reads a block, checking every event against the limits (exclusive upper bounds for step and
     * neuron, inclusive for count) so that a damaged or hostile block fails with a message.
     */
    public static EventBlock readFrom(PayloadReader r, String what, int stepLimit, int neuronLimit, int maxCount)
            throws MalformedPayloadException {
        // Every event takes at least two bytes, which bounds the allocation by the payload size.
        int groups = r.varint(what + " group count", r.remaining());
        int[] st = new int[Math.max(16, Math.min(r.remaining(), 1 << 16))];
        int[] ne = new int[st.length];
        int[] co = new int[st.length];
        int n = 0;
        long step = 0;
        for (int g = 0; g < groups; g++) {
            int delta = r.varint(what + " step", Integer.MAX_VALUE);
            if (g > 0 && delta == 0) {
                throw new MalformedPayloadException(what + ": group " + g + " repeats step " + step);
            }
            step = g == 0 ? delta : step + delta;
            if (step >= stepLimit) {
                throw new MalformedPayloadException(what + ": event step " + step + " is not below " + stepLimit);
            }
            int k = r.varint(what + " events in step " + step, r.remaining() / 2);
            if (k == 0) {
                throw new MalformedPayloadException(what + ": step " + step + " has an empty event group");
            }
            long neuron = -1;
            for (int e = 0; e < k; e++) {
                int gap = r.varint(what + " neuron", Integer.MAX_VALUE);
                neuron = e == 0 ? gap : neuron + gap + 1;
                if (neuron >= neuronLimit) {
                    throw new MalformedPayloadException(what + ": step " + step + " names neuron/channel " + neuron
                            + ", outside 0.." + (neuronLimit - 1));
                }
                int count = r.varint(what + " count", Integer.MAX_VALUE);
                if (count < 1 || count > maxCount) {
                    throw new MalformedPayloadException(what + ": step " + step + ", neuron/channel " + neuron
                            + " has count " + count + ", outside 1.." + maxCount);
                }
                if (n == st.length) {
                    st = Arrays.copyOf(st, n * 2);
                    ne = Arrays.copyOf(ne, n * 2);
                    co = Arrays.copyOf(co, n * 2);
                }
                st[n] = (int) step;
                ne[n] = (int) neuron;
                co[n] = count;
                n++;
            }
        }
        return new EventBlock(Arrays.copyOf(st, n), Arrays.copyOf(ne, n), Arrays.copyOf(co, n));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventBlock b && Arrays.equals(steps, b.steps) && Arrays.equals(neurons, b.neurons)
                && Arrays.equals(counts, b.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(steps) * 31 * 31 + Arrays.hashCode(neurons) * 31 + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "EventBlock(" + size() + " events)";
    }
}
