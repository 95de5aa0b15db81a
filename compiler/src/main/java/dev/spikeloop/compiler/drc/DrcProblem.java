package dev.spikeloop.compiler.drc;

/**
 * One reason the chip cannot hold a network.
 *
 * @param where the place: layer (index and name), neuron (row), column, or the whole network
 * @param what  the quantity that is out of range, e.g. {@code tauSyn} or {@code weight}
 * @param value the offending value, as text
 * @param limit what the chip allows, as text
 */
public record DrcProblem(String where, String what, String value, String limit) {
    @Override
    public String toString() {
        return where + ": " + what + " = " + value + " (allowed: " + limit + ")";
    }
}
