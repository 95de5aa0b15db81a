package dev.spikeloop.emulator.bench;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.proto.Alias;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.validate.ConfigValidator;

import java.util.SplittableRandom;

/**
 * A random, active configuration of any chip profile that respects all of its limits: 16 inputs
 * feeding only the hidden neurons the input weights reach, every synapse, every output neuron fed
 * only from the hidden neurons the output weights come from, 8 recurrent targets per neuron and
 * synapse, and one alias. For tests and benchmarks that must run on every profile. Deterministic per
 * seed.
 */
public final class ProfileNetwork {
    private static final int TARGETS_PER_SYNAPSE = 8;

    private ProfileNetwork() {
    }

    /** The configuration with {@code hidden} hidden neurons (1..maxHidden) on profile {@code p}. */
    public static ChipConfig build(ChipProfile p, int hidden, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int in = p.maxInputs();
        int s = p.maxSynapses();
        int o = p.maxOutputs();
        int reachIn = Math.min(hidden, p.inputReach());
        int firstOut = hidden - Math.min(hidden, p.outputReach());
        ChipConfig.Builder b = ChipConfig.newBuilder().setFormatVersion(ConfigValidator.FORMAT_VERSION)
                .setProfile(p.name()).setDtSeconds(1e-3)
                .setNumInputs(in).setNumHidden(hidden).setNumSynapses(s).setNumOutputs(o)
                .setWeightShiftIn(3).setWeightShiftRec(1).setWeightShiftOut(2);
        for (int i = 0; i < in; i++) {
            for (int n = 0; n < hidden; n++) {
                for (int syn = 0; syn < s; syn++) {
                    b.addWeightsIn(n < reachIn ? rnd.nextInt(-40, 128) : 0);
                }
            }
        }
        int[] rec = new int[hidden * hidden * s];
        for (int j = 0; j < hidden; j++) {
            for (int syn = 0; syn < s; syn++) {
                for (int t = 0; t < Math.min(TARGETS_PER_SYNAPSE, hidden - 1); t++) {
                    int post = (j + 1 + t * Math.max(1, hidden / TARGETS_PER_SYNAPSE)) % hidden;
                    rec[(j * hidden + post) * s + syn] = rnd.nextInt(-60, 128);
                }
            }
        }
        for (int v : rec) {
            b.addWeightsRec(v);
        }
        for (int n = 0; n < hidden; n++) {
            for (int k = 0; k < o; k++) {
                b.addWeightsOut(n >= firstOut ? rnd.nextInt(1, 128) : 0);
            }
        }
        for (int n = 0; n < hidden; n++) {
            b.addDashMem(rnd.nextInt(3, 6)).addThreshold(rnd.nextInt(4000, 12000));
            for (int syn = 0; syn < s; syn++) {
                b.addDashSyn(rnd.nextInt(2, 5));
            }
        }
        for (int k = 0; k < o; k++) {
            b.addDashMemOut(4).addDashSynOut(3).addThresholdOut(rnd.nextInt(2000, 6000));
        }
        if (hidden > 1) {
            b.addAliases(Alias.newBuilder().setSource(0).setTarget(hidden - 1));
        }
        ChipConfig config = b.build();
        ConfigValidator.validate(config, "profile network");
        return config;
    }
}
