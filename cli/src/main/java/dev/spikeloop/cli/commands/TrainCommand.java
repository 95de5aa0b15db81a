package dev.spikeloop.cli.commands;

import dev.spikeloop.compiler.quantize.TimeStep;
import dev.spikeloop.chipconfig.io.OutputSet;
import dev.spikeloop.cli.plot.TrainingPlots;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.data.DatasetCsv;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.data.YinYang;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.runtime.fp.GradientMode;
import dev.spikeloop.runtime.loop.ChipAwareTraining;
import dev.spikeloop.runtime.train.EpochStats;
import dev.spikeloop.runtime.train.Evaluation;
import dev.spikeloop.runtime.train.FloatEvaluator;
import dev.spikeloop.runtime.train.LearningRateSchedule;
import dev.spikeloop.runtime.train.NetworkShape;
import dev.spikeloop.runtime.train.FirstSpikeRule;
import dev.spikeloop.runtime.train.Trainer;
import dev.spikeloop.runtime.train.TrainingListener;
import dev.spikeloop.runtime.train.TrainingOptions;
import dev.spikeloop.runtime.train.TrainingResult;
import dev.spikeloop.runtime.train.WeightInit;
import dev.spikeloop.runtime.train.WorkerPool;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code spikeloop train}: trains a float network with exact spike-time gradients and Adam, and
 * writes it in the network format (see docs/training.md).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a float spiking network (time-to-first-spike) with exact FP gradients and Adam.",
                "Inputs are encoded by the project's spike encoder (one spike per feature, 0-20 ms, low "
                        + "values early; a bias spike at 10 ms on the last channel).",
                "A checkpoint OUT.ckpt is written after every epoch; --resume continues from it."})
public final class TrainCommand implements Callable<Integer> {

    static final class Data {
        @Option(names = "--dataset", paramLabel = "NAME",
                description = "Built-in data set: yinyang (train/validation/test generated with seeds "
                        + "--data-seed, --data-seed-1, --data-seed-2).")
        String dataset;

        @Option(names = "--data", paramLabel = "FILE.csv|DATA.h5",
                description = "Training data: CSV (x,y,label or f0,...,label) or a spike data set (.h5, docs/data.md).")
        Path data;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Data source;

    @Option(names = "--validation", paramLabel = "FILE.csv", description = "Validation CSV, or .h5 with a spike data set (with --data; optional).")
    Path validationFile;

    @Option(names = "--test", paramLabel = "FILE.csv", description = "Test CSV (or .h5) evaluated with the best model at the end.")
    Path testFile;

    @Option(names = "--data-seed", defaultValue = "42",
            description = "Seed of the built-in training set (default: ${DEFAULT-VALUE}, as published).")
    long dataSeed;

    @Option(names = "--train-size", defaultValue = "5000", description = "Built-in training set size (default: ${DEFAULT-VALUE}).")
    int trainSize;

    @Option(names = "--validation-size", defaultValue = "1000", description = "Built-in validation set size (default: ${DEFAULT-VALUE}).")
    int validationSize;

    @Option(names = "--test-size", defaultValue = "1000", description = "Built-in test set size (default: ${DEFAULT-VALUE}).")
    int testSize;

    @Option(names = "--hidden", defaultValue = "120", split = ",", paramLabel = "N[,N...]",
            description = "Hidden layer sizes (default: ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--classes", paramLabel = "N",
            description = "Output neurons: labels must be 0..N-1 (default: the largest label + 1, with a note "
                    + "when some label has no sample).")
    Integer classesOption;

