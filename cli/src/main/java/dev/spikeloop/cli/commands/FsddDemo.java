package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.io.ChipConfigFiles;
import dev.spikeloop.cli.SpikeloopCli;
import dev.spikeloop.cli.plot.ConfusionMatrixPlot;
import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.driver.board.ProgressListener;
import dev.spikeloop.driver.virtual.BoardSettings;
import dev.spikeloop.driver.virtual.VirtualBoard;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.network.spikedata.SpikeTrainDataset;
import dev.spikeloop.runtime.loop.ChipLayout;
import dev.spikeloop.runtime.loop.Device;
import dev.spikeloop.runtime.loop.DeviceEvaluator;
import dev.spikeloop.runtime.loop.Devices;
import dev.spikeloop.runtime.loop.FineTuneResult;
import dev.spikeloop.runtime.loop.FineTuneSettings;
import dev.spikeloop.runtime.loop.LoopData;
import dev.spikeloop.runtime.loop.Mismatch;
import dev.spikeloop.runtime.train.CountRule;
import dev.spikeloop.runtime.train.DecisionRule;
import dev.spikeloop.runtime.train.Evaluation;
import dev.spikeloop.runtime.train.FloatEvaluator;
import dev.spikeloop.runtime.train.GroupAccuracy;
import dev.spikeloop.runtime.train.WorkerPool;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * {@code demo --task fsdd --data DIR}: the spoken-digit path on a virtual board. Encodes the FSDD
 * training part (train / validation split of the data set command), takes the shipped
 * {@code models/fsdd.json}, compiles it for Xylo Audio 3, flashes, evaluates on the board with the
 * temporal count rule, fine-tunes in the loop (hidden spike times read back from the board drive the
 * FP gradients), evaluates again, and prints a summary table and a confusion-matrix PNG.
 */
final class FsddDemo {
    /** The shipped model the demo starts from. */
    static final String MODEL = "fsdd.json";
    /** Fine-tuning uses every k-th training sample, so the loop stays within the demo's time budget. */
    static final int FINETUNE_STRIDE = 4;
    /** The chip step {@code models/fsdd.json} was trained for (docs/training.md), used for {@code --dt auto}. */
    static final double TRAINED_DT = 0.001;

    private FsddDemo() {
    }

