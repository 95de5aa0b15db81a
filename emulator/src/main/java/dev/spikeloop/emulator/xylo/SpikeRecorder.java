package dev.spikeloop.emulator.xylo;

import dev.spikeloop.chipconfig.spikes.SpikeRaster;

import java.util.Arrays;

/**
 * Collects spike events in emission order (step, then neuron) into growing primitive arrays, so a
 * run allocates only when a buffer doubles, never per step.
 */
final class SpikeRecorder implements SpikeSink {
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

    @Override
    public void spike(int step, int neuron, int count) {
        if (size == steps.length) {
            int cap = (int) Math.min(2L * steps.length, Integer.MAX_VALUE - 8);
            if (cap == size) {
                throw new IllegalStateException("more than " + size + " spike events in one run do not fit in "
                        + "memory; stream them to a file (spikeloop emulate does)");
            }
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
