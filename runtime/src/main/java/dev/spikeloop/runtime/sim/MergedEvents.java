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

    /**
     * Merges per-source sorted spike lists: the events are concatenated source by source and put in
     * time order by a stable bottom-up merge sort of their indices, so equal times keep source order.
     */
    public static MergedEvents merge(double[][] perSource) {
        int total = 0;
        for (double[] t : perSource) {
            total += t.length;
        }
        double[] allTimes = new double[total];
        int[] allSources = new int[total];
        int e = 0;
        for (int c = 0; c < perSource.length; c++) {
            for (double t : perSource[c]) {
                allTimes[e] = t;
                allSources[e++] = c;
            }
        }
        int[] order = new int[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        int[] buffer = new int[total];
        for (int width = 1; width < total; width *= 2) {
            for (int lo = 0; lo < total; lo += 2 * width) {
                int mid = Math.min(lo + width, total);
                int hi = Math.min(lo + 2 * width, total);
                if (mid >= hi || allTimes[order[mid - 1]] <= allTimes[order[mid]]) {
                    System.arraycopy(order, lo, buffer, lo, hi - lo);   // already in order
                    continue;
                }
                int a = lo;
                int b = mid;
                for (int o = lo; o < hi; o++) {
                    // Take from the left run on ties: stability keeps equal times in source order.
                    if (b >= hi || (a < mid && allTimes[order[a]] <= allTimes[order[b]])) {
                        buffer[o] = order[a++];
                    } else {
                        buffer[o] = order[b++];
                    }
                }
            }
            int[] swap = order;
            order = buffer;
            buffer = swap;
        }
        double[] time = new double[total];
        int[] source = new int[total];
        for (int i = 0; i < total; i++) {
            time[i] = allTimes[order[i]];
            source[i] = allSources[order[i]];
        }
        return new MergedEvents(time, source);
    }
}