    static void run(DemoCommand c, Path out) throws IOException {
        if (c.data == null) {
            throw new IllegalArgumentException("demo --task fsdd needs --data DIR (the FSDD folder, e.g. ../shared/data/fsdd)");
        }
        PrintStream console = System.out;
        long start = System.nanoTime();
        List<String[]> timings = new ArrayList<>();
        Files.createDirectories(out);

        // 1. Encode: exactly what `dataset fsdd` does, written next to the results.
        long t = System.nanoTime();
        Path trainFile = out.resolve("fsdd-train.h5");
        Path valFile = out.resolve("fsdd-val.h5");
        for (String[] part : new String[][] {{"train", trainFile.toString()}, {"val", valFile.toString()}}) {
            int code = SpikeloopCli.commandLine().execute("dataset", "fsdd", "--from", c.data.toString(), "--split",
                    part[0], "--out", part[1]);
            if (code != 0) {
                throw new IllegalArgumentException("encoding the " + part[0] + " part of " + c.data + " failed");
            }
        }
        SpikeTrainDataset train = SpikeDataFiles.read(trainFile, "--data");
        SpikeTrainDataset val = SpikeDataFiles.read(valFile, "--data");
        timings.add(DemoSummary.stage("encode FSDD (" + train.size() + " train / " + val.size() + " validation)", t));

        // 2. The float model.
        t = System.nanoTime();
        Path modelFile = c.model != null ? c.model : findModel();
        FloatNetwork net = NetworkJson.read(modelFile);
        console.println("model: " + modelFile);
        SpikeDataChecks.requireEvaluable(val, valFile, ReadoutScoreChoice.classes(net), modelFile.toString());
        // The shipped model was trained for 1 ms (its time constants are what the chip realises there);
        // 'auto' would pick a finer step that only approximates them.
        double step = c.dt.isAuto() ? TRAINED_DT : c.dt.seconds();
        // the rule the model was trained for: the membrane rule (with the score its file records) for a
        // membrane readout, else count
        DecisionRule rule = net.outputLayer().isSpiking() ? new CountRule(1.0, 0.05, step)
                : new dev.spikeloop.runtime.train.MembraneRule(1.0, 0.05, step,
                        dev.spikeloop.runtime.fp.ReadoutScore.of(net.outputLayer()),
                        dev.spikeloop.runtime.fp.ReadoutWindows.of(net.outputLayer()));
        int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        double floatAccuracy;
        try (WorkerPool pool = new WorkerPool(threads)) {
            floatAccuracy = new FloatEvaluator(net, SpikeEncoder.DEFAULT, rule, pool).evaluate(val).accuracy();
        }
        timings.add(DemoSummary.stage("float evaluation", t));

        // 3. Compile for Xylo Audio 3 (10 classes do not fit Audio 2's 8 outputs).
        t = System.nanoTime();
        Compilation compilation = NetworkCompiler.compile(net, CompileOptions.defaults().withDt(step)
                .withProfile(ChipProfile.XYLO_AUDIO3.name()));
        ChipConfigFiles.write(compilation.config(), out.resolve("fsdd-compiled.pb"));
        console.printf(Locale.ROOT, "compiled for %s at a time step of %.4f ms%n", ChipProfile.XYLO_AUDIO3.name(),
                1000 * step);
        timings.add(DemoSummary.stage("compile (xylo-audio3)", t));

        // 4. Board: flash, evaluate, fine-tune, evaluate.
        VirtualBoard board = c.device.equalsIgnoreCase("virtual") ? VirtualBoard.startTcp(InetAddress.getLoopbackAddress(),
                0, BoardSettings.defaults().withProfile(ChipProfile.XYLO_AUDIO3)) : null;
        try (board) {
            String port = board != null ? board.address() : c.device;
            try (Device d = Devices.open(port, Mismatch.parse(c.mismatch), ProgressListener.NONE)) {
                console.println("device: " + d.name());
                ChipLayout layout = ChipLayout.of(compilation);
                int limit = compilation.options().chipProfile().maxInputCount();
                LoopData valData = LoopData.encode(val, step, limit);
                int[] labels = IntStream.range(0, val.size()).map(val::label).toArray();
                DeviceEvaluator evaluator = new DeviceEvaluator(d, layout, rule);
                t = System.nanoTime();
                d.apply(compilation.config());
                Evaluation compiled = GroupAccuracy.evaluation(rule.classes(layout.outputs()), labels, evaluator.decisions(valData));
                timings.add(DemoSummary.stage("flash + evaluate compiled on the device", t));

                t = System.nanoTime();
                int[] subset = IntStream.range(0, train.size()).filter(i -> i % FINETUNE_STRIDE == 0).toArray();
                FineTuneSettings settings = FineTuneSettings.defaults().withEpochs(c.epochs).withLearningRate(c.lr)
                        .withSeed(c.seed).withRule(rule);
                FineTuneResult r = FineTuneRun.run(d, net, compilation, train.select(subset), val, settings, false,
                        out.resolve("fsdd-finetune.ckpt"), false, console);
                timings.add(DemoSummary.stage("fine-tune in the loop (" + c.epochs + " epochs, " + subset.length + " samples, "
                        + r.flashes() + " writes)", t));

                t = System.nanoTime();
                d.apply(r.compilation().config());
                Evaluation tuned = GroupAccuracy.evaluation(rule.classes(layout.outputs()), labels, evaluator.decisions(valData));
                timings.add(DemoSummary.stage("evaluate fine-tuned on the device", t));
                NetworkJson.write(r.model(), out.resolve("fsdd-finetuned.json"));
                ChipConfigFiles.write(r.compilation().config(), out.resolve("fsdd-finetuned.pb"));

                List<Path> plots = new ArrayList<>();
                Path cm = out.resolve("fsdd-confusion.png");
                ConfusionMatrixPlot.write(tuned, val.classNames(), "FSDD validation, fine-tuned on the device", cm);
                plots.add(cm);
                Path cm0 = out.resolve("fsdd-confusion-compiled.png");
                ConfusionMatrixPlot.write(compiled, val.classNames(), "FSDD validation, compiled on the device", cm0);
                plots.add(cm0);
                plots.addAll(FineTuneRun.writePlots(out.resolve("plots"), r, floatAccuracy));
                // the files are staged in `out` and appear in --out when the demo has succeeded
                List<Path> shown = plots.stream().map(p -> c.out.resolve(out.relativize(p))).toList();
                printSummary(console, d.name(), rule.describe(), floatAccuracy, compiled, tuned, val.classNames(), timings,
                        start, shown);
            }
        }
    }

    private static void printSummary(PrintStream console, String device, String rule, double floatAcc,
                                     Evaluation compiled, Evaluation tuned, List<String> names, List<String[]> timings,
                                     long start, List<Path> plots) {
        console.println();
        console.println("Summary (FSDD validation part, decision: " + rule + "; device: " + device + ")");
        DemoSummary.accuracies(console, floatAcc, compiled.accuracy(), tuned.accuracy());
        console.println("Fine-tuned on the device:");
        console.print(tuned.format(names));
        DemoSummary.timingsAndPlots(console, timings, start, plots);
    }


    /** models/fsdd.json in the working directory, else in the project the running jar belongs to. */
    private static Path findModel() {
        List<Path> candidates = new ArrayList<>(List.of(Path.of("models", MODEL)));
        try {
            Path jar = Path.of(FsddDemo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (jar.getParent() != null && jar.getParent().getParent() != null
                    && jar.getParent().getParent().getParent() != null) {
                candidates.add(jar.getParent().getParent().getParent().resolve("models").resolve(MODEL));
            }
        } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
            // no code source: the working directory is all we can search
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no shipped model models/" + MODEL + " (give --model NET.json; "
                + "docs/training.md has the command that trains it)");
    }
}
