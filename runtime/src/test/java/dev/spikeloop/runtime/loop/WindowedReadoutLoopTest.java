package dev.spikeloop.runtime.loop;

import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.network.spikedata.SpikeSample;
import dev.spikeloop.network.spikedata.SpikeTrainDataset;
import dev.spikeloop.runtime.fp.GradientMode;
import dev.spikeloop.runtime.fp.MembraneReadout;
import dev.spikeloop.runtime.fp.ReadoutScore;
import dev.spikeloop.runtime.fp.ReadoutWindows;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.SpikeRecord;
import dev.spikeloop.runtime.train.FirstSpikeReadout;
import dev.spikeloop.runtime.train.FloatEvaluator;
import dev.spikeloop.runtime.train.LearningRateSchedule;
import dev.spikeloop.runtime.train.MembraneRule;
import dev.spikeloop.runtime.train.NetworkShape;
import dev.spikeloop.runtime.train.Trainer;
import dev.spikeloop.runtime.train.TrainingListener;
import dev.spikeloop.runtime.train.TrainingOptions;
import dev.spikeloop.runtime.train.TrainingResult;
import dev.spikeloop.runtime.train.WeightInit;
import dev.spikeloop.runtime.train.WorkerPool;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A readout read in windows of the sample's span, on a task only windows can solve: two classes with the
 * same spikes per channel, told apart by their order (channels 0-1 then 2-3, or the reverse), at a random
 * speed (so the order sits at a fixed fraction of the span, not at a fixed time). Chip-aware training, the
 * emulator's per-step membranes scored by window, and the float decision agree.
 */
class WindowedReadoutLoopTest {
    private static final double DT = 0.001;
    private static final int WINDOWS = 2;
    private static final MembraneRule RULE = new MembraneRule(1.0, 0.05, DT, ReadoutScore.MEAN,
            new ReadoutWindows(WINDOWS));

    /** Class 0: channels 0-1 burst in the first half of the span, 2-3 in the second; class 1 the reverse. */
    static SpikeTrainDataset orders(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<SpikeSample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            double span = 0.03 + 0.03 * r.nextDouble();
            List<double[]> spikes = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                double early = span * (0.05 + 0.4 * r.nextDouble());
                double late = span * (0.55 + 0.4 * r.nextDouble());
                spikes.add(new double[] {label == 0 ? early : late, r.nextInt(2)});
                spikes.add(new double[] {label == 0 ? late : early, 2 + r.nextInt(2)});
            }
            spikes.add(new double[] {span, 4});   // the end marker: every sample's span ends here
            spikes.sort((x, y) -> Double.compare(x[0], y[0]));
            samples.add(new SpikeSample(spikes.stream().mapToDouble(s -> s[0]).toArray(),
                    spikes.stream().mapToInt(s -> (int) s[1]).toArray(), label, "spk" + (i % 3), "s" + i));
        }
        return SpikeTrainDataset.of(5, List.of("forward", "reverse"), samples);
    }

    @Test
    void windowsTellTheOrderApartInFloatAndOnTheEmulator() {
        SpikeTrainDataset train = orders(120, 1);
        SpikeTrainDataset val = orders(60, 2);
        CompileOptions compile = CompileOptions.defaults().withDt(DT).withProfile("xylo-audio3");
        ChipAwareTraining chip = new ChipAwareTraining(compile);
        TrainingOptions options = new TrainingOptions(12, 20, LearningRateSchedule.cosine(0.03, 0.05, 12), 0.0025, 0,
                0.010, 20.0, 5.0, 0.0, GradientMode.ADJOINT, 2, 5, WeightInit.Settings.DEFAULT, 0.0);
        NetworkShape shape = chip.shape(new NetworkShape(5, new int[] {16}, 2 * WINDOWS, 0.004, 0.008, 1.0, 0.080));
        TrainingResult trained;
        FirstSpikeReadout.Decision[] flt;
        try (WorkerPool pool = new WorkerPool(2)) {
            Trainer t = new Trainer(chip.options(options), chip.forwardModel(), RULE);
            FloatNetwork init = t.initialNetwork(shape, train, pool);
            assertEquals(WINDOWS, ReadoutWindows.of(init.outputLayer()).count(), "the readout records its windows");
            trained = t.train(init, train, val, null, false, TrainingListener.NONE, pool);
            flt = new FloatEvaluator(trained.best(), SpikeEncoder.DEFAULT, RULE, pool).decisions(val);
        }
        FloatNetwork best = trained.best();
        assertEquals(WINDOWS, ReadoutWindows.of(best.outputLayer()).count(), "training keeps the windows");
        assertTrue(trained.bestValidationAccuracy() >= 0.9, "validation " + trained.bestValidationAccuracy());

        Compilation c = NetworkCompiler.compile(best, compile);
        ChipLayout layout = ChipLayout.of(c);
        LoopData data = LoopData.encode(val, DT, 15);
        FirstSpikeReadout.Decision[] onChip;
        try (EmulatorDevice d = new EmulatorDevice()) {
            d.apply(c.config());
            onChip = new DeviceEvaluator(d, layout, RULE).decisions(data);
            // the chip's window means over lambda follow the float window means
            DeviceRun run = d.run(List.of(data.get(0).raster()), layout.steps(), true).get(0);
            double lambda = c.scales().layer(best.layerCount() - 1).scale();
            double span = ReadoutWindows.span(data.get(0).chipInputs(), best.tEnd());
            double[] chipScores = RULE.windows().chipScores(run.requireMembranes(), 2 * WINDOWS, span, DT,
                    layout.delay(layout.layerCount() - 1));
            SpikeRecord r = new EventSimulator().simulate(best, data.get(0).chipInputs());
            double[] floatScores = MembraneReadout.of(best).classScores(r.times()[0], best.tEnd(), ReadoutScore.MEAN, span);
            double spread = java.util.Arrays.stream(floatScores).map(Math::abs).max().orElse(1);
            for (int k = 0; k < 2; k++) {
                assertEquals(floatScores[k], chipScores[k] / lambda, 0.35 * spread + 0.05,
                        "class " + k + ": float " + java.util.Arrays.toString(floatScores) + " chip/lambda "
                                + java.util.Arrays.toString(chipScores) + " / " + lambda);
            }
        }
        MembraneReadoutLoopTest.assertAgreement("windowed readout", flt, onChip, val, 0.85, 0.85);
    }

    @Test
    void oneWindowCannotTellTheOrderApart() {
        // the control: the same training with one window stays near chance, so the task really needs windows
        SpikeTrainDataset train = orders(120, 1);
        SpikeTrainDataset val = orders(60, 2);
        TrainingOptions options = new TrainingOptions(12, 20, LearningRateSchedule.cosine(0.03, 0.05, 12), 0.0025, 0,
                0.010, 20.0, 5.0, 0.0, GradientMode.ADJOINT, 2, 5, WeightInit.Settings.DEFAULT, 0.0);
        MembraneRule one = new MembraneRule(1.0, 0.05, DT);
        try (WorkerPool pool = new WorkerPool(2)) {
            Trainer t = new Trainer(options, dev.spikeloop.runtime.train.ForwardModel.FLOAT, one);
            FloatNetwork init = t.initialNetwork(new NetworkShape(5, new int[] {16}, 2, 0.004, 0.008, 1.0, 0.080),
                    train, pool);
            TrainingResult r = t.train(init, train, val, null, false, TrainingListener.NONE, pool);
            assertTrue(r.bestValidationAccuracy() <= 0.8, "one window reached " + r.bestValidationAccuracy());
        }
    }
}
