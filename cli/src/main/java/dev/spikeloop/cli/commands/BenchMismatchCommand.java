package dev.spikeloop.cli.commands;

import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.TimeStep;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.data.YinYang;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.runtime.loop.ChipAwareTraining;
import dev.spikeloop.runtime.loop.FineTuneSettings;
import dev.spikeloop.runtime.loop.Mismatch;
import dev.spikeloop.runtime.loop.MismatchStudy;
import dev.spikeloop.runtime.train.NetworkShape;
import dev.spikeloop.runtime.train.TrainingListener;
import dev.spikeloop.runtime.train.WorkerPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code spikeloop bench mismatch [MODEL.json] [--mismatch SPEC]...}: the mismatch study
 * ({@link MismatchStudy}) on Yin-Yang data: a chip that differs from what the compiler assumed, before
 * and after fine-tuning in the loop and in software; one table row per mismatch (docs/benchmarks.md).
 */
@Command(name = "mismatch", mixinStandardHelpOptions = true,
        description = {"Mismatch study on the emulator: compile, run on a chip that differs from the compiler's "
                + "assumption, fine-tune in the loop and in software; one Markdown table row per mismatch. "
                + "Without MODEL a chip-aware 5-120-3 model is trained first (30 epochs, a few minutes)."})
public final class BenchMismatchCommand implements Callable<Integer> {
    /** The mismatches of docs/benchmarks.md, run when none is given. */
    static final List<String> DEFAULT_MISMATCHES = List.of("dash-mem=-1", "dash-syn=+1",
            "threshold=0.85,spread=0.05,seed=3");

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL.json",
            description = "Float network to study (default: train a chip-aware one first).")
    Path model;

    @Option(names = "--mismatch", paramLabel = "SPEC",
            description = "A chip mismatch as in finetune --mismatch; repeatable (default: dash-mem=-1, dash-syn=+1 "
                    + "and threshold=0.85,spread=0.05,seed=3).")
    List<String> mismatches;

    @Option(names = "--dt", defaultValue = "auto", paramLabel = TimeStepConverter.LABEL, converter = TimeStepConverter.class,
            description = "Chip time step, or 'auto' as compile --dt auto (default: ${DEFAULT-VALUE}).")
    TimeStep dt;

    @Option(names = "--epochs", defaultValue = "6", description = "Fine-tuning epochs, both arms (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.01", description = "Fine-tuning learning rate, both arms (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--no-calibrate", description = "Turn the in-the-loop arm's calibration off.")
    boolean noCalibrate;

    @Override
    public Integer call() {
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("--lr must be a finite number > 0, got " + lr);
        }
        List<Mismatch> parsed = (mismatches == null ? DEFAULT_MISMATCHES : mismatches).stream().map(Mismatch::parse)
                .toList();
        List<String> names = mismatches == null ? DEFAULT_MISMATCHES : mismatches;
        FloatNetwork read = model == null ? null : NetworkJson.read(model);
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        LabelledDataset train = YinYang.generate(5000, 42);
        LabelledDataset validation = YinYang.generate(1000, 41);
        FineTuneSettings settings = FineTuneSettings.defaults().withEpochs(epochs).withLearningRate(lr)
                .withCalibrate(!noCalibrate);
        try (WorkerPool pool = new WorkerPool(threads)) {
            FloatNetwork net = read != null ? read : trainChipAware(train, validation, pool);
            double step = FineTuneRun.resolveDt(dt, net, CompileOptions.defaults().chipProfile());
            System.out.printf(Locale.ROOT, "chip step dt = %.4g ms%n", 1e3 * step);
            System.out.println("| mismatch | float | compiled, ideal chip | compiled, mismatched chip | in the loop "
                    + "| software | recovered in the loop | recovered in software | time (s) |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            for (int i = 0; i < parsed.size(); i++) {
                long t0 = System.nanoTime();
                MismatchStudy.Result r = MismatchStudy.run(net, step, train, validation, parsed.get(i), settings, pool);
                System.out.printf(Locale.ROOT, "| `%s` | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f%% | %.0f%% | %.0f |%n",
                        names.get(i), 100 * r.floatAccuracy(), 100 * r.ideal(), 100 * r.mismatched(),
                        100 * r.inTheLoop(), 100 * r.software(), 100 * r.inTheLoopRecovery(),
                        100 * r.softwareRecovery(), (System.nanoTime() - t0) / 1e9);
            }
        }
        return 0;
    }

    /** The study's own model: chip-aware training at the automatic step, 120 hidden, 30 epochs. */
    private static FloatNetwork trainChipAware(LabelledDataset train, LabelledDataset validation, WorkerPool pool) {
        long t0 = System.nanoTime();
        double trainDt = FineTuneRun.resolveDt(TimeStep.AUTO, NetworkShape.of(5, new int[] {120}, 3),
                CompileOptions.defaults().chipProfile());
        FloatNetwork net = ChipAwareTraining.at(trainDt).train(train, validation, 120, 30, 1, pool,
                TrainingListener.NONE).best();
        System.out.printf(Locale.ROOT, "trained a chip-aware 5-120-3 model in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        return net;
    }
}