    @Option(names = "--epochs", defaultValue = "100", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the initial weights and shuffles (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "MODEL.json", description = "Output network file (the best epoch).")
    Path out;

    @Option(names = "--plots", paramLabel = "DIR", description = "Write PNG figures (curves, decision plane, raster) here.")
    Path plots;

    @Option(names = "--resume", description = "Continue from the checkpoint OUT.ckpt (same options and data).")
    boolean resume;

    @Option(names = "--batch", defaultValue = "50", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "0.02", description = "Initial Adam learning rate, in units of each layer's initial weight scale (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--lr-final", defaultValue = "0.05",
            description = "Final rate as a fraction of --lr, reached by a cosine over the run (default: ${DEFAULT-VALUE}).")
    double lrFinal;

    @Option(names = "--tau0", defaultValue = "0.0003", description = "ttfs loss scale, seconds (default: ${DEFAULT-VALUE}).")
    double tau0;

    @Option(names = "--gamma", defaultValue = "0.003",
            description = "Weight of the early-label-spike regulariser gamma*(exp(t_label/tau1)-1) (default: ${DEFAULT-VALUE}).")
    double gamma;

    @Option(names = "--tau1", defaultValue = "0.010", description = "tau1 of that regulariser, seconds (default: ${DEFAULT-VALUE}).")
    double tau1;

    @Option(names = "--silent-push", defaultValue = "20",
            description = "Push towards threshold on the weights of an output neuron that stays silent in a sample (default: ${DEFAULT-VALUE}).")
    double silentPush;

    @Option(names = "--dead-push", defaultValue = "5",
            description = "The same push for silent hidden neurons when more than 30%% of their layer is silent in a sample (default: ${DEFAULT-VALUE}).")
    double deadPush;

    @Option(names = "--clip", defaultValue = "0",
            description = "Largest L2 norm of one sample's gradient, 0 = off (default: ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--gradient", defaultValue = "ADJOINT", description = "Gradient order: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    GradientMode mode;

    @Option(names = "--threads", description = "Worker threads (default: the available cores, at most 2).")
    Integer threads;

    @Option(names = "--tau-syn", defaultValue = "0.005", description = "Synaptic time constant, seconds (default: ${DEFAULT-VALUE}).")
    double tauSyn;

    @Option(names = "--tau-mem", defaultValue = "0.010", description = "Membrane time constant, seconds (default: ${DEFAULT-VALUE}).")
    double tauMem;

    @Option(names = "--t-end", defaultValue = "0.040", description = "Simulation end time, seconds (default: ${DEFAULT-VALUE}).")
    double tEnd;

    @Option(names = "--chip-dt", paramLabel = TimeStepConverter.LABEL, converter = TimeStepConverter.class,
            description = {"Train for the chip at this step ('auto': what compile --dt auto picks for --tau-syn and "
                    + "--tau-mem): the time constants the chip realises there, input jitter of half a step, and "
                    + "every step simulates the compiled network (8-bit weights) while float shadow weights learn "
                    + "(docs/training.md). Off by default."})
    TimeStep chipDt;

    @Option(names = "--input-jitter", defaultValue = "0", paramLabel = "SECONDS",
            description = "Move every training input spike by a fresh uniform amount in [-J, J] each epoch "
                    + "(0 = off; --chip-dt sets dt/2 unless given) (default: ${DEFAULT-VALUE}).")
    double inputJitter;

    @Mixin
    TemporalTrainingOptions temporal = new TemporalTrainingOptions();

    @Override
    public Integer call() throws java.io.IOException {
        // every output checked before any work; the model and the plots appear together at the end
        try (OutputSet outputs = new OutputSet()) {
            Path model = outputs.file("--out", out);
            Path checkpoint = out.resolveSibling(out.getFileName() + ".ckpt");
            outputs.reserve("the checkpoint", checkpoint);
            Path plotDir = plots == null ? null : outputs.folder("--plots", plots);
            if (source.data != null && SpikeDataFiles.isSpikeData(source.data)) {
                TrainOnSpikeData.run(this, model, checkpoint, plotDir, Progress::new); // a spike data set (docs/data.md)
            } else {
                if (!(temporal.rule(false, tau0, gamma, tau1, Double.NaN) instanceof FirstSpikeRule)
                        || temporal.recurrent != 0 || temporal.chip != null) {
                    throw new IllegalArgumentException("--loss count, --loss membrane, --recurrent and --chip are for spike data sets "
                            + "(--data DATA.h5)");
                }
                train(model, checkpoint, plotDir);
            }
            outputs.commit();
        }
        return 0;
    }

    private void train(Path model, Path checkpoint, Path plotDir) {
        long t0 = System.nanoTime();
        SpikeEncoder encoder = SpikeEncoder.DEFAULT;
        LabelledDataset train;
        LabelledDataset validation = null;
        LabelledDataset test = null;
        if (source.dataset != null) {
            if (!source.dataset.equalsIgnoreCase("yinyang")) {
                throw new IllegalArgumentException("unknown data set '" + source.dataset + "' (known: yinyang)");
            }
            train = YinYang.generate(positive(trainSize, "--train-size"), dataSeed);
            validation = validationSize > 0 ? YinYang.generate(validationSize, dataSeed - 1) : null;
            test = testSize > 0 ? YinYang.generate(testSize, dataSeed - 2) : null;
        } else {
            train = DatasetCsv.read(source.data);
        }
        if (validationFile != null) {
            validation = DatasetCsv.read(validationFile);
        }
        if (testFile != null) {
            test = DatasetCsv.read(testFile);
        }
        train.requireFeatureRange(0, 1);
        int classes = ClassCount.of(train, classesOption, source.dataset != null ? YinYang.CLASSES : 1,
                source.dataset != null ? source.dataset : source.data.toString(), System.out);
        int nThreads = threads != null ? threads : Math.min(2, Runtime.getRuntime().availableProcessors());
        TrainingOptions options = new TrainingOptions(epochs, batch, LearningRateSchedule.cosine(lr, lrFinal, epochs),
                tau0, gamma, tau1, silentPush, deadPush, clip, mode, nThreads, seed, WeightInit.Settings.DEFAULT,
                inputJitter);
        NetworkShape shape = new NetworkShape(encoder.channels(train.featureCount()), hidden, classes, tauSyn, tauMem,
                1.0, tEnd);
        Trainer trainer = new Trainer(options);
        if (chipDt != null) {
            NetworkShape nominal = shape;
            double step = FineTuneRun.resolveDt(chipDt, nominal, CompileOptions.defaults().chipProfile());
            ChipAwareTraining chip = ChipAwareTraining.at(step);
            shape = chip.shape(shape);
            trainer = chip.trainer(options);
            System.out.printf(Locale.ROOT, "chip-aware: dt = %.4g ms, tau_syn = %.4g ms, tau_mem = %.4g ms, input "
                            + "jitter %.3g ms, quantised forward pass%n", 1e3 * step, 1e3 * shape.tauSyn(),
                    1e3 * shape.tauMem(), 1e3 * trainer.options().inputJitter());
        }
        System.out.printf(Locale.ROOT, "training %s on %d samples (%s), %d epochs, batch %d, %d threads, seed %d%n",
                shape.describe(), train.size(), source.dataset != null ? source.dataset : source.data, epochs, batch,
                nThreads, seed);
        try (WorkerPool pool = new WorkerPool(nThreads)) {
            FloatNetwork initial = trainer.initialNetwork(shape, train, encoder, pool);
            if (validation != null) {
                // The baseline of the run: what the calibrated but untrained network does.
                Evaluation e0 = new FloatEvaluator(initial, encoder, tau0, pool).evaluate(validation);
                System.out.printf(Locale.ROOT, "initial network: validation accuracy %.2f%%%n", 100 * e0.accuracy());
            }
            if (resume && !java.nio.file.Files.exists(checkpoint)) {
                System.out.println("--resume: there is no checkpoint " + checkpoint + "; starting from epoch 1");
            }
            TrainingResult result;
            try (Progress progress = new Progress()) {
                result = trainer.train(initial, train, validation, encoder, checkpoint, resume, progress, pool);
            }
            NetworkJson.write(result.best(), model);
            System.out.printf(Locale.ROOT, "wrote %s (best epoch %d%s)%n", out, result.bestEpoch() + 1,
                    Double.isNaN(result.bestValidationAccuracy()) ? ""
                            : String.format(Locale.ROOT, ", validation accuracy %.2f%%", 100 * result.bestValidationAccuracy()));
            if (test != null) {
                Evaluation e = new FloatEvaluator(result.best(), encoder, tau0, pool).evaluate(test);
                System.out.print("test set: " + e.format(source.dataset != null ? YinYang.CLASS_NAMES : List.of()));
            }
            if (plotDir != null) {
                LabelledDataset sample = test != null ? test : validation != null ? validation : train;
                for (Path p : TrainingPlots.write(plotDir, result.best(), result.history(), sample, encoder, pool)) {
                    System.out.println("wrote " + plots.resolve(plotDir.relativize(p)));
                }
            }
        }
        System.out.printf(Locale.ROOT, "wall time %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static int positive(int v, String name) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
        return v;
    }

    /**
     * Shows the run on a progress bar. The best network so far is kept in the checkpoint, not written
     * to {@code --out}: a run that does not finish leaves the previous {@code --out} alone, and
     * {@code --resume} completes it (docs/files.md).
     */
    private static final class Progress implements TrainOnSpikeData.TrainingListenerCloseable {
        private ProgressBar bar;
        private int epochs;
        private int batches;
        private String last = "";

        @Override
        public void started(int firstEpoch, int epochs, int batchesPerEpoch) {
            this.epochs = epochs;
            this.batches = batchesPerEpoch;
            bar = ProgressBars.build(new ProgressBarBuilder().setTaskName("train")
                    .setInitialMax((long) epochs * batchesPerEpoch)
                    .setUpdateIntervalMillis(500).startsFrom((long) firstEpoch * batchesPerEpoch, Duration.ZERO)
                    .setMaxRenderedLength(140));
            if (firstEpoch > 0) {
                System.out.println("resumed after epoch " + firstEpoch);
            }
        }

        @Override
        public void batchDone(int epoch, int batch, double loss, double accuracy) {
            bar.stepTo((long) epoch * batches + batch + 1);
            bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d/%d batch %d/%d loss %.4f acc %.1f%%%s",
                    epoch + 1, epochs, batch + 1, batches, loss, 100 * accuracy, last));
        }

        @Override
        public void epochDone(EpochStats s, boolean best) {
            last = Double.isNaN(s.validationAccuracy()) ? ""
                    : String.format(Locale.ROOT, " | val %.1f%%", 100 * s.validationAccuracy());
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
