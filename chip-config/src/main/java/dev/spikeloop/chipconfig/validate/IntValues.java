package dev.spikeloop.chipconfig.validate;

import com.google.protobuf.Internal;

import java.util.List;

/**
 * A repeated integer field as an {@code int[]}. A full-size {@code weights_rec} has two million
 * entries, and a command-line run checks them before the JIT has compiled anything: reading
 * protobuf's list through {@code List<Integer>} costs a boxing call per entry in every check, one
 * primitive copy does not.
 */
final class IntValues {
    private IntValues() {
    }

    static int[] of(List<Integer> values) {
        int[] v = new int[values.size()];
        if (values instanceof Internal.IntList ints) {
            for (int k = 0; k < v.length; k++) {
                v[k] = ints.getInt(k);
            }
        } else {
            int k = 0;
            for (int x : values) {
                v[k++] = x;
            }
        }
        return v;
    }
}
