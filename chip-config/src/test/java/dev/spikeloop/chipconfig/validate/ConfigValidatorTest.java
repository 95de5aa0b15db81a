package dev.spikeloop.chipconfig.validate;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.Configs;
import dev.spikeloop.chipconfig.proto.Alias;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigValidatorTest {
    private static final ChipConfig OK = Configs.valid(3, 4, 2, 2);

    private static InvalidConfigException invalid(UnaryOperator<ChipConfig.Builder> change) {
        return assertThrows(InvalidConfigException.class,
                () -> ConfigValidator.validate(change.apply(OK.toBuilder()).build(), "test.json"));
    }

    private static void assertOnly(String problem, UnaryOperator<ChipConfig.Builder> change) {
        InvalidConfigException e = invalid(change);
        assertEquals(List.of(problem), e.problems().stream().map(ConfigProblem::toString).toList());
        assertTrue(e.getMessage().contains("test.json") && e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void validConfigurationsPass() {
        assertSame(ChipProfile.XYLO_AUDIO2, ConfigValidator.validate(OK, "x"));
        ConfigValidator.validate(Configs.valid(16, 1000, 2, 8), null);
        ConfigValidator.validate(Configs.valid(1, 1, 1, 1), null);
        ConfigValidator.validate(OK.toBuilder().clearBias().clearBiasOut().clearAliases().build(), null);
    }

    @Test
    void formatVersion() {
        assertOnly("format_version = 0 (allowed: 1..1 (this build))", b -> b.setFormatVersion(0));
        assertOnly("format_version = 2 (allowed: 1..1 (this build))", b -> b.setFormatVersion(2));
    }

    @Test
    void profileAndTimeStep() {
        InvalidConfigException e = invalid(b -> b.setProfile("xylo-audio9"));
        assertEquals("profile", e.problems().get(0).field());
        assertTrue(e.getMessage().contains("xylo-audio2"), e.getMessage());
        assertOnly("dt_seconds = 0.0 (allowed: finite and > 0)", b -> b.setDtSeconds(0));
        assertOnly("dt_seconds = NaN (allowed: finite and > 0)", b -> b.setDtSeconds(Double.NaN));
    }

    @ParameterizedTest
    @CsvSource({"num_inputs,17,1..16", "num_hidden,1001,1..1000", "num_outputs,9,1..8", "num_synapses,3,1..2",
            "num_inputs,0,1..16", "num_hidden,0,1..1000"})
    void sizes(String field, int value, String limit) {
        assertOnly(field + " = " + value + " (allowed: " + limit + ")", b -> switch (field) {
            case "num_inputs" -> b.setNumInputs(value);
            case "num_hidden" -> b.setNumHidden(value);
            case "num_outputs" -> b.setNumOutputs(value);
            default -> b.setNumSynapses(value);
        });
    }

    @Test
    void valueRangesNameFieldIndexValueAndLimit() {
        assertOnly("weights_in[5] = 128 (allowed: -128..127)", b -> b.setWeightsIn(5, 128));
        assertOnly("weights_rec[31] = -129 (allowed: -128..127)", b -> b.setWeightsRec(31, -129));
        assertOnly("weights_out[7] = 1000 (allowed: -128..127)", b -> b.setWeightsOut(7, 1000));
        assertOnly("weight_shift_in = 8 (allowed: 0..7)", b -> b.setWeightShiftIn(8));
        assertOnly("weight_shift_rec = 4294967295 (allowed: 0..7)", b -> b.setWeightShiftRec(-1));
        assertOnly("weight_shift_out = 9 (allowed: 0..7)", b -> b.setWeightShiftOut(9));
        assertOnly("dash_mem[3] = 16 (allowed: 0..15)", b -> b.setDashMem(3, 16));
        assertOnly("dash_syn[7] = 16 (allowed: 0..15)", b -> b.setDashSyn(7, 16));
        assertOnly("threshold[0] = 32768 (allowed: -32768..32767)", b -> b.setThreshold(0, 32768));
        assertOnly("bias[2] = -32769 (allowed: -32768..32767)", b -> b.setBias(2, -32769));
        assertOnly("dash_mem_out[1] = 99 (allowed: 0..15)", b -> b.setDashMemOut(1, 99));
        assertOnly("dash_syn_out[0] = 16 (allowed: 0..15)", b -> b.setDashSynOut(0, 16));
        assertOnly("threshold_out[1] = 40000 (allowed: -32768..32767)", b -> b.setThresholdOut(1, 40000));
        assertOnly("bias_out[0] = 32768 (allowed: -32768..32767)", b -> b.setBiasOut(0, 32768));
        assertOnly("aliases.source[1] = 4 (allowed: 0..3)",
                b -> b.addAliases(Alias.newBuilder().setSource(4).setTarget(0)));
        assertOnly("aliases.target[1] = 7 (allowed: 0..3)",
                b -> b.addAliases(Alias.newBuilder().setSource(1).setTarget(7)));
    }

    @Test
    void arrayLengths() {
        assertOnly("weights_in = length 23 (allowed: length 24)", b -> {
            List<Integer> w = b.getWeightsInList().subList(0, 23);
            return b.clearWeightsIn().addAllWeightsIn(List.copyOf(w));
        });
        assertOnly("weights_rec = length 33 (allowed: length 32)", b -> b.addWeightsRec(0));
        assertOnly("weights_out = length 0 (allowed: length 8)", ChipConfig.Builder::clearWeightsOut);
        assertOnly("dash_syn = length 9 (allowed: length 8)", b -> b.addDashSyn(1));
        assertOnly("threshold = length 0 (allowed: length 4)", ChipConfig.Builder::clearThreshold);
        assertOnly("bias = length 5 (allowed: length 4 or 0)", b -> b.addBias(0));
        assertOnly("threshold_out = length 3 (allowed: length 2)", b -> b.addThresholdOut(1));
        assertOnly("bias_out = length 1 (allowed: length 2 or 0)", b -> b.clearBiasOut().addBiasOut(1));
    }

    @Test
    void listsEveryProblemAtOnce() {
        // (A dt_seconds or format_version problem currently stops the check before the arrays; see
        // wrongSizesOrVersionStopBeforeTheArrays.)
        InvalidConfigException e = invalid(b -> b.setWeightsIn(0, 300).setWeightsIn(9, -300)
                .setWeightShiftOut(8).clearDashMem().setThresholdOut(1, 99999)
                .addAliases(dev.spikeloop.chipconfig.proto.Alias.newBuilder().setSource(9)));
        assertEquals(List.of("weights_in", "weights_in", "weight_shift_out", "dash_mem",
                "threshold_out", "aliases.source"), e.problems().stream().map(ConfigProblem::field).toList());
        assertTrue(e.getMessage().contains("6 problem(s)"), e.getMessage());
    }

    @Test
    void wrongSizesOrVersionStopBeforeTheArrays() {
        // Array lengths and values mean nothing when the sizes (or the schema version) are wrong, so
        // the validator reports only those problems, all of them.
        InvalidConfigException e = invalid(b -> b.setNumInputs(17).setNumOutputs(0).setWeightsIn(0, 300));
        assertEquals(List.of("num_inputs", "num_outputs"), e.problems().stream().map(ConfigProblem::field).toList());
        InvalidConfigException v = invalid(b -> b.setFormatVersion(2).setNumHidden(0).setWeightsIn(0, 300));
        assertEquals(List.of("format_version", "num_hidden"), v.problems().stream().map(ConfigProblem::field).toList());
    }

    @Test
    void badDtOrVersionDoesNotHideArrayProblems() {
        InvalidConfigException e = invalid(b -> b.setDtSeconds(-1).setFormatVersion(9).setWeightsIn(0, 300));
        assertEquals(List.of("format_version", "dt_seconds", "weights_in"),
                e.problems().stream().map(ConfigProblem::field).toList());
    }

    @Test
    void longProblemListsAreShortenedInTheMessage() {
        InvalidConfigException e = invalid(b -> {
            for (int k = 0; k < 24; k++) {
                b.setWeightsIn(k, 200);
            }
            return b;
        });
        assertEquals(24, e.problems().size());
        assertTrue(e.getMessage().contains("... and 4 more"), e.getMessage());
    }
}
