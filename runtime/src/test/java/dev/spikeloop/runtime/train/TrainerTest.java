package dev.spikeloop.runtime.train;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.data.YinYang;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.runtime.fp.GradientMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Short training runs on small Yin-Yang sets (seconds); the full run is a benchmark (docs/benchmarks.md). */
class TrainerTest {
    private static final SpikeEncoder ENC = SpikeEncoder.DEFAULT;
    private static final LabelledDataset TRAIN = YinYang.generate(300, 42);
    private static final LabelledDataset VALIDATION = YinYang.generate(300, 41);
    private static final NetworkShape SHAPE = NetworkShape.of(5, new int[] {30}, 3);

    private static TrainingOptions options(int epochs, int threads) {
        return new TrainingOptions(epochs, 20, LearningRateSchedule.cosine(0.02, 0.05, epochs), 0.0025, 0.003, 0.010,
                20.0, 5.0, 0.0, GradientMode.ADJOINT, threads, 7, WeightInit.Settings.DEFAULT, 0.0);
    }

    @Test
    void initialisationMakesNeuronsFire() {
        try (WorkerPool pool = new WorkerPool(2)) {
            FloatNetwork net = new Trainer(options(1, 2)).initialNetwork(SHAPE, TRAIN, ENC, pool);
            var probe = ENC.encodeAll(TRAIN.head(100));
            double hidden = WeightInit.firingFraction(net, probe, 0, pool);
            double out = WeightInit.firingFraction(net, probe, 1, pool);
            assertEquals(0.7, hidden, 0.1, "hidden firing fraction");
            assertEquals(0.95, out, 0.1, "output firing fraction");
        }
    }

    @Test
    void shortTrainingLowersTheLossAndBeatsChanceByAWideMargin() {
        try (WorkerPool pool = new WorkerPool(2)) {
            Trainer trainer = new Trainer(options(15, 2));
            FloatNetwork initial = trainer.initialNetwork(SHAPE, TRAIN, ENC, pool);
            FloatEvaluator.Result before = new FloatEvaluator(initial, ENC, 0.0025, pool).evaluateWithLoss(VALIDATION);
            TrainingResult r = trainer.train(initial, TRAIN, VALIDATION, ENC, null, false, TrainingListener.NONE, pool);
            FloatEvaluator.Result after = new FloatEvaluator(r.best(), ENC, 0.0025, pool).evaluateWithLoss(VALIDATION);
            List<EpochStats> h = r.history();
            assertEquals(15, h.size());
            assertTrue(h.get(h.size() - 1).trainLoss() < 0.8 * h.get(0).trainLoss(),
                    "training loss " + h.get(0).trainLoss() + " -> " + h.get(h.size() - 1).trainLoss());
            assertTrue(after.meanLoss() < before.meanLoss(), "validation loss " + before.meanLoss() + " -> " + after.meanLoss());
            // chance is 1/3 (balanced classes)
            assertTrue(after.evaluation().accuracy() > 0.65, "validation accuracy " + after.evaluation().accuracy());
            assertEquals(r.bestValidationAccuracy(), after.evaluation().accuracy(), 1e-12);
        }
    }

    @Test
    void resultDoesNotDependOnTheThreadCount() {
        TrainingResult one;
        TrainingResult two;
        try (WorkerPool pool = new WorkerPool(1)) {
            Trainer t = new Trainer(options(2, 1));
            one = t.train(t.initialNetwork(SHAPE, TRAIN, ENC, pool), TRAIN, VALIDATION, ENC, null, false,
                    TrainingListener.NONE, pool);
        }
        try (WorkerPool pool = new WorkerPool(2)) {
            Trainer t = new Trainer(options(2, 2));
            two = t.train(t.initialNetwork(SHAPE, TRAIN, ENC, pool), TRAIN, VALIDATION, ENC, null, false,
                    TrainingListener.NONE, pool);
        }
        assertEquals(one.last(), two.last());
        assertEquals(one.best(), two.best());
    }

    @Test
    void inputJitterChangesTrainingReproduciblyWhateverTheThreadCount() {
        TrainingOptions jittered = options(2, 1).withInputJitter(0.0005);
        TrainingResult plain;
        TrainingResult one;
        TrainingResult two;
        try (WorkerPool pool = new WorkerPool(1)) {
            FloatNetwork initial = new Trainer(options(2, 1)).initialNetwork(SHAPE, TRAIN, ENC, pool);
            plain = new Trainer(options(2, 1)).train(initial, TRAIN, VALIDATION, ENC, null, false,
                    TrainingListener.NONE, pool);
            one = new Trainer(jittered).train(initial, TRAIN, VALIDATION, ENC, null, false, TrainingListener.NONE, pool);
        }
        try (WorkerPool pool = new WorkerPool(2)) {
            Trainer t = new Trainer(jittered.withThreads(2));
            two = t.train(t.initialNetwork(SHAPE, TRAIN, ENC, pool), TRAIN, VALIDATION, ENC, null, false,
                    TrainingListener.NONE, pool);
        }
        assertEquals(one.last(), two.last());
        assertNotEquals(plain.last(), one.last(), "the jitter must reach the training samples");
        assertThrows(IllegalArgumentException.class, () -> options(1, 1).withInputJitter(-1e-4));
        assertThrows(IllegalArgumentException.class, () -> options(1, 1).withInputJitter(Double.NaN));
    }

