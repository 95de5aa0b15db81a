package dev.spikeloop.emulator.xylo;

import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.chipconfig.spikes.SpikeEvent;
import dev.spikeloop.chipconfig.spikes.EmulationResult;
import dev.spikeloop.chipconfig.spikes.StateTrace;

import dev.spikeloop.chipconfig.proto.ChipConfig;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hand-worked cases of chip-xylo.md. Every expected number below was computed by hand from the
 * spec's step rules (the working is in the comments), not by running an emulator; each case runs
 * on both the fast emulator and the dense reference.
 */
class GoldenVectorsTest {
    static Stream<Named<Function<ChipConfig, XyloCore>>> cores() {
        return Cores.both();
    }

    private static EmulationResult run(Function<ChipConfig, XyloCore> factory, TestNet net, int steps,
                                       SpikeEvent... input) {
        return factory.apply(net.build()).run(SpikeRaster.of(input), steps, true);
    }

    @ParameterizedTest
    @MethodSource("cores")
    void positiveCurrentAndMembraneDecayStepByStep(Function<ChipConfig, XyloCore> core) {
        // w = 100, dash_syn = dash_mem = 1. t0: isyn 100 - (100>>1) = 50, v = 0 + 50.
        // t1: isyn 50-25 = 25; v: dv = -(50>>1) + 25 = 0 -> 50. t2: isyn 25-12 = 13; dv = -25+13 -> 38 ...
        // t7: isyn 1 -> (1>>1 = 0, floored to 1) -> 0. t10: v 1 -> 0.
        TestNet net = new TestNet(1, 1, 1, 1).win(0, 0, 0, 100).hidden(0, 1, 1, 32767, 0);
        StateTrace s = run(core, net, 11, new SpikeEvent(0, 0, 1)).states();
        assertArrayEquals(new int[] {50, 25, 13, 7, 4, 2, 1, 0, 0, 0, 0}, Cores.synaptic(s, 0, 0));
        assertArrayEquals(new int[] {50, 50, 38, 26, 17, 11, 7, 4, 2, 1, 0}, Cores.membrane(s, 0));
    }

    @ParameterizedTest
    @MethodSource("cores")
    void negativeValuesRoundTowardMinusInfinity(Function<ChipConfig, XyloCore> core) {
        // w = -100: the arithmetic shift rounds down, so negative states decay by more than their
        // positive mirror: t2: isyn -25 - (-25>>1 = -13) = -12 (the positive case gave 13).
        // t5: isyn -3 - (-2) = -1; t6: -1 - (-1>>1 = -1) = 0. v: t9: -1 - (-1) = 0.
        TestNet net = new TestNet(1, 1, 1, 1).win(0, 0, 0, -100).hidden(0, 1, 1, 32767, 0);
        StateTrace s = run(core, net, 10, new SpikeEvent(0, 0, 1)).states();
        assertArrayEquals(new int[] {-50, -25, -12, -6, -3, -1, 0, 0, 0, 0}, Cores.synaptic(s, 0, 0));
        assertArrayEquals(new int[] {-50, -50, -37, -24, -15, -8, -4, -2, -1, 0}, Cores.membrane(s, 0));
    }

    @ParameterizedTest
    @MethodSource("cores")
    void decayFloorOfMinusOneStepsToZero(Function<ChipConfig, XyloCore> core) {
        // dash_mem = 15: v >> 15 is -1 for every negative v, so v rises by exactly 1 per step once the
        // current is gone. w = -10, dash_syn 1: isyn -5, -2, -1, 0. v: -5; -5+1-2 = -6; -6+1-1 = -6;
        // then -5, -4, -3, -2, -1, 0 and 0 stays 0.
        TestNet net = new TestNet(1, 1, 1, 1).win(0, 0, 0, -10).hidden(0, 15, 1, 32767, 0);
        StateTrace s = run(core, net, 10, new SpikeEvent(0, 0, 1)).states();
        assertArrayEquals(new int[] {-5, -2, -1, 0, 0, 0, 0, 0, 0, 0}, Cores.synaptic(s, 0, 0));
        assertArrayEquals(new int[] {-5, -6, -6, -5, -4, -3, -2, -1, 0, 0}, Cores.membrane(s, 0));
    }

