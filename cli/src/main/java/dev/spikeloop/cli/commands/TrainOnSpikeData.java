package dev.spikeloop.cli.commands;

import dev.spikeloop.cli.plot.TrainingPlots;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.network.spikedata.SpikeTrainDataset;
import dev.spikeloop.runtime.loop.ChipAwareTraining;
import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.runtime.train.DecisionRule;
import dev.spikeloop.runtime.train.Evaluation;
import dev.spikeloop.runtime.train.FirstSpikeRule;
import dev.spikeloop.runtime.train.ForwardModel;
import dev.spikeloop.runtime.train.SparseRecurrence;
import dev.spikeloop.runtime.train.TimeConstantSpread;
import dev.spikeloop.runtime.train.FloatEvaluator;
import dev.spikeloop.runtime.train.LearningRateSchedule;
import dev.spikeloop.runtime.train.NetworkShape;
import dev.spikeloop.runtime.train.Trainer;
import dev.spikeloop.runtime.train.TrainingListener;
import dev.spikeloop.runtime.train.TrainingOptions;
import dev.spikeloop.runtime.train.TrainingResult;
import dev.spikeloop.runtime.train.WeightInit;
import dev.spikeloop.runtime.train.WorkerPool;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;

/**
 * {@code train --data DATA.h5}: the same training as for a CSV, on a spike data set. The network has
 * one input per data set channel (no bias channel: the data carries its own timing), one output per
 * class, and is trained by the rule of {@code --loss} (default: the temporal count rule). The end time
 * is at least the longest sample plus two membrane time constants. Sizes are checked against the
 * data and the target chip before any work starts.
 */
final class TrainOnSpikeData {
    private TrainOnSpikeData() {
    }

    static void run(TrainCommand c, Path model, Path checkpoint, Path plotDir, Supplier<TrainingListenerCloseable> progress) {
        long t0 = System.nanoTime();
        SpikeTrainDataset train = SpikeDataFiles.read(c.source.data, "--data");
        SpikeTrainDataset validation = c.validationFile == null ? null : SpikeDataFiles.read(c.validationFile, "--validation");
        SpikeTrainDataset test = c.testFile == null ? null : SpikeDataFiles.read(c.testFile, "--test");
        if (validation != null) {
            SpikeDataFiles.requireCompatible(train, validation, c.validationFile);
        }
        if (test != null) {
            SpikeDataFiles.requireCompatible(train, test, c.testFile);
        }
        int classes = train.classCount();
        ChipProfile profile = c.temporal.profile();
        if (profile == null && c.chipDt != null) {
            profile = ChipProfile.XYLO_AUDIO2;
        }
        int outputs = classes * Math.max(1, c.temporal.readoutWindows);
        SpikeDataChecks.requireTrainable(train, c.source.data, validation, c.validationFile, profile, c.hidden, outputs);
        int nThreads = c.threads != null ? c.threads : Math.min(2, Runtime.getRuntime().availableProcessors());
        TrainingOptions options = new TrainingOptions(c.epochs, c.batch,
                LearningRateSchedule.cosine(c.lr, c.lrFinal, c.epochs), c.tau0, c.gamma, c.tau1, c.silentPush,
                c.deadPush, c.clip, c.mode, nThreads, c.seed, WeightInit.Settings.DEFAULT, c.inputJitter);
        double longestTauMem = c.temporal.tauMemMax != null ? Math.max(c.tauMem, c.temporal.tauMemMax) : c.tauMem;
        double tEnd = SpikeDataFiles.endTime(c.tEnd, 2 * longestTauMem, train, validation, test);
        NetworkShape shape = new NetworkShape(train.channels(), c.hidden, outputs, c.tauSyn, c.tauMem, 1.0, tEnd);
        double step = Double.NaN;
        if (c.chipDt != null) {
            NetworkShape nominal = shape;
            step = FineTuneRun.resolveDt(c.chipDt, nominal, profile);
        }
        DecisionRule rule = c.temporal.rule(true, c.tau0, c.gamma, c.tau1, step);
        Trainer trainer = new Trainer(options, ForwardModel.FLOAT, rule);
        DoubleUnaryOperator realise = DoubleUnaryOperator.identity();
        if (c.chipDt != null) {
            ChipAwareTraining chip = new ChipAwareTraining(CompileOptions.defaults().withDt(step)
                    .withProfile(profile.name()));
            shape = chip.shape(shape);
            trainer = new Trainer(chip.options(options), chip.forwardModel(), rule);
            realise = chip::realised;
            System.out.printf(Locale.ROOT, "chip-aware: dt = %.4g ms, tau_syn = %.4g ms, tau_mem = %.4g ms, quantised "
                    + "forward pass%n", 1e3 * step, 1e3 * shape.tauSyn(), 1e3 * shape.tauMem());
        }
        System.out.printf(Locale.ROOT, "training %s on %d samples (%s, %d spikes), end time %.3f s, %d epochs, batch %d, "
                        + "%d threads, seed %d; loss and decision: %s%s%n", shape.describe(), train.size(),
                c.source.data, train.spikeCount(), tEnd, c.epochs, c.batch, nThreads, c.seed, rule.describe(),
                c.temporal.recurrent > 0 ? ", " + c.temporal.recurrent + " recurrent inputs per hidden neuron" : "");
        if (rule instanceof FirstSpikeRule && c.gamma > 0 && tEnd > 20 * c.tau1) {
            System.out.printf(Locale.ROOT, "note: the early-label regulariser gamma*(exp(t/tau1)-1) reaches exp(%.0f) on "
                    + "samples this long (it is sized for Yin-Yang's 40 ms); --gamma 0 turns it off%n", tEnd / c.tau1);
        }
        try (WorkerPool pool = new WorkerPool(nThreads)) {
            FloatNetwork initial = SparseRecurrence.add(trainer.initialNetwork(shape, train, pool),
                    c.temporal.recurrent, 0.5, c.seed);
            if (c.temporal.tauMemMax != null) {
                initial = TimeConstantSpread.spread(initial, c.temporal.tauMemMax, c.seed, realise);
            }
            TrainingResult result;
            try (TrainingListenerCloseable listener = progress.get()) {
                result = trainer.train(initial, train, validation, checkpoint, c.resume, listener, pool);
            }
            // record the membrane readout's score, so eval, finetune and demo decide by the trained rule
            NetworkJson.write(c.temporal.readoutScore.markOn(result.best()), model);
            System.out.printf(Locale.ROOT, "wrote %s (best epoch %d%s)%n", c.out, result.bestEpoch() + 1,
                    Double.isNaN(result.bestValidationAccuracy()) ? ""
                            : String.format(Locale.ROOT, ", validation accuracy %.2f%%", 100 * result.bestValidationAccuracy()));
            if (test != null) {
                Evaluation e = new FloatEvaluator(result.best(), SpikeEncoder.DEFAULT, rule, pool).evaluate(test);
                System.out.print("test set: " + e.format(test.classNames()));
            }
            if (plotDir != null) {
                for (Path p : TrainingPlots.write(plotDir, result.best(), result.history(),
                        test != null ? test : validation != null ? validation : train)) {
                    System.out.println("wrote " + c.plots.resolve(plotDir.relativize(p)));
                }
            }
        }
        System.out.printf(Locale.ROOT, "wall time %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** The training command's progress display. */
    interface TrainingListenerCloseable extends TrainingListener, AutoCloseable {
        @Override
        void close();
    }
}
