package dev.spikeloop.runtime.loop;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sample too long to hold in memory is refused before any run, with the limit and the need. */
class ChipLayoutMemoryTest {
    private static final long FOUR_GB = 4_000_000_000L;

    @Test
    void aYinYangSampleFits() {
        assertDoesNotThrow(() -> ChipLayout.requireMemory(0.001, 0.04, 41, 123, FOUR_GB));
    }

    @Test
    void aMillionSecondSampleIsRefusedWithTheNumbers() {
        int steps = ChipLayout.stepsFor(1e6, 0.001, 0.75);
        String m = assertThrows(IllegalArgumentException.class,
                () -> ChipLayout.requireMemory(0.001, 1e6, steps, 123, FOUR_GB)).getMessage();
        assertTrue(m.startsWith("tEnd = 1.00000e+06 s at dt = 0.00100000 s is 1000000001 steps per sample: one "
                + "sample's spikes (123 neurons) may need up to 1.48e+03 GB of memory, more than a quarter of the "
                + "4.00 GB this JVM may use (at most 677506 steps)"), m);
        assertThrows(IllegalArgumentException.class,
                () -> ChipLayout.requireMemory(0.001, 1e12, ChipLayout.stepsFor(1e12, 0.001, 0.75), 123, FOUR_GB));
    }
}
