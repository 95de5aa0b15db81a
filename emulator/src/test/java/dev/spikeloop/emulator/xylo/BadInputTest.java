package dev.spikeloop.emulator.xylo;

import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.chipconfig.spikes.SpikeEvent;
import dev.spikeloop.chipconfig.spikes.EmulationResult;

import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.validate.InvalidConfigException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad arguments are refused with a message naming the problem and the limit. */
class BadInputTest {
    static Stream<Named<Function<ChipConfig, XyloCore>>> cores() {
        return Cores.both();
    }

    private static final ChipConfig NET = new TestNet(2, 3, 1, 1).build();

    @ParameterizedTest
    @MethodSource("cores")
    void inputOnAMissingChannel(Function<ChipConfig, XyloCore> core) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> core.apply(NET).run(SpikeRaster.of(new SpikeEvent(1, 2, 1)), 5, false));
        assertTrue(e.getMessage().contains("channel 2") && e.getMessage().contains("2 input channel(s) (0..1)"),
                e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("cores")
    void inputAfterTheLastStep(Function<ChipConfig, XyloCore> core) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> core.apply(NET).run(SpikeRaster.of(new SpikeEvent(5, 0, 1)), 5, false));
        assertTrue(e.getMessage().contains("step 5") && e.getMessage().contains("0..4"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("cores")
    void negativeStepCount(Function<ChipConfig, XyloCore> core) {
        var e = assertThrows(IllegalArgumentException.class, () -> core.apply(NET).run(SpikeRaster.empty(), -1, true));
        assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("cores")
    void nullInput(Function<ChipConfig, XyloCore> core) {
        assertThrows(IllegalArgumentException.class, () -> core.apply(NET).run(null, 1, false));
    }

    @ParameterizedTest
    @MethodSource("cores")
    void zeroStepsIsAnEmptyRun(Function<ChipConfig, XyloCore> core) {
        EmulationResult r = core.apply(NET).run(SpikeRaster.empty(), 0, true);
        assertTrue(r.hidden().isEmpty() && r.outputs().isEmpty());
        assertEquals(0, r.states().steps());
    }

    @Test
    void negativeEventFieldsAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SpikeEvent(-1, 0, 1));
        assertTrue(e.getMessage().contains("step=-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SpikeEvent(0, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SpikeEvent(0, 0, -1));
    }

    @ParameterizedTest
    @MethodSource("cores")
    void invalidConfigListsEveryProblem(Function<ChipConfig, XyloCore> core) {
        ChipConfig bad = NET.toBuilder().setWeightsIn(1, 200).setDashMem(2, 16).setWeightShiftOut(8).build();
        var e = assertThrows(InvalidConfigException.class, () -> core.apply(bad));
        List<String> fields = e.problems().stream().map(p -> p.field()).toList();
        assertEquals(List.of("weights_in", "weight_shift_out", "dash_mem"), fields);
        assertTrue(e.getMessage().contains("weights_in[1] = 200 (allowed: -128..127)"), e.getMessage());
    }
}
