package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.InputSpikes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Windows of a sample's span: span, class layout, and the chip's per-step window means. */
class ReadoutWindowsTest {

    @Test
    void theSpanIsTheLastInputSpikeBoundedByTheRun() {
        InputSpikes in = InputSpikes.ofTimes(new double[] {0.01, 0.2}, new double[] {0.35}, new double[0]);
        assertEquals(0.35, ReadoutWindows.span(in, 1.0));
        assertEquals(0.3, ReadoutWindows.span(in, 0.3), "beyond the run: the run's end");
        assertEquals(0.5, ReadoutWindows.span(InputSpikes.empty(3), 0.5), "no input: the whole run");
        assertEquals(0.5, ReadoutWindows.span(InputSpikes.ofTimes(new double[] {0.0}), 0.5), "a span of 0 has no windows");
    }

    @Test
    void classesOwnConsecutiveOutputsAndWindowsSplitTheSpan() {
        ReadoutWindows w = new ReadoutWindows(3);
        assertEquals(10, w.classes(30));
        assertEquals(2, w.classOf(8));
        assertEquals(0.2, w.start(4, 0.6, 9), 1e-15);   // class 1's second window
        assertEquals(0.4, w.end(4, 0.6, 9), 1e-15);
        assertEquals(0.0, ReadoutWindows.ONE.start(4, 0.6, 9));
        assertEquals(9.0, ReadoutWindows.ONE.end(4, 0.6, 9), "one window: the whole run");
        assertArrayEquals(new double[] {6, 15}, w.classScores(new double[] {1, 2, 3, 4, 5, 6}));
        assertArrayEquals(new double[] {7, 7, 7, -1, -1, -1}, w.outputGradient(new double[] {7, -1}, 6));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.classes(31));
        assertTrue(e.getMessage().contains("3 windows per class do not divide the 31 readout neurons"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ReadoutWindows(0));
    }

    @Test
    void chipScoresAverageTheStepsWhoseTimeFallsInEachWindow() {
        // 2 classes x 2 windows, dt 1 ms, lag 0.75 steps: step s stands for (s + 0.25) ms; span 4 ms, so the
        // first windows hold steps 0..1 (0.25, 1.25 ms), the second steps 2..3 (2.25, 3.25 ms), steps 4.. none
        int[][] m = new int[6][];
        for (int s = 0; s < m.length; s++) {
            m[s] = new int[] {s, 10 * s, -s, 100};
        }
        double[] scores = new ReadoutWindows(2).chipScores(m, 4, 0.004, 0.001, 0.75);
        assertArrayEquals(new double[] {0.5 + 25, -0.5 + 100}, scores, 1e-12);
        // one window: every step
        assertArrayEquals(new double[] {2.5, 25, -2.5, 100}, ReadoutWindows.ONE.chipScores(m, 4, 0.004, 0.001, 0.75),
                1e-12);
    }
}
