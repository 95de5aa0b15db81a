package dev.spikeloop.chipconfig.spikes;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable, sparse record of spike counts over time: events sorted by step, then neuron, with
 * every count {@code > 0} and at most one event per (step, neuron).
 *
 * <p>Events are kept in three primitive arrays rather than as objects so that the emulator can walk
 * an input raster without allocating; {@link #events()} offers the usual list view.
 */
public final class SpikeRaster {
    private static final SpikeRaster EMPTY = new SpikeRaster(new int[0], new int[0], new int[0]);

    private final int[] steps;
    private final int[] neurons;
    private final int[] counts;

    private SpikeRaster(int[] steps, int[] neurons, int[] counts) {
        this.steps = steps;
        this.neurons = neurons;
        this.counts = counts;
    }

    /** The raster with no events. */
    public static SpikeRaster empty() {
        return EMPTY;
    }

    /**
     * A raster of the given events in any order: events of the same (step, neuron) are summed,
     * events with count 0 are dropped.
     *
     * @throws IllegalArgumentException if a summed count does not fit in an int
     */
    public static SpikeRaster of(Collection<SpikeEvent> events) {
        SpikeEvent[] sorted = events.toArray(new SpikeEvent[0]);
        Arrays.sort(sorted, (a, b) -> a.step() != b.step() ? Integer.compare(a.step(), b.step())
                : Integer.compare(a.neuron(), b.neuron()));
        int[] s = new int[sorted.length];
        int[] n = new int[sorted.length];
        int[] c = new int[sorted.length];
        int len = 0;
        for (SpikeEvent e : sorted) {
            if (e.count() == 0) {
                continue;
            }
            if (len > 0 && s[len - 1] == e.step() && n[len - 1] == e.neuron()) {
                try {
                    c[len - 1] = Math.addExact(c[len - 1], e.count());
                } catch (ArithmeticException overflow) {
                    throw new IllegalArgumentException("spike count of neuron " + e.neuron() + " at step " + e.step()
                            + " exceeds " + Integer.MAX_VALUE + " when repeated events are summed");
                }
            } else {
                s[len] = e.step();
                n[len] = e.neuron();
                c[len] = e.count();
                len++;
            }
        }
        return len == 0 ? EMPTY : new SpikeRaster(Arrays.copyOf(s, len), Arrays.copyOf(n, len), Arrays.copyOf(c, len));
    }

    /** A raster of the given events. */
    public static SpikeRaster of(SpikeEvent... events) {
        return of(Arrays.asList(events));
    }

    /**
     * A raster from a dense {@code [step][neuron]} array of counts (zeros are not stored).
     *
     * @throws IllegalArgumentException on a negative count
     */
    public static SpikeRaster fromDense(int[][] dense) {
        int total = 0;
        for (int[] row : dense) {
            for (int v : row) {
                if (v < 0) {
                    throw new IllegalArgumentException("negative spike count " + v + " in dense raster");
                }
                if (v > 0) {
                    total++;
                }
            }
        }
        int[] s = new int[total];
        int[] n = new int[total];
        int[] c = new int[total];
        int k = 0;
        for (int t = 0; t < dense.length; t++) {
            for (int j = 0; j < dense[t].length; j++) {
                if (dense[t][j] > 0) {
                    s[k] = t;
                    n[k] = j;
                    c[k] = dense[t][j];
                    k++;
                }
            }
        }
        return total == 0 ? EMPTY : new SpikeRaster(s, n, c);
    }

    /**
     * Wraps arrays that are already sorted by (step, neuron), unique and positive; the arrays are
     * copied to {@code len}. Used by the emulators, which produce events in that order.
     */
    public static SpikeRaster ofSorted(int[] steps, int[] neurons, int[] counts, int len) {
        if (len == 0) {
            return EMPTY;
        }
        return new SpikeRaster(Arrays.copyOf(steps, len), Arrays.copyOf(neurons, len), Arrays.copyOf(counts, len));
    }

    /** The events, sorted by step then neuron. */
    public List<SpikeEvent> events() {
        return new EventList();
    }

    /** Number of events (non-zero (step, neuron) entries). */
    public int size() {
        return steps.length;
    }

    /** Whether there is no event. */
    public boolean isEmpty() {
        return steps.length == 0;
    }

    /** Step of the {@code i}-th event. */
    public int step(int i) {
        return steps[i];
    }

    /** Neuron (or input channel) of the {@code i}-th event. */
    public int neuron(int i) {
        return neurons[i];
    }

    /** Count of the {@code i}-th event. */
    public int count(int i) {
        return counts[i];
    }

    /** One past the last step with an event, 0 when empty. */
    public int endStep() {
        return steps.length == 0 ? 0 : steps[steps.length - 1] + 1;
    }

    /** One past the largest neuron index with an event, 0 when empty. */
    public int width() {
        int max = -1;
        for (int n : neurons) {
            max = Math.max(max, n);
        }
        return max + 1;
    }

    /** Sum of all counts. */
    public long totalCount() {
        long sum = 0;
        for (int c : counts) {
            sum += c;
        }
        return sum;
    }

    /** The count of one neuron at one step (0 if there is no event). */
    public int countAt(int step, int neuron) {
        int lo = 0;
        int hi = steps.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = steps[mid] != step ? Integer.compare(steps[mid], step) : Integer.compare(neurons[mid], neuron);
            if (cmp == 0) {
                return counts[mid];
            } else if (cmp < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return 0;
    }

    /**
     * The events with {@code fromStep <= step < toStep}, with steps shifted so that {@code fromStep}
     * becomes 0.
     */
    public SpikeRaster window(int fromStep, int toStep) {
        if (fromStep < 0 || toStep < fromStep) {
            throw new IllegalArgumentException("window [" + fromStep + ", " + toStep + ") must have 0 <= from <= to");
        }
        int a = firstIndexAtOrAfter(fromStep);
        int b = firstIndexAtOrAfter(toStep);
        if (a == b) {
            return EMPTY;
        }
        int[] s = Arrays.copyOfRange(steps, a, b);
        for (int k = 0; k < s.length; k++) {
            s[k] -= fromStep;
        }
        return new SpikeRaster(s, Arrays.copyOfRange(neurons, a, b), Arrays.copyOfRange(counts, a, b));
    }

    /**
     * The same events {@code steps} later (earlier if negative).
     *
     * @throws IllegalArgumentException if an event would move before step 0 or past the int range
     */
    public SpikeRaster shift(int steps) {
        if (steps == 0 || isEmpty()) {
            return this;
        }
        long first = (long) this.steps[0] + steps;
        long last = (long) this.steps[this.steps.length - 1] + steps;
        if (first < 0 || last > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shifting by " + steps + " moves events to step " + (first < 0 ? first : last)
                    + ", outside 0.." + Integer.MAX_VALUE);
        }
        int[] s = this.steps.clone();
        for (int k = 0; k < s.length; k++) {
            s[k] += steps;
        }
        return new SpikeRaster(s, neurons, counts);
    }

    /**
     * The union of this raster and another; counts of the same (step, neuron) are summed.
     */
    public SpikeRaster merge(SpikeRaster other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        List<SpikeEvent> all = new java.util.ArrayList<>(size() + other.size());
        all.addAll(events());
        all.addAll(other.events());
        return of(all);
    }

    /**
     * A dense {@code [steps][width]} array of counts.
     *
     * @throws IllegalArgumentException if an event lies outside that shape
     */
    public int[][] dense(int steps, int width) {
        if (steps < 0 || width < 0) {
            throw new IllegalArgumentException("dense shape must be non-negative, got " + steps + " x " + width);
        }
        int[][] out = new int[steps][width];
        for (int k = 0; k < this.steps.length; k++) {
            if (this.steps[k] >= steps || neurons[k] >= width) {
                throw new IllegalArgumentException("event at step " + this.steps[k] + ", neuron " + neurons[k]
                        + " lies outside a dense raster of " + steps + " steps x " + width + " neurons");
            }
            out[this.steps[k]][neurons[k]] = counts[k];
        }
        return out;
    }

    private int firstIndexAtOrAfter(int step) {
        int lo = 0;
        int hi = steps.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (steps[mid] < step) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpikeRaster r && Arrays.equals(steps, r.steps) && Arrays.equals(neurons, r.neurons)
                && Arrays.equals(counts, r.counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(steps) + Arrays.hashCode(neurons)) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SpikeRaster[");
        int shown = Math.min(size(), 20);
        for (int k = 0; k < shown; k++) {
            sb.append(k == 0 ? "" : ", ").append(steps[k]).append(':').append(neurons[k]).append('x').append(counts[k]);
        }
        if (size() > shown) {
            sb.append(", ... ").append(size() - shown).append(" more");
        }
        return sb.append(']').toString();
    }

    /** Read-only list view that creates event records on demand. */
    private final class EventList extends AbstractList<SpikeEvent> implements RandomAccess {
        @Override
        public SpikeEvent get(int index) {
            return new SpikeEvent(steps[index], neurons[index], counts[index]);
        }

        @Override
        public int size() {
            return steps.length;
        }
    }
}
