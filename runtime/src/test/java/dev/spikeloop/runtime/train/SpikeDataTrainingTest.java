package dev.spikeloop.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.data.EncodedFeatures;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.data.YinYang;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.network.spikedata.SpikeSample;
import dev.spikeloop.network.spikedata.SpikeTrainDataset;
import dev.spikeloop.runtime.fp.GradientMode;
import dev.spikeloop.runtime.loop.LoopData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Training and evaluation through the {@code LabelledSpikes} seam: feature CSVs and spike data sets alike. */
class SpikeDataTrainingTest {

    private static TrainingOptions options(int epochs) {
        return options(epochs, 10);
    }

    private static TrainingOptions options(int epochs, int batch) {
        return new TrainingOptions(epochs, batch, LearningRateSchedule.cosine(0.02, 0.05, epochs), 0.0025, 0.003, 0.010,
                20.0, 5.0, 0.0, GradientMode.ADJOINT, 2, 3, WeightInit.Settings.DEFAULT, 0.0);
    }

    @Test
    void theSeamChangesNothingForFeatureData() {
        LabelledDataset train = YinYang.generate(100, 42);
        LabelledDataset val = YinYang.generate(30, 41);
        NetworkShape shape = NetworkShape.of(5, new int[] {30}, 3);
        try (WorkerPool pool = new WorkerPool(2)) {
            Trainer t = new Trainer(options(2, 20));
            FloatNetwork a0 = t.initialNetwork(shape, train, SpikeEncoder.DEFAULT, pool);
            FloatNetwork b0 = t.initialNetwork(shape, new EncodedFeatures(train, SpikeEncoder.DEFAULT), pool);
            assertEquals(a0, b0);
            TrainingResult a = t.train(a0, train, val, SpikeEncoder.DEFAULT, null, false, TrainingListener.NONE, pool);
            TrainingResult b = t.train(b0, new EncodedFeatures(train, SpikeEncoder.DEFAULT),
                    new EncodedFeatures(val, SpikeEncoder.DEFAULT), null, false, TrainingListener.NONE, pool);
            assertEquals(a.best(), b.best());
            assertEquals(a.history().get(1).trainLoss(), b.history().get(1).trainLoss(), 0.0);
        }
    }

