package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.proto.ChipConfig;

/** Recognises a compiled membrane readout in a chip configuration given without its model. */
final class MembraneReadouts {
    private MembraneReadouts() {
    }

    /**
     * True when every output neuron of {@code config} has the profile's largest threshold: the compiler's
     * mapping of a non-spiking readout (docs/compiler.md, "LI readout"), whose membranes are read instead of
     * its spikes. False for null.
     */
    static boolean looksLikeReadout(ChipConfig config) {
        if (config == null || config.getThresholdOutCount() == 0) {
            return false;
        }
        int max = ChipProfile.byName(config.getProfile()).orElse(ChipProfile.XYLO_AUDIO2).stateMax();
        return config.getThresholdOutList().stream().allMatch(t -> t == max);
    }
}
