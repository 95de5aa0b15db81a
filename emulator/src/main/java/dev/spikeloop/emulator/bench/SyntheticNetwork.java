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
 * random network run away to hundreds of Hz. Recurrent weights are drawn with the given density but
 * capped so that the network fits the Audio 2 profile: a hidden neuron's recurrent entries stop at
 * the fan-out its output weights leave ({@code maxFanOut - outputs}), and each synapse stops at the
 * recurrent weight memory. Deterministic per seed.
 *
 * @param inputs             I
 * @param hidden             H
 * @param synapses           S (1 or 2)
 * @param outputs            O
 * @param recurrentDensity   fraction of non-zero recurrent weights (0..1)
 * @param seed               random seed
 */
public record SyntheticNetwork(int inputs, int hidden, int synapses, int outputs, double recurrentDensity, long seed) {

    /**
     * The benchmark network of issue 2 as a real Audio 2 holds it: 16 inputs, 1000 hidden x 2
     * synapses, 8 outputs, 2.8% recurrent weights (about 28 targets per neuron and synapse, so with
     * the 8 output weights most neurons sit at the fan-out limit of 64).
     */
    public static SyntheticNetwork fullSize(long seed) {
        return new SyntheticNetwork(16, 1000, 2, 8, 0.028, seed);
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
        ChipProfile profile = ChipProfile.XYLO_AUDIO2;
        int neuronCap = profile.maxFanOut() - outputs; // every output weight below is non-zero
        long[] perSynapse = new long[synapses];
        for (int j = 0; j < hidden; j++) {
            int fanOut = 0;
            for (int k = 0; k < hidden * synapses; k++) {
                int s = k % synapses;
                boolean draw = rnd.nextDouble() < recurrentDensity;
                int w = draw ? rnd.nextInt(-128, 128) : 0;
                if (w != 0 && fanOut < neuronCap && perSynapse[s] < profile.recurrentBudget()) {
                    fanOut++;
                    perSynapse[s]++;
                    b.addWeightsRec(w);
                } else {
                    b.addWeightsRec(0);
                }
            }
        }
        for (int k = 0; k < hidden * outputs; k++) {
            int w = rnd.nextInt(-128, 127);
            b.addWeightsOut(w >= 0 ? w + 1 : w); // never 0, so the fan-out cap above holds
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