    @ParameterizedTest
    @MethodSource("cores")
    void decayFloorOfPlusOneStepsToZero(Function<ChipConfig, XyloCore> core) {
        // Mirror case, w = +10: v >> 15 is 0 for positive v, floored to +1. isyn 5, 3 (5>>1 = 2), 2, 1, 0.
        // v: 5; 5-1+3 = 7; 7-1+2 = 8; 8-1+1 = 8; then 7, 6, ..., 0 at step 11.
        TestNet net = new TestNet(1, 1, 1, 1).win(0, 0, 0, 10).hidden(0, 15, 1, 32767, 0);
        StateTrace s = run(core, net, 12, new SpikeEvent(0, 0, 1)).states();
        assertArrayEquals(new int[] {5, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0}, Cores.synaptic(s, 0, 0));
        assertArrayEquals(new int[] {5, 7, 8, 8, 7, 6, 5, 4, 3, 2, 1, 0}, Cores.membrane(s, 0));
    }

    @ParameterizedTest
    @MethodSource("cores")
    void zeroSynapticDashErasesTheCurrentInTheSameStep(Function<ChipConfig, XyloCore> core) {
        // dash_syn = 0: d = s >> 0 = s, so s - d = 0 before the membrane sees it.
        TestNet net = new TestNet(1, 1, 1, 1).win(0, 0, 0, 100).hidden(0, 1, 0, 1, 0);
        EmulationResult r = run(core, net, 3, new SpikeEvent(0, 0, 5));
        assertArrayEquals(new int[] {0, 0, 0}, Cores.synaptic(r.states(), 0, 0));
        assertArrayEquals(new int[] {0, 0, 0}, Cores.membrane(r.states(), 0));
        assertEquals(List.of(), Cores.events(r.hidden()));
    }

    @ParameterizedTest
    @MethodSource("cores")
    void fortySpikesWorthOfMembraneGivesThirtyOne(Function<ChipConfig, XyloCore> core) {
        // w = 125 << 6 = 8000, dash_syn 1 -> isyn 4000 -> v = 4000 = 40 x threshold 100: 31 spikes, v = 900.
        // t1: isyn 2000; dv = -(900>>1) + 2000 = 1550 -> v = 2450: 24 spikes, v = 50.
        // t2: isyn 1000; dv = -25 + 1000 -> v = 1025: 10 spikes, v = 25.
        TestNet net = new TestNet(1, 1, 1, 1).shifts(6, 0, 0).win(0, 0, 0, 125).hidden(0, 1, 1, 100, 0);
        EmulationResult r = run(core, net, 3, new SpikeEvent(0, 0, 1));
        assertEquals(List.of("0:0:31", "1:0:24", "2:0:10"), Cores.events(r.hidden()));
        assertArrayEquals(new int[] {900, 50, 25}, Cores.membrane(r.states(), 0));
        assertArrayEquals(new int[] {4000, 2000, 1000}, Cores.synaptic(r.states(), 0, 0));
    }

    @ParameterizedTest
    @MethodSource("cores")
    void inputAdditionsSaturateInChannelOrder(Function<ChipConfig, XyloCore> core) {
        // Channel 0: +127<<7 = 16256 three times: 16256, 32512, 32767 (saturated). Channel 1 after it:
        // -128<<7 = -16384 -> 16383. (The other order would give 32384.) Decay 15: 16383>>15 = 0 -> 1.
        TestNet net = new TestNet(2, 1, 1, 1).shifts(7, 0, 0).win(0, 0, 0, 127).win(1, 0, 0, -128);
        StateTrace s = run(core, net, 1, new SpikeEvent(0, 0, 3), new SpikeEvent(0, 1, 1)).states();
        assertEquals(16382, s.synaptic(0, 0, 0));
        assertEquals(16382, s.membrane(0, 0));
    }

