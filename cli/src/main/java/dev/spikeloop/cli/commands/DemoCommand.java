package dev.spikeloop.cli.commands;

import dev.spikeloop.compiler.quantize.TimeStep;
import dev.spikeloop.chipconfig.io.OutputSet;
import dev.spikeloop.chipconfig.io.ChipConfigFiles;
import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.driver.board.ProgressListener;
import dev.spikeloop.driver.virtual.VirtualBoard;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.data.DatasetCsv;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.data.YinYang;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.runtime.loop.ChipAwareTraining;
import dev.spikeloop.runtime.loop.ChipLayout;
import dev.spikeloop.runtime.loop.Device;
import dev.spikeloop.runtime.loop.DeviceEvaluator;
import dev.spikeloop.runtime.loop.Devices;
import dev.spikeloop.runtime.loop.FineTuneResult;
import dev.spikeloop.runtime.loop.FineTuneSettings;
import dev.spikeloop.runtime.loop.LoopData;
import dev.spikeloop.runtime.loop.Mismatch;
import dev.spikeloop.runtime.train.EpochStats;
import dev.spikeloop.runtime.train.FloatEvaluator;
import dev.spikeloop.runtime.train.NetworkShape;
import dev.spikeloop.runtime.train.TrainingListener;
import dev.spikeloop.runtime.train.WorkerPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code spikeloop demo}: the whole path on a fresh machine. Makes Yin-Yang data, takes the shipped
 * model (or trains one briefly), compiles it, starts a virtual board in process and talks to it over
 * TCP through the real driver, flashes, evaluates on the board, fine-tunes in the loop, evaluates
 * again and prints a summary.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"End-to-end demo: Yin-Yang data -> float model -> compile -> flash a virtual board "
                + "(in process, over TCP through the real driver) -> evaluate on the board -> fine-tune in the "
                + "loop -> evaluate again. Prints a summary table and where the plots are."})
public final class DemoCommand implements Callable<Integer> {
    /** Where the shipped models live, relative to the working directory. */
    private static final Path MODELS = Path.of("models");
    /**
     * The demo's model: trained for the chip ({@code train --chip-dt auto}), which compiles and
     * fine-tunes far better than the float-trained {@code yinyang-5-120-3.json} (docs/finetune.md).
     */
    private static final String DEMO_MODEL = "yinyang-5-120-3-chip.json";

