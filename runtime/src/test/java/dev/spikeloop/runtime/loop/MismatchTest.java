package dev.spikeloop.runtime.loop;

import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MismatchTest {
    private final Compilation compiled = NetworkCompiler.compile(LoopFixtures.network(5, 16), CompileOptions.defaults());

    @Test
    void parsesAndPrintsTheSameSpec() {
        Mismatch m = Mismatch.parse("dash-mem=+1, threshold=0.95,spread=0.05,seed=3");
        assertEquals(new Mismatch(1, 0, 0.95, 0.05, 3), m);
        assertEquals(m, Mismatch.parse(m.toString()));
        assertSame(Mismatch.NONE, Mismatch.parse("none"));
    }

    @Test
    void badSpecsNameTheProblem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Mismatch.parse("dash=1")).getMessage()
                .contains("unknown key 'dash'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Mismatch.parse("threshold=x")).getMessage()
                .contains("not a number"));
        assertThrows(IllegalArgumentException.class, () -> Mismatch.parse("threshold=0"));
    }

    @Test
    void shiftsDashesAndScalesThresholds() {
        ChipConfig c = compiled.config();
        ChipConfig m = new Mismatch(1, -1, 0.9, 0.0, 0).applyTo(c);
        for (int k = 0; k < c.getDashMemCount(); k++) {
            assertEquals(Math.min(15, c.getDashMem(k) + 1), m.getDashMem(k));
        }
        for (int k = 0; k < c.getDashSynCount(); k++) {
            assertEquals(Math.max(0, c.getDashSyn(k) - 1), m.getDashSyn(k));
        }
        for (int k = 0; k < c.getThresholdCount(); k++) {
            assertEquals(Math.round(c.getThreshold(k) * 0.9), m.getThreshold(k));
        }
        assertEquals(c.getWeightsInList(), m.getWeightsInList());
    }

    @Test
    void aChipKeepsItsPerNeuronOffsetsWhateverIsWritten() {
        Mismatch chip = new Mismatch(0, 0, 1.0, 0.05, 42);
        ChipConfig a = chip.applyTo(compiled.config());
        ChipConfig b = chip.applyTo(compiled.config());
        assertEquals(a, b);
        assertNotEquals(compiled.config().getThresholdList(), a.getThresholdList());
        ChipConfig other = new Mismatch(0, 0, 1.0, 0.05, 43).applyTo(compiled.config());
        assertNotEquals(a.getThresholdList(), other.getThresholdList());
    }

    @Test
    void theHostSeesWhatItWroteTheChipRunsTheMismatch() {
        Mismatch mismatch = new Mismatch(1, 0, 1.0, 0.0, 0);
        EmulatorDevice inner = new EmulatorDevice();
        try (MismatchedDevice d = new MismatchedDevice(inner, mismatch)) {
            d.apply(compiled.config());
            assertEquals(compiled.config(), d.config());
            assertEquals(mismatch.applyTo(compiled.config()), inner.config());
        }
    }
}