    @ParameterizedTest
    @MethodSource("cores")
    void inputCountsAreClippedToFifteen(Function<ChipConfig, XyloCore> core) {
        // 40 spikes of weight 1 add 15; decay 15 takes 1 -> 14. Two rows of 20 add up to 40 first.
        TestNet net = new TestNet(1, 1, 1, 1).win(0, 0, 0, 1);
        assertEquals(14, run(core, net, 1, new SpikeEvent(0, 0, 40)).states().synaptic(0, 0, 0));
        assertEquals(14, run(core, net, 1, new SpikeEvent(0, 0, 20), new SpikeEvent(0, 0, 20)).states()
                .synaptic(0, 0, 0));
        assertEquals(9, run(core, net, 1, new SpikeEvent(0, 0, 10)).states().synaptic(0, 0, 0));
    }

    @ParameterizedTest
    @MethodSource("cores")
    void wideCurrentSumSaturatesBeforeTheBias(Function<ChipConfig, XyloCore> core) {
        // Two synapses each saturate at 32767 (15 x 16256), decay to 32766: wide sum 65532.
        // dv = sat16(0 + 65532) = 32767, then + bias -32768 = -1, so v = -1 (a wide sum with the bias
        // would have given 32764). t1: currents 32765; dv = -(-1>>15 = -1) = 1; sat16(1 + 65530) = 32767;
        // -1 -> v = -2. t2: v = -3.
        TestNet net = new TestNet(1, 1, 2, 1).shifts(7, 0, 0).win(0, 0, 0, 127).win(0, 0, 1, 127)
                .hidden(0, 15, 15, 32767, -32768);
        StateTrace s = run(core, net, 3, new SpikeEvent(0, 0, 15)).states();
        assertArrayEquals(new int[] {32766, 32765, 32764}, Cores.synaptic(s, 0, 0));
        assertArrayEquals(new int[] {32766, 32765, 32764}, Cores.synaptic(s, 0, 1));
        assertArrayEquals(new int[] {-1, -2, -3}, Cores.membrane(s, 0));
    }

    @ParameterizedTest
    @MethodSource("cores")
    void membraneSaturatesAtTheTop(Function<ChipConfig, XyloCore> core) {
        // As above without bias and threshold 20000: v = sat16(65532) = 32767 -> 1 spike -> 12767.
        // t1: dv = sat16(-1 + 65530) = 32767; v = sat16(12767 + 32767) = 32767 -> spike -> 12767.
        TestNet net = new TestNet(1, 1, 2, 1).shifts(7, 0, 0).win(0, 0, 0, 127).win(0, 0, 1, 127)
                .hidden(0, 15, 15, 20000, 0);
        EmulationResult r = run(core, net, 2, new SpikeEvent(0, 0, 15));
        assertArrayEquals(new int[] {12767, 12767}, Cores.membrane(r.states(), 0));
        assertEquals(List.of("0:0:1", "1:0:1"), Cores.events(r.hidden()));
    }

    @ParameterizedTest
    @MethodSource("cores")
    void minus32768WithZeroMemDashStaysThere(Function<ChipConfig, XyloCore> core) {
        // dash_mem 0 and v = -32768: the decay is -32768, its 16-bit negation is -32768 again, so
        // dv <= -32768 and v stays at -32768 (an exact negation would have reset it towards 0).
        // t0: both currents -32768 -> decay 1 -> -16384; sum -32768 -> v = -32768.
        // t1: currents -8192, sum -16384; dv = sat16(-32768 - 16384) = -32768; v = -32768. Forever.
        TestNet net = new TestNet(1, 1, 2, 1).shifts(7, 0, 0).win(0, 0, 0, -128).win(0, 0, 1, -128)
                .hidden(0, 0, 1, 100, 0);
        StateTrace s = run(core, net, 20, new SpikeEvent(0, 0, 2)).states();
        int[] expectedV = new int[20];
        java.util.Arrays.fill(expectedV, -32768);
        assertArrayEquals(expectedV, Cores.membrane(s, 0));
        assertArrayEquals(new int[] {-16384, -8192, -4096, -2048, -1024, -512, -256, -128, -64, -32, -16, -8, -4,
                -2, -1, 0, 0, 0, 0, 0}, Cores.synaptic(s, 0, 1));
    }

