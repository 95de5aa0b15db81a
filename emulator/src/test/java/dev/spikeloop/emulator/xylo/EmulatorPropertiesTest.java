package dev.spikeloop.emulator.xylo;

import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.chipconfig.spikes.EmulationResult;
import dev.spikeloop.chipconfig.spikes.StateTrace;

import dev.spikeloop.chipconfig.proto.ChipConfig;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Properties over random configurations (see {@link RandomNets}). */
class EmulatorPropertiesTest {

    @Property(tries = 400)
    void fastEmulatorEqualsDenseReference(@ForAll long seed, @ForAll boolean recurrent, @ForAll boolean bias,
                                          @ForAll @IntRange(min = 1, max = 80) int steps) {
        ChipConfig c = RandomNets.config(seed, recurrent, bias);
        SpikeRaster input = RandomNets.input(seed, c.getNumInputs(), steps);
        EmulationResult fast = new XyloEmulator(c).run(input, steps, true);
        EmulationResult dense = new DenseReferenceEmulator(c).run(input, steps, true);
        assertEquals(dense.hidden(), fast.hidden(), "hidden spikes");
        assertEquals(dense.outputs(), fast.outputs(), "output spikes");
        assertEquals(dense.states(), fast.states(), "states");
        Statistics.label("hidden").collect(fast.hidden().isEmpty() ? "silent" : "spiking");
        Statistics.label("output").collect(fast.outputs().isEmpty() ? "silent" : "spiking");
        Statistics.label("hidden").coverage(check -> check.check("spiking").percentage(p -> p > 30));
        Statistics.label("output").coverage(check -> check.check("spiking").percentage(p -> p > 20));
    }

    @Property(tries = 200)
    void runSplitInTwoEqualsOneRun(@ForAll long seed, @ForAll @IntRange(min = 2, max = 60) int steps,
                                   @ForAll @IntRange(min = 0, max = 60) int splitAt) {
        int split = Math.min(splitAt, steps);
        ChipConfig c = RandomNets.config(seed, true, true);
        SpikeRaster input = RandomNets.input(seed, c.getNumInputs(), steps);
        for (XyloCore core : new XyloCore[] {new XyloEmulator(c), new DenseReferenceEmulator(c)}) {
            EmulationResult whole = core.run(input, steps, true);
            core.reset();
            EmulationResult first = core.run(input.window(0, split), split, true);
            EmulationResult second = core.run(input.window(split, steps), steps - split, true);
            assertEquals(whole.hidden(), first.hidden().merge(second.hidden().shift(split)), "hidden spikes");
            assertEquals(whole.outputs(), first.outputs().merge(second.outputs().shift(split)), "output spikes");
            for (int t = 0; t < steps; t++) {
                StateTrace part = t < split ? first.states() : second.states();
                int pt = t < split ? t : t - split;
                assertEquals(java.util.Arrays.toString(whole.states().membrane(t)),
                        java.util.Arrays.toString(part.membrane(pt)), "membrane at step " + t);
                assertEquals(java.util.Arrays.toString(whole.states().synaptic(t)),
                        java.util.Arrays.toString(part.synaptic(pt)), "synaptic at step " + t);
                assertEquals(java.util.Arrays.toString(whole.states().outputMembrane(t)),
                        java.util.Arrays.toString(part.outputMembrane(pt)), "output membrane at step " + t);
            }
        }
    }

    @Property(tries = 100)
    void resetMakesARunRepeatable(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int steps) {
        ChipConfig c = RandomNets.config(seed, true, true);
        SpikeRaster input = RandomNets.input(seed, c.getNumInputs(), steps);
        XyloEmulator emu = new XyloEmulator(c);
        EmulationResult a = emu.run(input, steps, true);
        emu.reset();
        EmulationResult b = emu.run(input, steps, true);
        assertEquals(a.hidden(), b.hidden());
        assertEquals(a.outputs(), b.outputs());
        assertEquals(a.states(), b.states());
    }

    /**
     * With no recurrence, no bias and positive thresholds, once the input stops every state reaches
     * exactly 0: each decay moves a non-zero value at least 1 towards 0 (the +-1 floor), so a hidden
     * current is 0 within 32768 steps, a hidden membrane (and so hidden spiking) within 32768 more,
     * then the output current and output membrane within 2 x 32768 more. (dash_mem >= 1: with
     * dash_mem 0 a membrane at -32768 stays there, see GoldenVectorsTest.)
     */
    @Property(tries = 40)
    void withoutInputEveryStateDecaysToZero(@ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int steps) {
        ChipConfig c = RandomNets.quietCandidate(seed);
        XyloEmulator emu = new XyloEmulator(c);
        emu.run(RandomNets.input(seed, c.getNumInputs(), steps), steps, false);
        emu.run(SpikeRaster.empty(), 4 * 32768, false);
        EmulationResult last = emu.run(SpikeRaster.empty(), 1, true);
        assertEquals(0, java.util.Arrays.stream(last.states().membrane(0)).map(Math::abs).sum());
        assertEquals(0, java.util.Arrays.stream(last.states().synaptic(0)).map(Math::abs).sum());
        assertEquals(0, java.util.Arrays.stream(last.states().outputMembrane(0)).map(Math::abs).sum());
        assertEquals(0, java.util.Arrays.stream(last.states().outputSynaptic(0)).map(Math::abs).sum());
        assertEquals(0, last.hidden().size() + last.outputs().size());
    }
}
