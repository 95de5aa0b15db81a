package dev.spikeloop.compiler.quantize;

/** Rounding used for every float-to-integer conversion of the compiler. */
final class Rounding {
    private Rounding() {
    }

    /** Round half away from zero, so positive and negative weights are treated alike. */
    static long halfAway(double x) {
        return x >= 0 ? (long) Math.floor(x + 0.5) : -(long) Math.floor(-x + 0.5);
    }
}