    @ParameterizedTest
    @MethodSource("cores")
    void twoSynapsesDecayWithTheirOwnDash(Function<ChipConfig, XyloCore> core) {
        // s0: w 100, dash 1 -> 50, 25, 13, 7. s1: w -60, dash 2 -> -60 - (-15) = -45, -45 - (-12) = -33,
        // -33 - (-9) = -24, -24 - (-6) = -18. v (dash 2): 5; 5 - 1 - 8 = -4; -4 + 1 - 11 = -14; -14 + 4 - 11 = -21.
        TestNet net = new TestNet(1, 1, 2, 1).win(0, 0, 0, 100).win(0, 0, 1, -60).hidden(0, 2, 1, 1000, 0)
                .dashSyn(0, 1, 2);
        StateTrace s = run(core, net, 4, new SpikeEvent(0, 0, 1)).states();
        assertArrayEquals(new int[] {50, 25, 13, 7}, Cores.synaptic(s, 0, 0));
        assertArrayEquals(new int[] {-45, -33, -24, -18}, Cores.synaptic(s, 0, 1));
        assertArrayEquals(new int[] {5, -4, -14, -21}, Cores.membrane(s, 0));
    }

    @ParameterizedTest
    @MethodSource("cores")
    void biasDrivesRegularSpikes(Function<ChipConfig, XyloCore> core) {
        // bias 10, dash_mem 1, threshold 18: v 10; 10 - 5 + 10 = 15; 15 - 7 + 10 = 18 -> spike, 0; repeat.
        TestNet net = new TestNet(1, 1, 1, 1).hidden(0, 1, 1, 18, 10);
        EmulationResult r = run(core, net, 6);
        assertArrayEquals(new int[] {10, 15, 0, 10, 15, 0}, Cores.membrane(r.states(), 0));
        assertEquals(List.of("2:0:1", "5:0:1"), Cores.events(r.hidden()));
    }

    @ParameterizedTest
    @MethodSource("cores")
    void biasSteadyStatesAreAsymmetric(Function<ChipConfig, XyloCore> core) {
        // +10: 10, 15, 18, 19, 20, 20 (20 - 10 + 10). -10: -10, -15, -17, -18, -19, -19 (-19 >> 1 = -10).
        TestNet net = new TestNet(1, 2, 1, 1).hidden(0, 1, 1, 32767, 10).hidden(1, 1, 1, 32767, -10);
        StateTrace s = run(core, net, 6).states();
        assertArrayEquals(new int[] {10, 15, 18, 19, 20, 20}, Cores.membrane(s, 0));
        assertArrayEquals(new int[] {-10, -15, -17, -18, -19, -19}, Cores.membrane(s, 1));
    }

    @ParameterizedTest
    @MethodSource("cores")
    void nonPositiveThresholdWrapsTheResetIn16Bits(Function<ChipConfig, XyloCore> core) {
        // Spec interpretation (as the public simulator's int16 state): bias 32767 puts v at 32767;
        // threshold -32768: v - th = 65535 wraps to -1, still >= th, -1 + 32768 = 32767, ... 31 spikes
        // end on -1. Threshold 0: 31 spikes and v unchanged.
        TestNet net = new TestNet(1, 2, 1, 1).hidden(0, 15, 15, -32768, 32767).hidden(1, 15, 15, 0, 5);
        EmulationResult r = run(core, net, 1);
        assertEquals(List.of("0:0:31", "0:1:31"), Cores.events(r.hidden()));
        assertEquals(-1, r.states().membrane(0, 0));
        assertEquals(5, r.states().membrane(0, 1));
    }

