package dev.spikeloop.compiler.quantize;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one step type of every command and its one {@code auto} rule. */
class TimeStepTest {
    @Test
    void autoIsTheAdvisorsStepUnderTheOneCeiling() {
        double[] taus = {0.005, 0.010};
        double auto = TimeStep.AUTO.resolve(taus, 15);
        assertEquals(DtAdvisor.autoDt(taus, DtAdvisor.AUTO_CEILING, 15).getAsDouble(), auto, 0);
        assertEquals(DtAdvisor.auto(taus, 15), auto, 0);
        assertTrue(auto <= DtAdvisor.AUTO_CEILING && auto > 0.3e-3, "dt " + auto); // about 0.32 ms (docs/compiler.md)
        assertEquals(0.002, TimeStep.parse("0.002").resolve(taus, 15), 0); // seconds are taken as given
    }

    @Test
    void noStepForTheTimeConstantsIsAClearError() {
        double[] apart = {1e-5, 10.0}; // no step holds both in the decays' range
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeStep.AUTO.resolve(apart, 15));
        assertTrue(e.getMessage().contains("--dt auto") && e.getMessage().contains("give the step explicitly"),
                e.getMessage());
    }

    @Test
    void badTextNamesTheText() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeStep.parse("1ms")).getMessage().contains("'1ms'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeStep.parse("0")).getMessage().contains("> 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeStep.parse("NaN")).getMessage().contains("> 0"));
        assertThrows(IllegalArgumentException.class, () -> new TimeStep(Double.POSITIVE_INFINITY));
        assertEquals("auto", TimeStep.parse("Auto").toString());
    }
}
