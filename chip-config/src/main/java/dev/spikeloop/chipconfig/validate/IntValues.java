package dev.spikeloop.chipconfig.validate;

import com.google.protobuf.Internal;

import java.util.List;

/**
 * Unboxed reads of a repeated integer field. A full-size {@code weights_rec} has two million
 * entries, and a command-line run checks them before the JIT has compiled anything: reading
 * protobuf's list through {@code List<Integer>} costs a boxing call per entry in every check, and
 * copying it into an array costs a pass and 8 MB; its own {@code getInt} costs neither. Any other
 * list (the generated getters return protobuf's) is copied once.
 */
final class IntValues {
    private final Internal.IntList ints;
    private final int[] copy;

    private IntValues(Internal.IntList ints, int[] copy) {
        this.ints = ints;
        this.copy = copy;
    }

    static IntValues of(List<Integer> values) {
        if (values instanceof Internal.IntList ints) {
            return new IntValues(ints, null);
        }
        int[] copy = new int[values.size()];
        int k = 0;
        for (int x : values) {
            copy[k++] = x;
        }
        return new IntValues(null, copy);
    }

    int size() {
        return ints != null ? ints.size() : copy.length;
    }

    int get(int k) {
        return ints != null ? ints.getInt(k) : copy[k];
    }
}
