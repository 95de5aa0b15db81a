package dev.spikeloop.chipconfig.rockpool;

import dev.spikeloop.chipconfig.ChipProfile;

import java.util.List;

/**
 * How a chip configuration's arrays sit in a Rockpool specification (the dict that Rockpool's
 * mappers return and {@code config_from_specification} / {@code XyloSim.from_specification} take):
 * array names, which hidden neurons {@code weights_in} and {@code weights_out} cover, and whether
 * weights carry a synapse axis. See docs/chip-config.md.
 */
final class RockpoolLayout {
    static final String WEIGHTS_IN = "weights_in";
    static final String WEIGHTS_REC = "weights_rec";
    static final String WEIGHTS_OUT = "weights_out";
    static final String DASH_MEM = "dash_mem";
    static final String DASH_MEM_OUT = "dash_mem_out";
    static final String DASH_SYN = "dash_syn";
    static final String DASH_SYN_2 = "dash_syn_2";
    static final String DASH_SYN_OUT = "dash_syn_out";
    static final String THRESHOLD = "threshold";
    static final String THRESHOLD_OUT = "threshold_out";
    static final String BIAS_HIDDEN = "bias_hidden";
    /** The name Rockpool's mappers use for {@link #BIAS_HIDDEN}. */
    static final String BIAS = "bias";
    static final String BIAS_OUT = "bias_out";
    static final String WEIGHT_SHIFT_IN = "weight_shift_in";
    static final String WEIGHT_SHIFT_REC = "weight_shift_rec";
    static final String WEIGHT_SHIFT_OUT = "weight_shift_out";
    static final String ALIASES = "aliases";
    static final String DT = "dt";

    /** Arrays every specification must hold (dash_syn_2 too when there are two synapses). */
    static final List<String> REQUIRED = List.of(WEIGHTS_IN, WEIGHTS_REC, WEIGHTS_OUT, DASH_MEM, DASH_MEM_OUT, DASH_SYN,
            DASH_SYN_OUT, THRESHOLD, THRESHOLD_OUT, WEIGHT_SHIFT_IN, WEIGHT_SHIFT_REC, WEIGHT_SHIFT_OUT, DT);
    /** Arrays a specification may hold. */
    static final List<String> OPTIONAL = List.of(DASH_SYN_2, BIAS_HIDDEN, BIAS, BIAS_OUT, ALIASES);

    private RockpoolLayout() {
    }

    /**
     * Hidden neurons {@code weights_in} covers: the first {@code inputReach} on Audio 3 and IMU
     * (Rockpool's input expansion neurons), all of them on Audio 2.
     */
    static int inputColumns(ChipProfile p, int hidden) {
        return p.restrictsInput() ? Math.min(hidden, p.inputReach()) : hidden;
    }

    /** Hidden neurons {@code weights_out} covers: the last {@code outputReach} on Audio 3 and IMU. */
    static int outputRows(ChipProfile p, int hidden) {
        return p.restrictsOutput() ? Math.min(hidden, p.outputReach()) : hidden;
    }

    /**
     * Whether weights carry a synapse axis: Rockpool's Audio 2 mapper drops it when only synapse 1
     * is used; the Audio 3 and IMU mappers always keep it.
     */
    static boolean synapseAxis(ChipProfile p, int synapses) {
        return synapses == 2 || p.restrictsInput();
    }
}