    @ParameterizedTest
    @MethodSource("cores")
    void recurrentSpikesArriveOneStepLate(Function<ChipConfig, XyloCore> core) {
        // h0 spikes 31, 24 (see the 31-spike case); w_rec(0->1) = 10. h1 sees 31 x 10 at t1: 310 -> 309,
        // v 309; t2: 309 + 240 = 549 -> 548, v = 309 - 1 + 548 = 856.
        TestNet net = new TestNet(1, 2, 1, 1).shifts(6, 0, 0).win(0, 0, 0, 125).hidden(0, 1, 1, 100, 0)
                .wrec(0, 1, 0, 10);
        StateTrace s = run(core, net, 3, new SpikeEvent(0, 0, 1)).states();
        assertArrayEquals(new int[] {0, 309, 548}, Cores.synaptic(s, 1, 0));
        assertArrayEquals(new int[] {0, 309, 856}, Cores.membrane(s, 1));
    }

    @ParameterizedTest
    @MethodSource("cores")
    void outputSeesHiddenOneStepLateAndFiresAtMostOnce(Function<ChipConfig, XyloCore> core) {
        // Hidden spikes 31, 24, 10 at t0..t2; w_out = 100, output dashes 15, threshold 1000.
        // t1: isyn 3100 -> 3099, v 3099: one spike only (3 thresholds' worth), v = 2099.
        // t2: isyn 3099 + 2400 -> 5498; v = 2099 - 1 + 5498 = 7596 -> 1 spike -> 6596.
        // t3: isyn 5498 + 1000 -> 6497; v = 6596 - 1 + 6497 = 13092 -> 1 spike -> 12092.
        TestNet net = new TestNet(1, 1, 1, 1).shifts(6, 0, 0).win(0, 0, 0, 125).hidden(0, 1, 1, 100, 0)
                .wout(0, 0, 100).output(0, 15, 15, 1000, 0);
        EmulationResult r = run(core, net, 4, new SpikeEvent(0, 0, 1));
        assertEquals(List.of("1:0:1", "2:0:1", "3:0:1"), Cores.events(r.outputs()));
        assertArrayEquals(new int[] {0, 3099, 5498, 6497}, Cores.outputSynaptic(r.states(), 0));
        assertArrayEquals(new int[] {0, 2099, 6596, 12092}, Cores.outputMembrane(r.states(), 0));
    }

    @ParameterizedTest
    @MethodSource("cores")
    void outputBias(Function<ChipConfig, XyloCore> core) {
        // bias_out 7, dash_mem_out 15, threshold 20: 7; 7-1+7 = 13; 19; 25 -> spike -> 5; 5-1+7 = 11.
        TestNet net = new TestNet(1, 1, 1, 1).output(0, 15, 15, 20, 7);
        EmulationResult r = run(core, net, 5);
        assertArrayEquals(new int[] {7, 13, 19, 5, 11}, Cores.outputMembrane(r.states(), 0));
        assertEquals(List.of("3:0:1"), Cores.events(r.outputs()));
    }

