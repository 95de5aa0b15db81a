package dev.spikeloop.runtime.train;

import dev.spikeloop.runtime.fp.GuardCounts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one epoch loop with a made-up task: best-epoch rule, frozen parameters, resume. */
class EpochLoopTest {

    /** Gradient p - target (a quadratic bowl); validation scores come from a fixed list. */
    private static final class Bowl implements EpochLoop.Task {
        final double[] scores;
        final List<EpochLoop.EpochReport> reports = new ArrayList<>();
        final List<EpochLoop.State> states = new ArrayList<>();
        final List<int[]> batches = new ArrayList<>();

        Bowl(double... scores) {
            this.scores = scores;
        }

        @Override
        public BatchGradient batch(double[] params, int epoch, int[] batch) {
            batches.add(batch.clone());
            double[] g = new double[params.length];
            for (int k = 0; k < g.length; k++) {
                g[k] = params[k] - 1;
            }
            return new BatchGradient(g, 0.5 * batch.length, batch.length, batch.length, GuardCounts.NONE, 0, 0);
        }

        @Override
        public EpochLoop.Score validate(double[] params, int epoch) {
            return scores.length == 0 ? null : new EpochLoop.Score(0, scores[epoch]);
        }

        @Override
        public void epochDone(EpochLoop.EpochReport report, EpochLoop.State state) {
            reports.add(report);
            states.add(state);
        }
    }

    private static EpochLoop.Settings settings(int epochs, boolean[] frozen) {
        return new EpochLoop.Settings(epochs, 3, e -> 0.1, e -> 7 + e, new double[] {1, 2, 1}, frozen);
    }

    @Test
    void theBestEpochMustBeatTheStartAndTiesKeepTheEarlier() {
        Bowl task = new Bowl(0.5, 0.8, 0.8, 0.7);
        EpochLoop.State end = EpochLoop.run(task, settings(4, null), EpochLoop.State.start(new double[3], 0.6), 7,
                new EpochProgress() {
                });
        assertEquals(1, end.bestEpoch());
        assertEquals(0.8, end.bestScore());
        assertArrayEquals(task.states.get(1).params(), end.best());
        assertEquals(List.of(false, true, false, false), task.reports.stream().map(EpochLoop.EpochReport::isBest).toList());
        assertEquals(0.5, task.reports.get(0).stats().trainLoss(), 1e-12);
        // 7 samples in batches of 3: 3, 3, 1 per epoch, every sample once.
        assertEquals(3 * 4, task.batches.size());
        assertEquals(1, task.batches.get(2).length);
    }

    @Test
    void withoutValidationTheLastEpochIsTheBestAndFrozenParametersStay() {
        Bowl task = new Bowl();
        EpochLoop.State end = EpochLoop.run(task, settings(3, new boolean[] {false, true, false}),
                EpochLoop.State.start(new double[3], Double.NEGATIVE_INFINITY), 5, new EpochProgress() {
                });
        assertEquals(2, end.bestEpoch());
        assertTrue(Double.isNaN(end.bestScore()));
        assertEquals(0.0, end.params()[1]);
        assertTrue(end.params()[0] > 0 && end.params()[2] > 0, "the others move towards 1");
        assertArrayEquals(end.params(), end.best());
    }

    @Test
    void aResumedRunEqualsTheUninterruptedOne() {
        EpochLoop.State whole = EpochLoop.run(new Bowl(0.1, 0.3, 0.2, 0.4), settings(4, null),
                EpochLoop.State.start(new double[3], 0), 8, new EpochProgress() {
                });
        Bowl first = new Bowl(0.1, 0.3, 0.2, 0.4);
        EpochLoop.run(first, settings(2, null), EpochLoop.State.start(new double[3], 0), 8, new EpochProgress() {
        });
        EpochLoop.State resumed = EpochLoop.run(new Bowl(0.1, 0.3, 0.2, 0.4), settings(4, null),
                first.states.get(1), 8, new EpochProgress() {
                });
        assertArrayEquals(whole.params(), resumed.params());
        assertArrayEquals(whole.best(), resumed.best());
        assertEquals(whole.bestEpoch(), resumed.bestEpoch());
        assertEquals(3, resumed.bestEpoch());
    }

    @Test
    void theShuffleIsAPermutationFixedByItsSeed() {
        int[] a = EpochLoop.shuffle(50, 11);
        assertArrayEquals(a, EpochLoop.shuffle(50, 11));
        assertArrayEquals(java.util.stream.IntStream.range(0, 50).toArray(), java.util.Arrays.stream(a).sorted().toArray());
        assertTrue(!java.util.Arrays.equals(a, EpochLoop.shuffle(50, 12)));
    }
}
