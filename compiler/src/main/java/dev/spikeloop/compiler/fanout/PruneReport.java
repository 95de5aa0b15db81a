package dev.spikeloop.compiler.fanout;

import java.util.Locale;

/**
 * What fan-out pruning removed from one float weight matrix and what it cost.
 *
 * @param matrix        e.g. {@code layer 0 'h' recurrent}
 * @param before        non-zero weights before
 * @param removed       weights set to 0
 * @param l1Fraction    removed share of the matrix's sum of |w|
 * @param largestRemoved the largest |w| removed
 */
public record PruneReport(String matrix, int before, int removed, double l1Fraction, double largestRemoved) {
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: removed %d of %d non-zero weights (%.1f%% of sum |w|, largest removed"
                + " |w| = %.4g)", matrix, removed, before, 100 * l1Fraction, largestRemoved);
    }
}
