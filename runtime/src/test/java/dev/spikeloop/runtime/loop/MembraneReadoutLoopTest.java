package dev.spikeloop.runtime.loop;

import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.compiler.drc.DesignRuleCheck;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.network.spikedata.SpikeSample;
import dev.spikeloop.network.spikedata.SpikeTrainDataset;
import dev.spikeloop.runtime.fp.GradientMode;
import dev.spikeloop.runtime.fp.MembraneReadout;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.SpikeRecord;
import dev.spikeloop.runtime.train.Evaluation;
import dev.spikeloop.runtime.train.FirstSpikeReadout;
import dev.spikeloop.runtime.train.FloatEvaluator;
import dev.spikeloop.runtime.train.LearningRateSchedule;
import dev.spikeloop.runtime.train.MembraneRule;
import dev.spikeloop.runtime.train.NetworkShape;
import dev.spikeloop.runtime.train.SparseRecurrence;
import dev.spikeloop.runtime.train.Trainer;
import dev.spikeloop.runtime.train.TrainingListener;
import dev.spikeloop.runtime.train.TrainingOptions;
import dev.spikeloop.runtime.train.TrainingResult;
import dev.spikeloop.runtime.train.WeightInit;
import dev.spikeloop.runtime.train.WorkerPool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A membrane readout through every stage: chip-aware training of a recurrent network (the quantised forward
 * pass keeps the readout), the design rules, compilation, the emulator's output membranes deciding as the
 * float readout does, and fine-tuning in the loop decided by the device's membranes.
 */
class MembraneReadoutLoopTest {
    private static final double DT = 0.001;
    private static final MembraneRule RULE = new MembraneRule(1.0, 0.05, DT);
    private static SpikeTrainDataset train;
    private static SpikeTrainDataset val;
    private static TrainingResult trained;
    private static CompileOptions compile;