    @ParameterizedTest
    @MethodSource("cores")
    void aliasCopiesAddInEvolutionOrder(Function<ChipConfig, XyloCore> core) {
        // Own spikes at t0 (shift 4, dash_syn 1, threshold 100): h0 50<<4 = 800 -> 400 -> 4; h1 400 -> 200 -> 2;
        // h2 1200 -> 600 -> 6. Aliases 0->1, 1->2, 2->0.
        // h0: 0 + 4 = 4, gives 4 to h1. h1: 4 + 2 = 6, gives 6 to h2. h2: 6 + 6 = 12, gives 12 to h0 (already
        // evolved): h0 = 16. h1 does not see h0's late copy.
        TestNet net = new TestNet(3, 3, 1, 1).shifts(4, 0, 0).win(0, 0, 0, 50).win(1, 1, 0, 25).win(2, 2, 0, 75)
                .hidden(0, 15, 1, 100, 0).hidden(1, 15, 1, 100, 0).hidden(2, 15, 1, 100, 0)
                .alias(0, 1).alias(1, 2).alias(2, 0);
        EmulationResult r = run(core, net, 1, new SpikeEvent(0, 0, 1), new SpikeEvent(0, 1, 1), new SpikeEvent(0, 2, 1));
        assertEquals(List.of("0:0:16", "0:1:6", "0:2:12"), Cores.events(r.hidden()));
        assertArrayEquals(new int[] {0, 0, 0}, r.states().membrane(0));
    }

    @ParameterizedTest
    @MethodSource("cores")
    void aliasCopiesCountTowardsTheTargetsLimit(Function<ChipConfig, XyloCore> core) {
        // h0 fires 31 (the 40-spikes case) and copies them to h1, whose count starts at 31: its own 8
        // thresholds' worth (25<<6 = 1600 -> 800) cannot fire, so its membrane keeps 800.
        // The aliased 31 reach the output at t1 through h1's output weight as well.
        TestNet net = new TestNet(2, 2, 1, 1).shifts(6, 0, 0).win(0, 0, 0, 125).win(1, 1, 0, 25)
                .hidden(0, 1, 1, 100, 0).hidden(1, 15, 1, 100, 0).alias(0, 1)
                .wout(1, 0, 1).output(0, 15, 15, 32767, 0);
        EmulationResult r = run(core, net, 2, new SpikeEvent(0, 0, 1), new SpikeEvent(0, 1, 1));
        assertEquals(800, r.states().membrane(0, 1));
        assertEquals(List.of("0:0:31", "0:1:31"), Cores.events(r.hidden()).subList(0, 2));
        assertEquals(30, r.states().outputSynaptic(1, 0)); // 31 x 1, decayed by 1
    }

    @ParameterizedTest
    @MethodSource("cores")
    void selfAliasDoublesTheCountUpToTheLimit(Function<ChipConfig, XyloCore> core) {
        // h0 fires 4 (800 -> 400, threshold 100) and copies them to itself: 8. h1 fires 24 -> 31 (clipped).
        TestNet net = new TestNet(2, 2, 1, 1).shifts(4, 0, 0).win(0, 0, 0, 50).win(1, 1, 0, 75)
                .hidden(0, 15, 1, 100, 0).hidden(1, 15, 1, 25, 0).alias(0, 0).alias(1, 1);
        EmulationResult r = run(core, net, 1, new SpikeEvent(0, 0, 1), new SpikeEvent(0, 1, 1));
        assertEquals(List.of("0:0:8", "0:1:31"), Cores.events(r.hidden()));
    }

    @ParameterizedTest
    @MethodSource("cores")
    void weightShiftsScaleEachMatrix(Function<ChipConfig, XyloCore> core) {
        // w_in 3 << 5 = 96 -> dash 15 -> 95 on h0 (threshold 90: 1 spike, v 5).
        // t1: h1 gets w_rec 2 << 3 = 16 -> 15; output gets w_out -1 << 7 = -128 -> -127.
        TestNet net = new TestNet(1, 2, 1, 1).shifts(5, 3, 7).win(0, 0, 0, 3).hidden(0, 15, 15, 90, 0)
                .wrec(0, 1, 0, 2).wout(0, 0, -1);
        StateTrace s = run(core, net, 2, new SpikeEvent(0, 0, 1)).states();
        assertEquals(95, s.synaptic(0, 0, 0));
        assertEquals(5, s.membrane(0, 0));
        assertEquals(15, s.synaptic(1, 1, 0));
        assertEquals(-127, s.outputSynaptic(1, 0));
    }
}
