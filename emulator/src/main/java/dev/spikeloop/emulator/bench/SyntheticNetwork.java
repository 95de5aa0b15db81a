package dev.spikeloop.emulator.bench;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.validate.ConfigValidator;

import java.util.SplittableRandom;

/**
 * Random but plausible chip configurations for benchmarks: dense input and output weights, sparse
 * recurrent weights, decays of a few milliseconds at dt = 1 ms, and shifts and thresholds chosen (by
 * trial runs) so that inputs of about 100 Hz per channel give mean hidden rates of about 20-30 Hz
 * and output rates of tens of Hz, as a trained network would; stronger recurrent shifts make this
 * random network run away to hundreds of Hz. Deterministic per seed.
 *
 * @param inputs             I
 * @param hidden             H
 * @param synapses           S (1 or 2)
 * @param outputs            O
 * @param recurrentDensity   fraction of non-zero recurrent weights (0..1)
 * @param seed               random seed
 */
public record SyntheticNetwork(int inputs, int hidden, int synapses, int outputs, double recurrentDensity, long seed) {

    /** The benchmark network of issue 2: 16 inputs, 1000 hidden x 2 synapses, 8 outputs, 10% recurrent. */
    public static SyntheticNetwork fullSize(long seed) {
        return new SyntheticNetwork(16, 1000, 2, 8, 0.10, seed);
    }

    /** Builds the (validated) configuration. */
    public ChipConfig build() {
        SplittableRandom rnd = new SplittableRandom(seed);
        ChipConfig.Builder b = ChipConfig.newBuilder()
                .setFormatVersion(ConfigValidator.FORMAT_VERSION)
                .setProfile(ChipProfile.DEFAULT)
                .setDtSeconds(1e-3)
                .setNumInputs(inputs).setNumHidden(hidden).setNumSynapses(synapses).setNumOutputs(outputs)
                .setWeightShiftIn(2).setWeightShiftRec(0).setWeightShiftOut(1);
        for (int k = 0; k < inputs * hidden * synapses; k++) {
            // Synapse 0 mostly excitatory, synapse 1 mostly inhibitory, as a trained net often ends up.
            boolean excitatory = synapses == 1 || k % synapses == 0;
            b.addWeightsIn(excitatory ? rnd.nextInt(-40, 128) : rnd.nextInt(-128, 41));
        }
        for (int k = 0; k < hidden * hidden * synapses; k++) {
            b.addWeightsRec(rnd.nextDouble() < recurrentDensity ? rnd.nextInt(-128, 128) : 0);
        }
        for (int k = 0; k < hidden * outputs; k++) {
            b.addWeightsOut(rnd.nextInt(-128, 128));
        }
        for (int h = 0; h < hidden; h++) {
            b.addDashMem(rnd.nextInt(3, 6));
            for (int s = 0; s < synapses; s++) {
                b.addDashSyn(rnd.nextInt(2, 5));
            }
            b.addThreshold(rnd.nextInt(16000, 30000));
        }
        for (int o = 0; o < outputs; o++) {
            b.addDashMemOut(4);
            b.addDashSynOut(3);
            b.addThresholdOut(rnd.nextInt(12000, 24000));
        }
        ChipConfig config = b.build();
        ConfigValidator.validate(config, "synthetic network");
        return config;
    }
}
