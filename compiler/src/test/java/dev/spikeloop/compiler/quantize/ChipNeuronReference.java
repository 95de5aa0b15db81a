package dev.spikeloop.compiler.quantize;

/**
 * One chip neuron with one synapse, stepped as chip-xylo.md step 4 says (test reference only; the
 * emulator module is the real implementation): decay by arithmetic shift with the never-stuck rule,
 * membrane integrates the decayed current, 16-bit saturation, reset by subtraction.
 */
final class ChipNeuronReference {
    private final int dashSyn;
    private final int dashMem;
    private final int threshold;
    private int syn;
    private int mem;

    ChipNeuronReference(int dashSyn, int dashMem, int threshold) {
        this.dashSyn = dashSyn;
        this.dashMem = dashMem;
        this.threshold = threshold;
    }

    /** Adds {@code amount} (weight << shift) to the synaptic current, saturating. */
    void input(int amount) {
        syn = sat16((long) syn + amount);
    }

    /** One evolution step; returns the number of spikes (at most {@code maxCount}). */
    int step(int maxCount) {
        syn = syn - decay(syn, dashSyn);
        int dv = sat16(-(long) decay(mem, dashMem));
        dv = sat16((long) dv + syn);
        mem = sat16((long) mem + dv);
        int count = 0;
        while (mem >= threshold && count < maxCount) {
            count++;
            mem -= threshold;
        }
        return count;
    }

    int membrane() {
        return mem;
    }

    int synapse() {
        return syn;
    }

    private static int decay(int x, int dash) {
        int d = x >> dash;
        if (d == 0 && x != 0) {
            d = Integer.signum(x);
        }
        return d;
    }

    private static int sat16(long x) {
        return (int) Math.max(-32768, Math.min(32767, x));
    }
}
