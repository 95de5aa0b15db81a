package dev.spikeloop.runtime.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class LearningRateScheduleTest {
    @Test
    void stepDecay() {
        var s = new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 0.01, 0.5, 10);
        assertEquals(0.01, s.rate(0));
        assertEquals(0.01, s.rate(9));
        assertEquals(0.005, s.rate(10));
        assertEquals(0.0025, s.rate(25));
    }

    @Test
    void cosineGoesFromInitialToFinal() {
        var s = LearningRateSchedule.cosine(0.01, 0.1, 100);
        assertEquals(0.01, s.rate(0), 1e-15);
        assertEquals(0.0055, s.rate(50), 1e-12);
        assertEquals(0.001, s.rate(100), 1e-15);
        assertEquals(0.001, s.rate(150), 1e-15);
        assertTrue(s.rate(30) > s.rate(31));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(0));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(0.1, 1.5, 10));
    }
}
