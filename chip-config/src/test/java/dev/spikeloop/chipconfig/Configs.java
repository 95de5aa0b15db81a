package dev.spikeloop.chipconfig;

import dev.spikeloop.chipconfig.proto.Alias;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.validate.ConfigValidator;

/** Valid configurations to start tests from. */
public final class Configs {
    private Configs() {
    }

    /**
     * A valid I x H x S x O configuration with distinct, in-range values everywhere, except that each
     * hidden neuron projects only to the next 16 (cyclically), so fan-out stays within xylo-audio2's.
     */
    public static ChipConfig valid(int in, int hid, int syn, int out) {
        ChipConfig.Builder b = ChipConfig.newBuilder().setFormatVersion(ConfigValidator.FORMAT_VERSION)
                .setProfile("xylo-audio2").setDtSeconds(1e-3)
                .setNumInputs(in).setNumHidden(hid).setNumSynapses(syn).setNumOutputs(out)
                .setWeightShiftIn(1).setWeightShiftRec(2).setWeightShiftOut(7);
        for (int k = 0; k < in * hid * syn; k++) {
            b.addWeightsIn((k * 37) % 256 - 128);
        }
        for (int k = 0; k < hid * hid * syn; k++) {
            int pre = k / (hid * syn);
            int post = (k / syn) % hid;
            int ahead = Math.floorMod(post - pre, hid);
            b.addWeightsRec(ahead >= 1 && ahead <= 16 ? (k * 53) % 256 - 128 : 0);
        }
        for (int k = 0; k < hid * out; k++) {
            b.addWeightsOut(127 - k % 256);
        }
        for (int h = 0; h < hid; h++) {
            b.addDashMem(h % 16).addThreshold(1000 + h).addBias(h % 2 == 0 ? -32768 : 32767);
            for (int s = 0; s < syn; s++) {
                b.addDashSyn((h + s) % 16);
            }
        }
        for (int o = 0; o < out; o++) {
            b.addDashMemOut(15 - o).addDashSynOut(o).addThresholdOut(32767 - o).addBiasOut(-o);
        }
        if (hid > 1) {
            b.addAliases(Alias.newBuilder().setSource(0).setTarget(hid - 1));
        }
        return b.build();
    }
}