    @Test
    void theForwardModelIsWhatIsTrainedAndValidated(@TempDir Path dir) {
        // A forward model that halves the output weights: the shadow network differs from what runs.
        ForwardModel halfOutput = new ForwardModel("half-output", net -> {
            int last = net.layerCount() - 1;
            double[][] w = net.outputLayer().weights().clone();
            for (int i = 0; i < w.length; i++) {
                w[i] = w[i].clone();
                for (int j = 0; j < w[i].length; j++) {
                    w[i][j] *= 0.5;
                }
            }
            return net.withLayer(last, net.outputLayer().withWeights(w, null));
        });
        try (WorkerPool pool = new WorkerPool(2)) {
            Trainer trainer = new Trainer(options(4, 2), halfOutput);
            FloatNetwork initial = trainer.initialNetwork(SHAPE, TRAIN, ENC, pool);
            Path ckpt = dir.resolve("m.ckpt");
            TrainingResult r = trainer.train(initial, TRAIN, VALIDATION, ENC, ckpt, false, TrainingListener.NONE, pool);
            double run = new FloatEvaluator(halfOutput.apply(r.best()), ENC, 0.0025, pool).evaluate(VALIDATION).accuracy();
            double shadow = new FloatEvaluator(r.best(), ENC, 0.0025, pool).evaluate(VALIDATION).accuracy();
            assertEquals(run, r.bestValidationAccuracy(), 1e-12, "validation runs the forward model");
            assertNotEquals(shadow, run, "the shadow network alone classifies differently");
            // Training compensates the halving: the shadow output weights grow against a float run's.
            TrainingResult plain = new Trainer(options(4, 2)).train(initial, TRAIN, VALIDATION, ENC, null, false,
                    TrainingListener.NONE, pool);
            assertTrue(rms(r.last().outputLayer().weights()) > 1.1 * rms(plain.last().outputLayer().weights()),
                    rms(r.last().outputLayer().weights()) + " vs " + rms(plain.last().outputLayer().weights()));
            // A checkpoint of one forward model does not resume a run of another.
            var e = assertThrows(IllegalArgumentException.class, () -> new Trainer(options(4, 2))
                    .train(initial, TRAIN, VALIDATION, ENC, ckpt, true, TrainingListener.NONE, pool));
            assertTrue(e.getMessage().contains("other settings"), e.getMessage());
        }
    }

    private static double rms(double[][] m) {
        return dev.spikeloop.runtime.fp.ParameterVector.rms(m);
    }

    @Test
    void resumingFromACheckpointGivesTheUninterruptedResult(@TempDir Path dir) {
        Path ckpt = dir.resolve("model.json.ckpt");
        try (WorkerPool pool = new WorkerPool(2)) {
            Trainer t = new Trainer(options(3, 2));
            FloatNetwork init = t.initialNetwork(SHAPE, TRAIN, ENC, pool);
            TrainingResult straight = t.train(init, TRAIN, VALIDATION, ENC, null, false, TrainingListener.NONE, pool);

            // "Kill" the run after its second epoch (the checkpoint of that epoch is already on disk).
            TrainingListener killer = new TrainingListener() {
                @Override
                public void epochDone(EpochStats stats, boolean best) {
                    if (stats.epoch() == 1) {
                        throw new IllegalStateException("killed");
                    }
                }
            };
            assertThrows(IllegalStateException.class,
                    () -> t.train(init, TRAIN, VALIDATION, ENC, ckpt, false, killer, pool));
            assertTrue(Files.exists(ckpt));
            assertEquals(2, Checkpoint.read(ckpt).epochsDone());

            int[] firstEpoch = {-1};
            TrainingResult resumed = t.train(init, TRAIN, VALIDATION, ENC, ckpt, true, new TrainingListener() {
                @Override
                public void started(int first, int epochs, int batches) {
                    firstEpoch[0] = first;
                }
            }, pool);
            assertEquals(2, firstEpoch[0]);
            assertEquals(straight.last(), resumed.last());
            assertEquals(straight.best(), resumed.best());
            assertEquals(straight.bestEpoch(), resumed.bestEpoch());
            assertEquals(straight.history().size(), resumed.history().size());
            for (int e = 0; e < 3; e++) {
                assertEquals(straight.history().get(e).trainLoss(), resumed.history().get(e).trainLoss());
                assertEquals(straight.history().get(e).validationAccuracy(), resumed.history().get(e).validationAccuracy());
            }

            // A checkpoint of other settings is refused with a clear message.
            Trainer other = new Trainer(new TrainingOptions(3, 10, LearningRateSchedule.constant(0.01), 0.0025, 0, 0.01,
                    5.0, 0.02, 5.0, GradientMode.ADJOINT, 2, 7, WeightInit.Settings.DEFAULT, 0.0));
            var e = assertThrows(IllegalArgumentException.class,
                    () -> other.train(init, TRAIN, VALIDATION, ENC, ckpt, true, TrainingListener.NONE, pool));
            assertTrue(e.getMessage().contains("other settings"), e.getMessage());
        }
    }

    @Test
    void labelsBeyondTheOutputsAreRejected() {
        LabelledDataset bad = LabelledDataset.plane(new double[][] {{0.5, 0.5}}, new int[] {3});
        try (WorkerPool pool = new WorkerPool(1)) {
            Trainer t = new Trainer(options(1, 1));
            FloatNetwork init = SHAPE.build(List.of(new double[30][5], new double[3][30]));
            var e = assertThrows(IllegalArgumentException.class,
                    () -> t.train(init, bad, null, ENC, null, false, TrainingListener.NONE, pool));
            assertTrue(e.getMessage().contains("label 3"), e.getMessage());
        }
    }
}
