package dev.spikeloop.chipconfig.validate;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.proto.Alias;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Consumer;

import static dev.spikeloop.chipconfig.BlankConfigs.blank;
import static dev.spikeloop.chipconfig.BlankConfigs.in;
import static dev.spikeloop.chipconfig.BlankConfigs.out;
import static dev.spikeloop.chipconfig.BlankConfigs.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For every profile and every resource limit: a configuration exactly at the limit passes and one
 * just over it fails with exactly the expected problem.
 */
class ProfileLimitsTest {

    static List<ChipProfile> profiles() {
        return ChipProfile.all();
    }

    private static void passes(ChipProfile p, ChipConfig.Builder b) {
        assertSame(p, ConfigValidator.validate(b.build(), "at-limit"));
    }

    private static void failsWith(ChipConfig.Builder b, String expected) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> ConfigValidator.validate(b.build(), "over.pb"));
        assertEquals(List.of(expected), e.problems().stream().map(ConfigProblem::toString).toList());
        assertTrue(e.getMessage().startsWith("invalid chip configuration over.pb: 1 problem(s)"), e.getMessage());
    }

    private static void atAndOver(ChipProfile p, ChipConfig.Builder base, Consumer<ChipConfig.Builder> atLimit,
                                  Consumer<ChipConfig.Builder> overLimit, String expected) {
        ChipConfig.Builder at = base.clone();
        atLimit.accept(at);
        passes(p, at);
        overLimit.accept(at);
        failsWith(at, expected);
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void sizes(ChipProfile p) {
        passes(p, blank(p, p.maxInputs(), p.maxHidden(), 1, p.maxOutputs()));
        failsWith(blank(p, p.maxInputs() + 1, 4, 1, 1), "num_inputs = 17 (allowed: 1..16)");
        failsWith(blank(p, 1, p.maxHidden() + 1, 1, 1),
                "num_hidden = " + (p.maxHidden() + 1) + " (allowed: 1.." + p.maxHidden() + ")");
        failsWith(blank(p, 1, 4, 1, p.maxOutputs() + 1),
                "num_outputs = " + (p.maxOutputs() + 1) + " (allowed: 1.." + p.maxOutputs() + ")");
        passes(p, blank(p, 1, 4, p.maxSynapses(), 1));
        failsWith(blank(p, 1, 4, p.maxSynapses() + 1, 1),
                "num_synapses = " + (p.maxSynapses() + 1) + " (allowed: 1.." + p.maxSynapses() + ")");
    }

    @Test
    void profileSizesAreRockpools() {
        assertEquals(List.of(1000, 992, 496), profiles().stream().map(ChipProfile::maxHidden).toList());
        assertEquals(List.of(8, 32, 16), profiles().stream().map(ChipProfile::maxOutputs).toList());
        assertEquals(List.of(2, 2, 1), profiles().stream().map(ChipProfile::maxSynapses).toList());
        assertEquals(List.of(64, 1024, 512), profiles().stream().map(ChipProfile::maxFanOut).toList());
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void fanOutCountsRecurrentEntriesPerSynapseAndOutputTargets(ChipProfile p) {
        int s = p.maxSynapses();
        int o = p.maxOutputs();
        int recurrent = p.maxFanOut() - o; // weights_rec entries of a neuron that also feeds every output
        int h = Math.min(p.maxHidden(), recurrent / s + 1);
        int last = h - 1; // the last hidden neuron may feed the outputs on every profile
        ChipConfig.Builder at = blank(p, 1, h, s, o);
        for (int k = 0; k < recurrent; k++) {
            at.setWeightsRec(rec(at, last, k / s, k % s), k % 2 == 0 ? 127 : -128);
        }
        for (int k = 0; k < o; k++) {
            at.setWeightsOut(out(at, last, k), 1);
        }
        passes(p, at);
        if (recurrent >= h * s) {
            // xylo-imu: 496 hidden x 1 synapse + 16 outputs = 512: the limit is every target there is
            assertEquals(ChipProfile.XYLO_IMU, p);
            assertEquals(p.maxFanOut(), p.maxHidden() * s + o);
            return;
        }
        at.setWeightsRec(rec(at, last, recurrent / s, recurrent % s), 5);
        failsWith(at, "fan_out[" + last + "] = " + (p.maxFanOut() + 1) + " (" + (recurrent + 1)
                + " non-zero weights_rec + " + o + " weights_out entries) (allowed: 0.." + p.maxFanOut()
                + " per hidden neuron on " + p.name() + ")");
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void recurrentMemoryPerSynapse(ChipProfile p) {
        // Spread budget + 1 entries on synapse 1 over neurons with fan-out within the limit.
        int perNeuron = Math.min(p.maxFanOut(), 200);
        int h = Math.max(200, (p.recurrentBudget() + perNeuron) / perNeuron);
        ChipConfig.Builder b = blank(p, 1, h, 1, 1);
        int budget = p.recurrentBudget();
        atAndOver(p, b, at -> {
            for (int k = 0; k < budget; k++) {
                at.setWeightsRec(rec(at, k / perNeuron, k % perNeuron, 0), 1);
            }
        }, over -> over.setWeightsRec(rec(over, budget / perNeuron, budget % perNeuron, 0), 1),
                "recurrent_memory_syn1 = " + (budget + 1) + " non-zero weights_rec entries (allowed: 0.." + budget
                        + " on " + p.name() + ": " + p.avgFanOut() + " per hidden neuron x " + p.maxHidden() + ")");
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void recurrentMemoryCountsEachSynapseApart(ChipProfile p) {
        if (p.maxSynapses() < 2) {
            return;
        }
        // Half the budget on synapse 1, then synapse 2 at and one over it: slot k is neuron k / perNeuron,
        // target k % perNeuron, so every neuron stays within the fan-out limit.
        int perNeuron = Math.min(p.maxFanOut(), 200);
        int budget = p.recurrentBudget();
        int onSyn1 = budget / 2;
        int h = Math.max(200, (onSyn1 + budget + 1) / perNeuron + 1);
        ChipConfig.Builder b = blank(p, 1, h, 2, 1);
        atAndOver(p, b, at -> {
            for (int k = 0; k < onSyn1 + budget; k++) {
                at.setWeightsRec(rec(at, k / perNeuron, k % perNeuron, k < onSyn1 ? 0 : 1), k < onSyn1 ? 1 : -1);
            }
        }, over -> {
            int k = onSyn1 + budget;
            over.setWeightsRec(rec(over, k / perNeuron, k % perNeuron, 1), 2);
        }, "recurrent_memory_syn2 = " + (budget + 1) + " non-zero weights_rec entries (allowed: 0.." + budget
                + " on " + p.name() + ": " + p.avgFanOut() + " per hidden neuron x " + p.maxHidden() + ")");
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void inputProjectionReach(ChipProfile p) {
        int h = Math.min(p.maxHidden(), 200);
        ChipConfig.Builder b = blank(p, 16, h, 1, 1);
        if (!p.restrictsInput()) {
            b.setWeightsIn(in(b, 15, h - 1, 0), 7);
            passes(p, b);
            return;
        }
        int edge = p.inputReach();
        atAndOver(p, b, at -> at.setWeightsIn(in(at, 15, edge - 1, 0), 7),
                over -> over.setWeightsIn(in(over, 3, edge, 0), -7).setWeightsIn(in(over, 9, edge, 0), 1),
                "input_reach[" + edge + "] = 2 non-zero weights_in entries (allowed: none: on " + p.name()
                        + " input weights reach only hidden neurons 0.." + (edge - 1) + ")");
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void outputProjectionReach(ChipProfile p) {
        int h = Math.min(p.maxHidden(), 200);
        ChipConfig.Builder b = blank(p, 1, h, 1, 2);
        if (!p.restrictsOutput()) {
            b.setWeightsOut(out(b, 0, 1), 7);
            passes(p, b);
            return;
        }
        int first = h - p.outputReach();
        atAndOver(p, b, at -> at.setWeightsOut(out(at, first, 1), 7),
                over -> over.setWeightsOut(out(over, first - 1, 0), 3),
                "output_reach[" + (first - 1) + "] = 1 non-zero weights_out entries (allowed: none: on " + p.name()
                        + " output weights come only from the last " + p.outputReach() + " hidden neurons, here "
                        + first + ".." + (h - 1) + ")");
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void oneAliasTargetPerNeuron(ChipProfile p) {
        ChipConfig.Builder b = blank(p, 1, 5, 1, 1);
        atAndOver(p, b, at -> {
            for (int n = 0; n < 5; n++) {
                at.addAliases(Alias.newBuilder().setSource(n).setTarget((n + 1) % 5));
            }
        }, over -> over.addAliases(Alias.newBuilder().setSource(3).setTarget(3)),
                "alias_targets[3] = 2 (allowed: 0..1 per hidden neuron on " + p.name() + ")");
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void valueRangesAreTheSameOnEveryProfile(ChipProfile p) {
        ChipConfig.Builder b = blank(p, 2, 3, 1, 1);
        atAndOver(p, b, at -> at.setWeightsIn(0, 127).setWeightsIn(1, -128).setWeightShiftRec(7).setDashMem(0, 15)
                .setThreshold(2, 32767), over -> over.setWeightsIn(1, -129), "weights_in[1] = -129 (allowed: -128..127)");
    }

    @Test
    void everyViolationIsListedInOneError() {
        ChipProfile p = ChipProfile.XYLO_AUDIO3;
        ChipConfig.Builder b = blank(p, 2, 300, 1, 2);
        b.setWeightsIn(in(b, 0, 200, 0), 1).setWeightsOut(out(b, 0, 0), 1)
                .addAliases(Alias.newBuilder().setSource(1).setTarget(2))
                .addAliases(Alias.newBuilder().setSource(1).setTarget(3));
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigValidator.validate(b.build(), "x"));
        assertEquals(List.of("input_reach", "output_reach", "alias_targets"),
                e.problems().stream().map(ConfigProblem::field).toList());
        assertEquals(List.of(200, 0, 1), e.problems().stream().map(ConfigProblem::index).toList());
    }

    @Test
    void aConfigurationWithoutProfileIsAnAudio2One() {
        ChipConfig c = blank(ChipProfile.XYLO_AUDIO2, 1, 2, 1, 1).clearProfile().build();
        assertSame(ChipProfile.XYLO_AUDIO2, ConfigValidator.validate(c, "old.pb"));
    }
}