    /** Three classes told apart by which pair of the six channels bursts first; several spikes per channel. */
    static SpikeTrainDataset bursts(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<SpikeSample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % 3;
            int other = (label + 1 + r.nextInt(2)) % 3;
            List<double[]> spikes = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                spikes.add(new double[] {0.002 + 0.0015 * k + 0.001 * r.nextDouble(), 2 * label + r.nextInt(2)});
                spikes.add(new double[] {0.014 + 0.0015 * k + 0.001 * r.nextDouble(), 2 * other + r.nextInt(2)});
            }
            spikes.sort((x, y) -> Double.compare(x[0], y[0]));
            samples.add(new SpikeSample(spikes.stream().mapToDouble(s -> s[0]).toArray(),
                    spikes.stream().mapToInt(s -> (int) s[1]).toArray(), label, "spk" + (i % 3), "s" + i));
        }
        return SpikeTrainDataset.of(6, List.of("a", "b", "c"), samples);
    }

    @BeforeAll
    static void trainChipAware() {
        train = bursts(120, 1);
        val = bursts(60, 2);
        compile = CompileOptions.defaults().withDt(DT).withProfile("xylo-audio3");
        ChipAwareTraining chip = new ChipAwareTraining(compile);
        TrainingOptions options = new TrainingOptions(12, 20, LearningRateSchedule.cosine(0.03, 0.05, 12), 0.0025, 0,
                0.010, 20.0, 5.0, 0.0, GradientMode.ADJOINT, 2, 5, WeightInit.Settings.DEFAULT, 0.0);
        NetworkShape shape = chip.shape(new NetworkShape(6, new int[] {16}, 3, 0.004, 0.008, 1.0, 0.040));
        try (WorkerPool pool = new WorkerPool(2)) {
            Trainer t = new Trainer(chip.options(options), chip.forwardModel(), RULE);
            FloatNetwork init = SparseRecurrence.add(t.initialNetwork(shape, train, pool), 3, 0.5, 7);
            assertFalse(init.outputLayer().isSpiking(), "a rule that reads membranes starts from a membrane readout");
            assertEquals(List.of("hidden", "output"), init.layers().stream().map(l -> l.name()).toList());
            trained = t.train(init, train, val, null, false, TrainingListener.NONE, pool);
        }
    }

    @Test
    void chipAwareTrainingKeepsTheReadoutAndLearns() {
        FloatNetwork best = trained.best();
        assertFalse(best.outputLayer().isSpiking());
        assertTrue(best.layer(0).hasRecurrent());
        assertFalse(NetworkCompiler.compile(best, compile).chipEquivalent().outputLayer().isSpiking(),
                "the quantised forward pass models the readout as the compiler maps it");
        assertTrue(trained.bestValidationAccuracy() >= 0.85, "validation " + trained.bestValidationAccuracy());
        try (WorkerPool pool = new WorkerPool(2)) {
            Evaluation e = new FloatEvaluator(best, SpikeEncoder.DEFAULT, RULE, pool).evaluate(val);
            assertTrue(e.accuracy() >= 0.8, "float accuracy " + e.accuracy());
        }
    }

    @Test
    void theDesignRulesAcceptTheReadoutAndTheEmulatorDecidesAsTheFloatModel() {
        FloatNetwork best = trained.best();
        assertTrue(DesignRuleCheck.check(best, compile).isEmpty(), DesignRuleCheck.check(best, compile).toString());
        Compilation c = NetworkCompiler.compile(best, compile);
        assertTrue(c.config().getThresholdOutList().stream().allMatch(t -> t == 32767));
        ChipLayout layout = ChipLayout.of(c);
        LoopData data = LoopData.encode(val, DT, 15);
        FirstSpikeReadout.Decision[] chip;
        try (EmulatorDevice d = new EmulatorDevice()) {
            d.apply(c.config());
            chip = new DeviceEvaluator(d, layout, RULE).decisions(data);
            // the membranes come back per step for every output, and the score is their mean divided by lambda
            DeviceRun run = d.run(List.of(data.get(0).raster()), layout.steps(), true).get(0);
            assertEquals(layout.steps(), run.requireMembranes().length);
            double lambda = c.scales().layer(best.layerCount() - 1).scale();
            double[] chipScores = MembraneRule.meanMembranes(run.requireMembranes(), 3);
            SpikeRecord r = new EventSimulator().simulate(best, data.get(0).chipInputs());
            double[] floatScores = MembraneReadout.of(best).scores(r.times()[0], best.tEnd());
            double spread = java.util.Arrays.stream(floatScores).map(Math::abs).max().orElse(1);
            for (int k = 0; k < 3; k++) {
                assertEquals(floatScores[k], chipScores[k] / lambda, 0.35 * spread + 0.05,
                        "output " + k + ": float " + java.util.Arrays.toString(floatScores) + " chip/lambda "
                                + java.util.Arrays.toString(chipScores) + " / " + lambda);
            }
            SpikeRaster in = data.get(0).raster();
            assertEquals(d.run(List.of(in), layout.steps()).get(0).outputMembranes(), null);
        }
        FirstSpikeReadout.Decision[] flt;
        try (WorkerPool pool = new WorkerPool(2)) {
            flt = new FloatEvaluator(best, SpikeEncoder.DEFAULT, RULE, pool).decisions(val);
        }
        assertAgreement("membrane readout", flt, chip, val, 0.85, 0.75);
    }

    /**
     * That the emulator decides as the float model on at least {@code minAgree} of the samples and is right on
     * at least {@code minCorrect}.
     */
    static void assertAgreement(String what, FirstSpikeReadout.Decision[] flt, FirstSpikeReadout.Decision[] chip,
                                SpikeTrainDataset val, double minAgree, double minCorrect) {
        int agree = 0;
        int correct = 0;
        for (int i = 0; i < flt.length; i++) {
            agree += flt[i].predicted() == chip[i].predicted() ? 1 : 0;
            correct += chip[i].predicted() == val.label(i) ? 1 : 0;
        }
        System.out.printf("%s: float and emulator agree on %d of %d, emulator correct %d%n", what, agree, flt.length,
                correct);
        assertTrue(agree >= minAgree * flt.length, what + ": " + agree + " of " + flt.length + " decisions agree");
        assertTrue(correct >= minCorrect * flt.length, what + ": emulator accuracy " + correct + " of " + flt.length);
    }

    @Test
    void theMaxScoreDecidesAlikeOnTheEmulatorAndInFloat() {
        MembraneRule max = new MembraneRule(1.0, 0, DT, dev.spikeloop.runtime.fp.ReadoutScore.MAX);
        FloatNetwork best = trained.best();
        Compilation c = NetworkCompiler.compile(best, compile);
        FirstSpikeReadout.Decision[] chip;
        try (EmulatorDevice d = new EmulatorDevice()) {
            d.apply(c.config());
            chip = new DeviceEvaluator(d, ChipLayout.of(c), max).decisions(LoopData.encode(val, DT, 15));
        }
        FirstSpikeReadout.Decision[] flt;
        try (WorkerPool pool = new WorkerPool(2)) {
            flt = new FloatEvaluator(best, SpikeEncoder.DEFAULT, max, pool).decisions(val);
        }
        int agree = 0;
        for (int i = 0; i < flt.length; i++) {
            agree += flt[i].predicted() == chip[i].predicted() ? 1 : 0;
        }
        System.out.printf("membrane readout, max score: float and emulator agree on %d of %d%n", agree, flt.length);
        assertTrue(agree >= 0.75 * flt.length, agree + " of " + flt.length + " max-score decisions agree");
        assertEquals(4.0, MembraneRule.maxMembranes(new int[][] {{1, -3}, {4, -5}}, 2)[0], 0.0);
        assertEquals(-3.0, MembraneRule.maxMembranes(new int[][] {{1, -3}, {4, -5}}, 2)[1], 0.0);
    }

    @Test
    void fineTuningInTheLoopIsDecidedByTheDevicesMembranes() {
        FloatNetwork best = trained.best();
        Compilation c = NetworkCompiler.compile(best, compile);
        LoopData tr = LoopData.encode(train, DT, 15);
        LoopData va = LoopData.encode(val, DT, 15);
        FineTuneSettings s = FineTuneSettings.defaults().withEpochs(2).withBatchSize(20).withLearningRate(0.002)
                .withRule(RULE);
        try (Device d = new EmulatorDevice()) {
            FineTuneResult r = FineTuner.inTheLoop(d, best, c, s).run(tr, va, new FineTuneListener() {
            }, null, false);
            d.apply(c.config());
            Evaluation compiled = new DeviceEvaluator(d, ChipLayout.of(c), RULE).evaluate(va);
            assertEquals(compiled.accuracy(), r.before().accuracy(), 1e-12, "before = the compiled chip, by membranes");
            assertTrue(r.after().accuracy() >= r.before().accuracy());
            for (FineTuneEpoch e : r.history()) {
                assertEquals(0, e.skippedSamples());
                assertTrue(Double.isFinite(e.stats().trainLoss()));
            }
            assertFalse(r.model().outputLayer().isSpiking());
        }
    }

    @Test
    void aDeviceWithoutMembranesIsRefusedByName() {
        Device plain = new Device() {
            @Override
            public String name() {
                return "spike-only board";
            }

            @Override
            public void apply(dev.spikeloop.chipconfig.proto.ChipConfig config) {
            }

            @Override
            public dev.spikeloop.chipconfig.proto.ChipConfig config() {
                return null;
            }

            @Override
            public List<DeviceRun> run(List<SpikeRaster> inputs, int steps) {
                return List.of();
            }

            @Override
            public void close() {
            }
        };
        DeviceException e = assertThrows(DeviceException.class, () -> plain.run(List.of(), 3, true));
        assertTrue(e.getMessage().contains("spike-only board cannot return output membranes"), e.getMessage());
    }
}