    /** Two classes told apart by which pair of channels bursts first; several spikes per channel. */
    private static SpikeTrainDataset bursts(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<SpikeSample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            List<double[]> spikes = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                int early = 2 * label + r.nextInt(2);
                int late = 2 * (1 - label) + r.nextInt(2);
                spikes.add(new double[] {0.002 + 0.001 * k + 0.0005 * r.nextDouble(), early});
                spikes.add(new double[] {0.012 + 0.001 * k + 0.0005 * r.nextDouble(), late});
            }
            spikes.sort((x, y) -> Double.compare(x[0], y[0]));
            double[] t = spikes.stream().mapToDouble(s -> s[0]).toArray();
            int[] c = spikes.stream().mapToInt(s -> (int) s[1]).toArray();
            samples.add(new SpikeSample(t, c, label, "spk" + (i % 3), "s" + i));
        }
        return SpikeTrainDataset.of(4, List.of("a", "b"), samples);
    }

    @Test
    void aMultiSpikeDataSetTrainsWithTheFirstSpikeRule() {
        SpikeTrainDataset train = bursts(80, 1);
        SpikeTrainDataset val = bursts(40, 2);
        NetworkShape shape = new NetworkShape(4, new int[] {12}, 2, 0.005, 0.010, 1.0, 0.040);
        try (WorkerPool pool = new WorkerPool(2)) {
            Trainer t = new Trainer(options(10));
            FloatNetwork init = t.initialNetwork(shape, train, pool);
            TrainingResult r = t.train(init, train, val, null, false, TrainingListener.NONE, pool);
            Evaluation e = new FloatEvaluator(r.best(), SpikeEncoder.DEFAULT, 0.0025, pool).evaluate(val);
            assertTrue(e.accuracy() >= 0.9, "validation accuracy " + e.accuracy());
            assertEquals(r.bestValidationAccuracy(), e.accuracy(), 1e-12);
            var bad = assertThrows(IllegalArgumentException.class, () -> t.train(init,
                    SpikeTrainDataset.of(5, List.of(), train.samples()), null, null, false, TrainingListener.NONE, pool));
            assertTrue(bad.getMessage().contains("5 input channels"), bad.getMessage());
        }
    }

    @Test
    void theCountRuleTrainsARecurrentNetworkAndKeepsItsSparseMask() {
        SpikeTrainDataset train = bursts(80, 1);
        SpikeTrainDataset val = bursts(40, 2);
        NetworkShape shape = new NetworkShape(4, new int[] {12}, 2, 0.005, 0.010, 1.0, 0.040);
        CountRule rule = new CountRule(1.0, 0.05, 0.001);
        try (WorkerPool pool = new WorkerPool(2)) {
            Trainer t = new Trainer(options(10), ForwardModel.FLOAT, rule);
            FloatNetwork init = SparseRecurrence.add(t.initialNetwork(shape, train, pool), 3, 0.5, 7);
            double[][] rec0 = init.layer(0).recurrent();
            for (double[] row : rec0) {
                assertEquals(3, java.util.Arrays.stream(row).filter(w -> w != 0).count());
            }
            TrainingResult r = t.train(init, train, val, null, false, TrainingListener.NONE, pool);
            double[][] rec = r.best().layer(0).recurrent();
            int changed = 0;
            for (int i = 0; i < rec.length; i++) {
                for (int j = 0; j < rec.length; j++) {
                    if (rec0[i][j] == 0) {
                        assertEquals(0.0, rec[i][j], 0.0, "masked recurrent weight " + i + "," + j + " moved");
                    } else if (rec[i][j] != rec0[i][j]) {
                        changed++;
                    }
                }
            }
            assertTrue(changed > 0, "no recurrent weight was trained");
            Evaluation e = new FloatEvaluator(r.best(), SpikeEncoder.DEFAULT, rule, pool).evaluate(val);
            assertTrue(e.accuracy() >= 0.9, "validation accuracy " + e.accuracy());
            assertEquals(r.bestValidationAccuracy(), e.accuracy(), 1e-12);
        }
        FloatNetwork plain = shape.build(java.util.List.of(new double[12][4], new double[2][12]));
        var tooMany = assertThrows(IllegalArgumentException.class, () -> SparseRecurrence.add(plain, 12, 0.5, 1));
        assertTrue(tooMany.getMessage().contains("--recurrent 12"), tooMany.getMessage());
    }

    @Test
    void initialisationSurvivesDenseInputThatRunsAwayAtHighGain() {
        // 4 channels, 15 spikes every 10 ms for 2 s: at a high trial gain an output fires without bound
        List<dev.spikeloop.network.InputSpikes> probe = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            double[][] t = new double[4][];
            for (int c = 0; c < 4; c++) {
                t[c] = new double[15 * 200];
                for (int k = 0; k < t[c].length; k++) {
                    t[c][k] = 0.010 * (k / 15) + 0.001 * s;
                }
            }
            probe.add(new dev.spikeloop.network.InputSpikes(t));
        }
        NetworkShape shape = new NetworkShape(4, new int[] {6}, 2, 0.005, 0.010, 1.0, 2.1);
        try (WorkerPool pool = new WorkerPool(2)) {
            FloatNetwork net = WeightInit.calibrated(shape, probe, 1, WeightInit.Settings.DEFAULT, pool);
            double hidden = WeightInit.firingFraction(net, probe, 0, pool);
            assertTrue(hidden > 0.3 && hidden <= 1.0, "hidden firing fraction " + hidden);
        }
    }

    @Test
    void theChipGridRefusesMoreSpikesPerStepThanTheChipTakes() {
        double[] t = new double[16];
        Arrays.fill(t, 0.0101);
        int[] c = new int[16];
        SpikeTrainDataset d = SpikeTrainDataset.of(2, List.of(), List.of(
                SpikeSample.of(new double[] {0.001}, new int[] {1}, 0), SpikeSample.of(t, c, 1)));
        var e = assertThrows(IllegalArgumentException.class, () -> LoopData.encode(d, 0.01, 15));
        assertTrue(e.getMessage().contains("sample 1: channel 0 gets more than 15 spikes in step 1"), e.getMessage());
        LoopData ok = LoopData.encode(d, 0.01, 16);
        assertEquals(2, ok.size());
        assertEquals(16, ok.get(1).raster().countAt(1, 0));
        assertEquals(0.0, ok.get(0).chipInputs().times(1)[0], 0.0);
    }
}