    @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--epochs", defaultValue = "5", description = "Fine-tuning epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--device", defaultValue = "virtual", paramLabel = "virtual|emulator|PORT",
            description = "'virtual' (an in-process virtual board over TCP), 'emulator' or a board port "
                    + "(default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--model", paramLabel = "NET.json",
            description = "Float model to start from (default: models/" + DEMO_MODEL + ", else the first "
                    + "models/yinyang-*.json, else train one).")
    Path model;

    @Option(names = "--train-size", defaultValue = "5000",
            description = "Training samples (fine-tuning, and the fallback training) (default: ${DEFAULT-VALUE}).")
    int trainSize;

    @Option(names = "--val-size", defaultValue = "1000", description = "Validation samples (default: ${DEFAULT-VALUE}).")
    int valSize;

    @Option(names = "--test-size", defaultValue = "1000", description = "Test samples (default: ${DEFAULT-VALUE}).")
    int testSize;

    @Option(names = "--train-epochs", defaultValue = "40",
            description = "Epochs of the fallback float training when no model is shipped (default: ${DEFAULT-VALUE}).")
    int trainEpochs;

    @Option(names = "--hidden", defaultValue = "60",
            description = "Hidden neurons of the fallback float model (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--lr", defaultValue = "0.0002",
            description = "Fine-tuning learning rate, in units of each layer's RMS weight (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--mismatch", defaultValue = "none", paramLabel = "SPEC",
            description = "Make the device differ from the compiler's assumption (see finetune --help).")
    String mismatch;

    @Option(names = "--dt", defaultValue = "auto", paramLabel = TimeStepConverter.LABEL, converter = TimeStepConverter.class,
            description = "Chip time step, or 'auto': the compiler's choice, the largest step up to 1 ms that "
                    + "realises the model's time constants within 5%% (default: ${DEFAULT-VALUE}).")
    TimeStep dt;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of shuffles and fallback training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--task", defaultValue = "yinyang", paramLabel = "TASK",
            description = "yinyang, or fsdd: spoken digits from --data DIR on Xylo Audio 3 (one of: ${COMPLETION-CANDIDATES}; default: ${DEFAULT-VALUE}).")
    DemoTask task;

    @Option(names = "--data", paramLabel = "DIR", description = "--task fsdd: the FSDD folder (with recordings/).")
    Path data;

    @Override
    public Integer call() throws IOException {
        boolean fsdd = task == DemoTask.FSDD;
        // the folder's files appear together when the demo succeeded; a failed demo leaves no partial folder
        try (OutputSet outputs = new OutputSet()) {
            Path staged = outputs.folder("--out", out);
            if (fsdd) {
                FsddDemo.run(this, staged); // the spoken-digit path (issue 16)
            } else {
                demo(staged);
            }
            outputs.commit();
        }
        return 0;
    }

    /** The demo, writing into {@code staged} (the output folder's staging copy). */
    private void demo(Path staged) throws IOException {
        Path out = staged; // every file below goes to the staging folder, moved to --out at the end
        PrintStream console = System.out;
        long start = System.nanoTime();
        List<String[]> timings = new ArrayList<>();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

        // 1. Data: the published seeds, written next to the results so every step can be rerun by hand.
        long t = System.nanoTime();
        LabelledDataset train = YinYang.generate(trainSize, 42);
        LabelledDataset validation = YinYang.generate(valSize, 41);
        LabelledDataset test = YinYang.generate(testSize, 40);
        DatasetCsv.write(train, out.resolve("train.csv"));
        DatasetCsv.write(validation, out.resolve("val.csv"));
        DatasetCsv.write(test, out.resolve("test.csv"));
        timings.add(DemoSummary.stage("Yin-Yang data (" + trainSize + "/" + valSize + "/" + testSize + ")", t));

        try (WorkerPool pool = new WorkerPool(threads)) {
            // 2. The float model.
            t = System.nanoTime();
            Path shipped = model != null ? model : findShippedModel();
            FloatNetwork net;
            if (shipped != null) {
                net = NetworkJson.read(shipped);
                console.println("model: " + shipped);
                timings.add(DemoSummary.stage("load model", t));
            } else {
                console.println("model: none shipped (models/yinyang-*.json); training one for "
                        + trainEpochs + " epochs (" + hidden + " hidden neurons)");
                net = trainFallback(train, validation, pool, console);
                NetworkJson.write(net, out.resolve("float-model.json"));
                timings.add(DemoSummary.stage("train float model (" + trainEpochs + " epochs)", t));
            }
            t = System.nanoTime();
            FloatEvaluator floatEvaluator = new FloatEvaluator(net, SpikeEncoder.DEFAULT, 0.0025, pool);
            double floatAccuracy = floatEvaluator.evaluate(test).accuracy();
            double floatValidation = floatEvaluator.evaluate(validation).accuracy();
            timings.add(DemoSummary.stage("float evaluation", t));

            // 3. Compile.
            t = System.nanoTime();
            double step = FineTuneRun.resolveDt(dt, net, CompileOptions.defaults().chipProfile());
            Compilation compilation = NetworkCompiler.compile(net, CompileOptions.defaults().withDt(step));
            ChipConfigFiles.write(compilation.config(), out.resolve("compiled.pb"));
            console.printf(Locale.ROOT, "compiled for a time step of %.4f ms%n", 1000 * step);
            timings.add(DemoSummary.stage("compile", t));

            // 4. The board, flash, evaluate, fine-tune, evaluate.
            VirtualBoard board = device.equalsIgnoreCase("virtual") ? VirtualBoard.startTcp(0) : null;
            try (board) {
                String port = board != null ? board.address() : device;
                try (Device d = Devices.open(port, Mismatch.parse(mismatch), ProgressListener.NONE)) {
                    console.println("device: " + d.name());
                    ChipLayout layout = ChipLayout.of(compilation);
                    LoopData testData = LoopData.encode(test, SpikeEncoder.DEFAULT, layout.dt());
                    DeviceEvaluator evaluator = new DeviceEvaluator(d, layout);
                    t = System.nanoTime();
                    d.apply(compilation.config());
                    double compiledAccuracy = evaluator.evaluate(testData).accuracy();
                    timings.add(DemoSummary.stage("flash + evaluate compiled on the device", t));

                    t = System.nanoTime();
                    FineTuneSettings settings = FineTuneSettings.defaults().withEpochs(epochs).withLearningRate(lr)
                            .withSeed(seed);
                    FineTuneResult r = FineTuneRun.run(d, net, compilation, train, validation, settings, false,
                            out.resolve("finetune.ckpt"), false, console);
                    timings.add(DemoSummary.stage("fine-tune in the loop (" + epochs + " epochs, " + r.flashes() + " writes)", t));

                    t = System.nanoTime();
                    double tunedAccuracy = evaluator.evaluate(testData).accuracy();
                    timings.add(DemoSummary.stage("evaluate fine-tuned on the device", t));
                    NetworkJson.write(r.model(), out.resolve("finetuned.json"));
                    ChipConfigFiles.write(r.compilation().config(), out.resolve("finetuned.pb"));

                    List<Path> plots = FineTuneRun.writePlots(out.resolve("plots"), r, floatValidation).stream()
                            .map(p -> this.out.resolve(staged.relativize(p))).toList();
                    printSummary(console, d.name(), floatAccuracy, compiledAccuracy, tunedAccuracy, timings, start,
                            plots);
                }
            }
        }
    }

    private static void printSummary(PrintStream console, String device, double floatAcc, double compiledAcc,
                                     double tunedAcc, List<String[]> timings, long start, List<Path> plots) {
        console.println();
        console.println("Summary (Yin-Yang test set, device: " + device + ")");
        DemoSummary.accuracies(console, floatAcc, compiledAcc, tunedAcc);
        DemoSummary.timingsAndPlots(console, timings, start, plots);
    }


    /**
     * {@link #DEMO_MODEL}, else the first {@code models/yinyang-*.json} by name, in the working
     * directory, else in the project the running jar belongs to ({@code <root>/cli/target/spikeloop.jar});
     * null if there is none.
     */
    private static Path findShippedModel() throws IOException {
        List<Path> dirs = new ArrayList<>(List.of(MODELS));
        try {
            Path jar = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.getParent() == null || jar.getParent().getParent() == null ? null
                    : jar.getParent().getParent().getParent();
            if (root != null) {
                dirs.add(root.resolve(MODELS));
            }
        } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
            // no code source (unusual class loader): the working directory is all we can search
        }
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            if (Files.isRegularFile(dir.resolve(DEMO_MODEL))) {
                return dir.resolve(DEMO_MODEL);
            }
            List<Path> found = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "yinyang-*.json")) {
                s.forEach(found::add);
            }
            if (!found.isEmpty()) {
                found.sort(null);
                return found.get(0);
            }
        }
        return null;
    }

    /**
     * A short chip-aware training run (ChipAwareTraining: the training defaults with the time
     * constants the chip realises at the demo's step, input jitter and quantised weights in the
     * forward pass), so that the compiled network loses little against the float one.
     */
    private FloatNetwork trainFallback(LabelledDataset train, LabelledDataset validation, WorkerPool pool,
                                       PrintStream console) {
        NetworkShape nominal = NetworkShape.of(SpikeEncoder.DEFAULT.channels(train.featureCount()), new int[] {hidden},
                YinYang.CLASSES);
        double step = FineTuneRun.resolveDt(dt, nominal, CompileOptions.defaults().chipProfile());
        TrainingListener listener = new TrainingListener() {
            @Override
            public void epochDone(EpochStats s, boolean best) {
                console.printf(Locale.ROOT, "  train epoch %2d: loss %.4f, validation accuracy %.1f%%%n",
                        s.epoch() + 1, s.trainLoss(), 100 * s.validationAccuracy());
            }
        };
        return ChipAwareTraining.at(step).train(train, validation, hidden, trainEpochs, seed, pool, listener)
                .best();
    }
}
