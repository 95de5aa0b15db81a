package dev.spikeloop.driver.board;

import dev.spikeloop.driver.protocol.EventBlock;
import dev.spikeloop.driver.protocol.RunRequest;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits one run into RUN requests that each fit in a frame and within the board's step limit.
 * The split is exact because the chip continues from its state: running [0, a) then [a, b)
 * gives the same spikes as running [0, b). Splits fall between steps, never inside one.
 */
final class RunPlanner {
    private RunPlanner() {
    }

    /** One RUN request: {@code steps} steps starting at {@code start}, with input shifted to start at 0. */
    record Batch(int start, int steps, EventBlock input) {
    }

    static List<Batch> plan(SpikeRaster input, int steps, int maxStepsPerRun, int maxPayload, int maxCount) {
        if (maxStepsPerRun < 1) {
            throw new IllegalArgumentException("board allows " + maxStepsPerRun + " steps per run");
        }
        // Room for the request header and the group-count varint (at most 5 bytes).
        int budget = maxPayload - RunRequest.OVERHEAD - 5;
        List<Batch> batches = new ArrayList<>();
        int n = input.size();
        int i = 0;
        int start = 0;
        while (start < steps) {
            int end = (int) Math.min(steps, (long) start + maxStepsPerRun);
            int size = 0;
            int prevStep = start;
            int j = i;
            boolean first = true;
            while (j < n && input.step(j) < end) {
                int step = input.step(j);
                int g = j;
                int cost = varintSize(first ? step - start : step - prevStep);
                int prevNeuron = -1;
                while (g < n && input.step(g) == step) {
                    int neuron = input.neuron(g);
                    cost += varintSize(prevNeuron < 0 ? neuron : neuron - prevNeuron - 1)
                            + varintSize(Math.min(input.count(g), maxCount));
                    prevNeuron = neuron;
                    g++;
                }
                cost += varintSize(g - j);
                if (size + cost > budget) {
                    if (first) {
                        throw new IllegalArgumentException("the input events of step " + step + " (" + (g - j)
                                + " events) do not fit in one frame of " + maxPayload + " bytes");
                    }
                    end = step;
                    break;
                }
                size += cost;
                prevStep = step;
                first = false;
                j = g;
            }
            batches.add(new Batch(start, end - start, slice(input, i, j, start, maxCount)));
            i = j;
            start = end;
        }
        return batches;
    }

    private static EventBlock slice(SpikeRaster input, int from, int to, int offset, int maxCount) {
        int len = to - from;
        int[] s = new int[len];
        int[] ne = new int[len];
        int[] c = new int[len];
        for (int k = 0; k < len; k++) {
            s[k] = input.step(from + k) - offset;
            ne[k] = input.neuron(from + k);
            // The chip clips input counts at maxCount, so sending the clipped count changes nothing.
            c[k] = Math.min(input.count(from + k), maxCount);
        }
        return new EventBlock(Arrays.copyOf(s, len), ne, c);
    }

    static int varintSize(long v) {
        int n = 1;
        while (v >= 0x80) {
            v >>>= 7;
            n++;
        }
        return n;
    }
}
