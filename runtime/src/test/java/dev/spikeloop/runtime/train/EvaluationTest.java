package dev.spikeloop.runtime.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class EvaluationTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void firstSpikeWinsTiesGoToTheLowestIndexSilentIsNone() {
        assertEquals(new FirstSpikeReadout.Decision(1, false), FirstSpikeReadout.decide(new double[] {0.02, 0.01, 0.03}));
        assertEquals(new FirstSpikeReadout.Decision(0, true), FirstSpikeReadout.decide(new double[] {0.01, 0.01, INF}));
        assertEquals(new FirstSpikeReadout.Decision(1, false), FirstSpikeReadout.decide(new double[] {Double.NaN, 0.05, INF}));
        assertEquals(new FirstSpikeReadout.Decision(-1, false), FirstSpikeReadout.decide(new double[] {INF, Double.NaN, INF}));
        // a tie among later spikes is not a tie of the decision
        assertEquals(new FirstSpikeReadout.Decision(2, false), FirstSpikeReadout.decide(new double[] {0.03, 0.03, 0.01}));
    }

    @Test
    void confusionMatrixCountsAndFormats() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        m.add(0, 0, false);
        m.add(0, 1, false);
        m.add(1, 1, true);
        m.add(2, FirstSpikeReadout.SILENT, false);
        ConfusionMatrix other = new ConfusionMatrix(3);
        other.add(2, 2, false);
        m.add(other);
        Evaluation e = m.result();
        assertEquals(5, e.total());
        assertEquals(3, e.correct());
        assertEquals(1, e.silent());
        assertEquals(1, e.ties());
        assertEquals(0.6, e.accuracy(), 1e-15);
        assertArrayEquals(new int[] {0, 0, 1, 1}, e.confusion()[2]);
        String text = e.format(List.of("yin", "yang", "dot"));
        assertTrue(text.contains("accuracy: 60.00% (3 of 5)"), text);
        assertTrue(text.contains("none"), text);
        assertThrows(IllegalArgumentException.class, () -> m.add(3, 0, false));
    }
}
