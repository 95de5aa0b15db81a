package dev.spikeloop.compiler.quantize;

/**
 * How one layer's time constants and threshold came out on the chip.
 *
 * @param name            layer name
 * @param placement       where it lives, e.g. {@code hidden 0..119}
 * @param tauSyn          float tau_syn (s)
 * @param dashSyn         chosen {@code dash_syn}
 * @param tauSynChip      tau_syn that dash realises at dt (s)
 * @param tauMem          float tau_mem (s)
 * @param dashMem         chosen {@code dash_mem}
 * @param tauMemChip      tau_mem that dash realises at dt (s)
 * @param threshold       float threshold
 * @param thresholdInt    integer threshold
 * @param thresholdError  relative error of the threshold (thresholdInt / scale - threshold) / threshold
 * @param scale           lambda, integer membrane units per float unit
 * @param gain            synaptic gain g
 */
public record LayerReport(String name, String placement, double tauSyn, int dashSyn, double tauSynChip,
                          double tauMem, int dashMem, double tauMemChip, double threshold, int thresholdInt,
                          double thresholdError, double scale, double gain) {

    /** Relative error of tau_syn on the chip. */
    public double tauSynError() {
        return (tauSynChip - tauSyn) / tauSyn;
    }

    /** Relative error of tau_mem on the chip. */
    public double tauMemError() {
        return (tauMemChip - tauMem) / tauMem;
    }
}
