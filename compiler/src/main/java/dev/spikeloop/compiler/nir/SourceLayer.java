package dev.spikeloop.compiler.nir;

/**
 * What the source graph meant by one imported layer, beyond the float network: the node it came
 * from and its reset. NIR neurons reset to {@code v_reset} when they spike; the chip (and the float
 * model) subtract the threshold instead. Compiling is allowed; the difference is measured and
 * reported ({@code ResetProbe}).
 *
 * @param node    the NIR node name
 * @param type    its NIR type (CubaLIF, LIF, IF, LI)
 * @param vReset  per-neuron reset value (reset to this value), or null for a non-spiking readout
 */
public record SourceLayer(String node, String type, double[] vReset) {

    /** True when the source resets the membrane to a value (NIR semantics) rather than subtracting. */
    public boolean resetsToValue() {
        return vReset != null;
    }

    /** "reset to 0" / "reset to v_reset" / "no spikes" for reports. */
    public String resetDescription() {
        if (vReset == null) {
            return "non-spiking";
        }
        for (double v : vReset) {
            if (v != 0) {
                return "reset to v_reset (non-zero)";
            }
        }
        return "reset to 0";
    }
}
