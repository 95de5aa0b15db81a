package dev.spikeloop.runtime.sim;

/**
 * The spikes of several sources merged into one time-ordered stream: {@code time[e]} and the source
 * index {@code source[e]} of event {@code e}; equal times are ordered by source.
 */
public record MergedEvents(double[] time, int[] source) {

    /** Number of events. */
    public int size() {
        return time.length;
    }

    /** Merges per-source sorted spike lists (k-way merge with a binary heap of source heads). */
    public static MergedEvents merge(double[][] perSource) {
        int total = 0;
        for (double[] t : perSource) {
            total += t.length;
        }
        double[] time = new double[total];
        int[] source = new int[total];
        int[] heap = new int[perSource.length];
        int[] pos = new int[perSource.length];
        int size = 0;
        for (int c = 0; c < perSource.length; c++) {
            if (perSource[c].length > 0) {
                heap[size++] = c;
                siftUp(heap, size - 1, perSource, pos);
            }
        }
        for (int e = 0; e < total; e++) {
            int c = heap[0];
            time[e] = perSource[c][pos[c]];
            source[e] = c;
            pos[c]++;
            if (pos[c] == perSource[c].length) {
                heap[0] = heap[--size];
            }
            siftDown(heap, 0, size, perSource, pos);
        }
        return new MergedEvents(time, source);
    }

    private static boolean before(int a, int b, double[][] t, int[] pos) {
        double ta = t[a][pos[a]];
        double tb = t[b][pos[b]];
        return ta < tb || (ta == tb && a < b);
    }

    private static void siftUp(int[] heap, int i, double[][] t, int[] pos) {
        while (i > 0) {
            int parent = (i - 1) >> 1;
            if (!before(heap[i], heap[parent], t, pos)) {
                return;
            }
            int tmp = heap[i];
            heap[i] = heap[parent];
            heap[parent] = tmp;
            i = parent;
        }
    }

    private static void siftDown(int[] heap, int i, int size, double[][] t, int[] pos) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int m = l + 1 < size && before(heap[l + 1], heap[l], t, pos) ? l + 1 : l;
            if (!before(heap[m], heap[i], t, pos)) {
                return;
            }
            int tmp = heap[i];
            heap[i] = heap[m];
            heap[m] = tmp;
            i = m;
        }
    }
}
