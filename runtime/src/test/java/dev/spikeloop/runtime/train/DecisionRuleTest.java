package dev.spikeloop.runtime.train;

import dev.spikeloop.runtime.fp.CountLoss;
import dev.spikeloop.runtime.fp.TtfsLoss;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two decision rules on hand-made output spike times. */
class DecisionRuleTest {
    private final CountRule count = new CountRule(1.0, 0.05, 0.001);

    @Test
    void countRuleTakesTheLargestTimeWeightedCount() {
        // output 0: one early spike (score 0.9); output 1: three late ones (0.3 + 0.2 + 0.1 = 0.6); output 2: none
        double[][] out = {{0.1}, {0.7, 0.8, 0.9}, {}};
        FirstSpikeReadout.Decision d = count.decide(out, 1.0);
        assertEquals(0, d.predicted());
        assertFalse(d.tie());
        // the first-spike rule agrees here, but not when the late output fires more often and earlier overall
        double[][] out2 = {{0.1}, {0.15, 0.2, 0.3}, {}};
        assertEquals(1, count.decide(out2, 1.0).predicted());
        assertEquals(0, new FirstSpikeRule(0.001, 0, 1).decide(out2, 1.0).predicted());
    }

    @Test
    void countRuleTiesGoToTheLowestIndexAndAreMarked() {
        double[][] out = {{}, {0.5}, {0.5}};
        FirstSpikeReadout.Decision d = count.decide(out, 1.0);
        assertEquals(1, d.predicted());
        assertTrue(d.tie());
    }

    @Test
    void noSpikeBeforeTheDeadlineIsNoClass() {
        assertEquals(FirstSpikeReadout.SILENT, count.decide(new double[][] {{}, {1.0, 1.5}}, 1.0).predicted());
        assertEquals(FirstSpikeReadout.SILENT, count.decide(new double[][] {{}, {}}, 1.0).predicted());
    }

    @Test
    void lossesAndPenaltyMatchTheRule() {
        assertInstanceOf(CountLoss.class, count.loss(3, 1.0));
        assertEquals(3, ((CountLoss) count.loss(3, 1.0)).label());
        assertTrue(count.penalty() != null);
        assertNull(new CountRule(1.0, 0, 0.001).penalty());
        assertInstanceOf(TtfsLoss.class, new FirstSpikeRule(0.001, 0.003, 0.01).loss(1, 0.04));
        assertThrows(IllegalArgumentException.class, () -> new CountRule(0, 0, 0.001));
        assertThrows(IllegalArgumentException.class, () -> new CountRule(1, -1, 0.001));
    }
}
