package dev.spikeloop.emulator.xylo;

import com.google.protobuf.Internal;

import java.util.Arrays;
import java.util.List;

/**
 * The non-zero weights of one weight matrix, grouped by presynaptic row (compressed sparse rows):
 * for row {@code r}, entries {@code start[r]..start[r+1]-1} hold the target index and the weight
 * already shifted left by the matrix's weight shift. Within a row, targets ascend, which is the
 * order the chip applies them in. Immutable.
 */
public final class SparseSynapses {
    private final int[] start;
    private final int[] target;
    private final int[] weight;

    private SparseSynapses(int[] start, int[] target, int[] weight) {
        this.start = start;
        this.target = target;
        this.weight = weight;
    }

    /**
     * Builds the sparse form of a flat row-major {@code rows x columns} weight array.
     *
     * @param shift left shift applied to every weight (the matrix's {@code weight_shift_*})
     */
    public static SparseSynapses of(List<Integer> flat, int rows, int columns, int shift) {
        if (flat.size() != rows * columns) {
            throw new IllegalArgumentException("weight array has " + flat.size() + " entries, expected " + rows + " x "
                    + columns);
        }
        // Protobuf's lists are read without boxing and without a copy: a full-size recurrent matrix has
        // two million entries, and a command-line run pays for every pass before the JIT warms up.
        Internal.IntList ints = flat instanceof Internal.IntList l ? l : null;
        // One pass, the entry arrays growing as needed (a second pass only to count would cost as much again).
        int[] start = new int[rows + 1];
        int[] target = new int[Math.max(16, Math.min(flat.size(), 1 << 16))];
        int[] weight = new int[target.length];
        int k = 0;
        for (int r = 0; r < rows; r++) {
            start[r] = k;
            for (int c = 0, i = r * columns; c < columns; c++, i++) {
                int w = at(flat, ints, i);
                if (w != 0) {
                    if (k == target.length) {
                        target = Arrays.copyOf(target, 2 * k);
                        weight = Arrays.copyOf(weight, 2 * k);
                    }
                    target[k] = c;
                    weight[k] = w << shift;
                    k++;
                }
            }
        }
        start[rows] = k;
        return new SparseSynapses(start, Arrays.copyOf(target, k), Arrays.copyOf(weight, k));
    }

    /** Entry {@code i}, unboxed when the list is protobuf's ({@code ints} non-null). */
    private static int at(List<Integer> flat, Internal.IntList ints, int i) {
        return ints != null ? ints.getInt(i) : flat.get(i);
    }

    /** Number of presynaptic rows. */
    public int rows() {
        return start.length - 1;
    }

    /** Number of non-zero weights in row {@code r}: the synaptic events one spike of it causes. */
    public int rowLength(int r) {
        return start[r + 1] - start[r];
    }

    /** Number of non-zero weights. */
    public int nonZeros() {
        return target.length;
    }

    int[] start() {
        return start;
    }

    int[] target() {
        return target;
    }

    int[] weight() {
        return weight;
    }
}
