package dev.spikeloop.emulator.xylo;

import java.util.Arrays;

/**
 * Collects spike events in emission order (step, then neuron) into growing primitive arrays, so a
 * run allocates only when a buffer doubles, never per step.
 */
final class SpikeRecorder {
    private int[] steps;
    private int[] neurons;
    private int[] counts;
    private int size;

    SpikeRecorder(int initialCapacity) {
        int cap = Math.max(16, initialCapacity);
        steps = new int[cap];
        neurons = new int[cap];
        counts = new int[cap];
    }

    void add(int step, int neuron, int count) {
        if (size == steps.length) {
            int cap = steps.length * 2;
            steps = Arrays.copyOf(steps, cap);
            neurons = Arrays.copyOf(neurons, cap);
            counts = Arrays.copyOf(counts, cap);
        }
        steps[size] = step;
        neurons[size] = neuron;
        counts[size] = count;
        size++;
    }

    SpikeRaster toRaster() {
        return SpikeRaster.ofSorted(steps, neurons, counts, size);
    }
}
