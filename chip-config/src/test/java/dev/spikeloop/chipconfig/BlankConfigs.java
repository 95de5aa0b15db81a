package dev.spikeloop.chipconfig;

import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.validate.ConfigValidator;

import java.util.Collections;

/** Valid configurations of any profile with every weight 0, to set single entries on. */
public final class BlankConfigs {
    private BlankConfigs() {
    }

    /** An I x H x S x O configuration of {@code profile}: zero weights, dashes 1, thresholds 100. */
    public static ChipConfig.Builder blank(ChipProfile profile, int in, int hid, int syn, int out) {
        return ChipConfig.newBuilder().setFormatVersion(ConfigValidator.FORMAT_VERSION).setProfile(profile.name())
                .setDtSeconds(1e-3).setNumInputs(in).setNumHidden(hid).setNumSynapses(syn).setNumOutputs(out)
                .addAllWeightsIn(Collections.nCopies(in * hid * syn, 0))
                .addAllWeightsRec(Collections.nCopies(hid * hid * syn, 0))
                .addAllWeightsOut(Collections.nCopies(hid * out, 0))
                .addAllDashMem(Collections.nCopies(hid, 1)).addAllDashSyn(Collections.nCopies(hid * syn, 1))
                .addAllThreshold(Collections.nCopies(hid, 100))
                .addAllDashMemOut(Collections.nCopies(out, 1)).addAllDashSynOut(Collections.nCopies(out, 1))
                .addAllThresholdOut(Collections.nCopies(out, 100));
    }

    /** Index of weights_rec entry (pre j, post h, synapse s). */
    public static int rec(ChipConfig.Builder b, int j, int h, int s) {
        return (j * b.getNumHidden() + h) * b.getNumSynapses() + s;
    }

    /** Index of weights_in entry (channel i, post h, synapse s). */
    public static int in(ChipConfig.Builder b, int i, int h, int s) {
        return (i * b.getNumHidden() + h) * b.getNumSynapses() + s;
    }

    /** Index of weights_out entry (pre j, output o). */
    public static int out(ChipConfig.Builder b, int j, int o) {
        return j * b.getNumOutputs() + o;
    }
}
