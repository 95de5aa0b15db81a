package dev.spikeloop.cli.commands;

import dev.spikeloop.compiler.quantize.TimeStep;
import dev.spikeloop.chipconfig.io.OutputSet;
import dev.spikeloop.chipconfig.io.ChipConfigFiles;
import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.driver.board.ProgressListener;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.data.LabelledSpikes;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.runtime.fp.ReadoutScore;
import dev.spikeloop.runtime.fp.GradientMode;
import dev.spikeloop.runtime.loop.Device;
import dev.spikeloop.runtime.loop.Devices;
import dev.spikeloop.runtime.loop.FineTuneResult;
import dev.spikeloop.runtime.loop.FineTuneSettings;
import dev.spikeloop.runtime.loop.Mismatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code spikeloop finetune}: chip-in-the-loop fine-tuning of a compiled float network on the
 * emulator or a board.
 */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = {"Fine-tune a network on the chip (or the emulator) in the loop: the device runs the "
                + "mini-batches, the FP engine takes gradients at the device's spike times, Adam updates float "
                + "shadow weights, which are re-quantised and re-written when the configuration changed. "
                + "The device validates every epoch and the best configuration is kept.",
                "A checkpoint is written after every epoch; --resume continues from it."})
public final class FinetuneCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "NET.json", description = "Trained float network.")
    Path model;

    @Option(names = "--device", defaultValue = "emulator", paramLabel = "emulator|PORT",
            description = "'emulator' or a board port (/dev/ttyACM0, tcp://host:port) (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--data", required = true, paramLabel = "TRAIN.csv|TRAIN.h5",
            description = "Training data set: CSV, or a spike data set (.h5, docs/data.md).")
    Path data;

    @Option(names = "--val", required = true, paramLabel = "VAL.csv|VAL.h5", description = "Validation data set (same kind as --data).")
    Path val;

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--out", required = true, paramLabel = "TUNED.json", description = "Fine-tuned float network.")
    Path out;

    @Option(names = "--config-out", required = true, paramLabel = "CHIP.pb",
            description = "Fine-tuned chip configuration (.pb or .json).")
    Path configOut;

    @Option(names = "--plots", paramLabel = "DIR", description = "Write PNG plots into this directory.")
    Path plots;

    @Option(names = "--batch", defaultValue = "50", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "0.0005",
            description = "Adam learning rate, in units of each layer's RMS weight (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--tau0", defaultValue = "0.0003",
            description = "ttfs loss scale, s; keep the one the model was trained with (default: ${DEFAULT-VALUE}).")
    double tau0;

    @Option(names = "--seed", defaultValue = "1", description = "Shuffle seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dt", defaultValue = "auto", paramLabel = TimeStepConverter.LABEL, converter = TimeStepConverter.class,
            description = "Chip time step in seconds, or 'auto' for the compiler's choice (the largest step up "
                    + "to 1 ms that realises the model's time constants within 5%%) (default: ${DEFAULT-VALUE}).")
    TimeStep dt;

    @Option(names = "--silent-push", defaultValue = "20.0",
            description = "Push on a label neuron that stays silent, as in training (default: ${DEFAULT-VALUE}).")
    double silentPush;

    @Option(names = "--dead-push", defaultValue = "5.0",
            description = "Push on silent hidden neurons, as in training (default: ${DEFAULT-VALUE}).")
    double deadPush;

    @Option(names = "--clip", defaultValue = "5.0",
            description = "Largest L2 norm of one sample's gradient, 0 = off (default: ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--train-thresholds", description = "Train the layer thresholds too.")
    boolean trainThresholds;

    @Option(names = "--gradient", defaultValue = "ADJOINT", description = "FP or ADJOINT (default: ${DEFAULT-VALUE}).")
    GradientMode mode;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Checkpoint file (default: TUNED.json + .ckpt).")
    Path checkpoint;

    @Option(names = "--resume", description = "Continue from the checkpoint if it exists.")
    boolean resume;

    @Option(names = "--mismatch", defaultValue = "none", paramLabel = "SPEC",
            description = "Simulate a chip that differs from the compiler's assumption, e.g. "
                    + "dash-mem=+1,threshold=0.95,spread=0.05,seed=3 (default: ${DEFAULT-VALUE}).")
    String mismatch;

    @Option(names = "--software", description = "Baseline: take gradients from the float model alone "
            + "(the device only validates).")
    boolean software;

    @Option(names = "--no-calibrate", negatable = false, description = "Take gradients with the compiled time "
            + "constants and thresholds instead of those identified from the device's spikes (docs/finetune.md).")
    boolean noCalibrate;

    @Option(names = "--loss", defaultValue = "auto", paramLabel = "LOSS",
            description = "Loss and decision rule: membrane for a model with a membrane readout, else count for spike data sets, ttfs otherwise (auto) (one of: ${COMPLETION-CANDIDATES}; default: ${DEFAULT-VALUE}).")
    LossChoice loss;

    @Option(names = "--readout-score", paramLabel = "mean|max",
            description = "Membrane readout: score each output by the mean or the maximum of its membrane over the "
                    + "window. Default: the score the model file records (the one it was trained with); a "
                    + "contradicting value is refused (one of: ${COMPLETION-CANDIDATES}).")
    ReadoutScore readoutScore;

    @Option(names = "--chip", paramLabel = "PROFILE", description = "Chip profile to compile for (default: xylo-audio2).")
    String chip;

    @Override
    public Integer call() throws IOException {
        // every output checked before any work; the network, the configuration and the plots appear together
        try (OutputSet outputs = new OutputSet()) {
            Path tuned = outputs.file("--out", out);
            Path configFile = outputs.file("--config-out", configOut, ".pb", ".json");
            Path ckpt = checkpoint != null ? checkpoint : Path.of(out + ".ckpt");
            outputs.reserve(checkpoint != null ? "--checkpoint" : "the checkpoint", ckpt);
            Path plotDir = plots == null ? null : outputs.folder("--plots", plots);
            fineTune(tuned, configFile, ckpt, plotDir);
            outputs.commit();
        }
        System.out.println("wrote " + out + " and " + configOut + (plots == null ? "" : " and plots in " + plots));
        return 0;
    }

    private void fineTune(Path tuned, Path configFile, Path ckpt, Path plotDir) throws IOException {
        PrintStream console = System.out;
        FineTuneSettings settings = new FineTuneSettings(epochs, batch, lr, tau0, seed, trainThresholds, mode,
                silentPush, deadPush, clip, !noCalibrate && !software);
        FloatNetwork net = NetworkJson.read(model);
        LabelledSpikes train = FineTuneRun.readData(data);
        LabelledSpikes validation = FineTuneRun.readData(val);
        int outputs = ReadoutScoreChoice.classes(net);
        if (train instanceof dev.spikeloop.network.spikedata.SpikeTrainDataset t) {
            SpikeDataChecks.requireEvaluable(t, data, outputs, model.toString());
        }
        if (validation instanceof dev.spikeloop.network.spikedata.SpikeTrainDataset v) {
            SpikeDataChecks.requireEvaluable(v, val, outputs, model.toString());
        }
        dev.spikeloop.chipconfig.ChipProfile profile = chip == null ? CompileOptions.defaults().chipProfile()
                : dev.spikeloop.chipconfig.ChipProfile.require(chip);
        double step = FineTuneRun.resolveDt(dt, net, profile);
        settings = settings.withRule(TemporalTrainingOptions.forFinetune(loss, SpikeDataFiles.isSpikeData(data), step,
                !net.outputLayer().isSpiking(), ReadoutScoreChoice.resolve(readoutScore, net, model)));
        settings = settings.withRule(ReadoutScoreChoice.withWindows(settings.rule(), net, null, model));
        CompileOptions compile = CompileOptions.defaults().withDt(step);
        Compilation compilation = NetworkCompiler.compile(net, chip == null ? compile : compile.withProfile(profile.name()));
        if (resume && !java.nio.file.Files.exists(ckpt)) {
            console.println("--resume: there is no checkpoint " + ckpt + "; starting from epoch 1");
        }
        long start = System.nanoTime();
        FineTuneResult r;
        try (Device d = Devices.open(device, Mismatch.parse(mismatch), ProgressListener.NONE)) {
            r = FineTuneRun.run(d, net, compilation, train, validation, settings, software, ckpt, resume, console);
        }
        // the fine-tuned model keeps the score it was trained and tuned with
        NetworkJson.write(ReadoutScore.of(net.outputLayer()).markOn(r.model()), tuned);
        ChipConfigFiles.write(r.compilation().config(), configFile);
        console.printf(Locale.ROOT, "device validation accuracy: %.2f%% compiled -> %.2f%% fine-tuned (best epoch %s, "
                        + "%d configurations written, %.1f s)%n", 100 * r.before().accuracy(), 100 * r.after().accuracy(),
                r.bestEpoch() < 0 ? "none, the compiled configuration was best" : String.valueOf(r.bestEpoch() + 1),
                r.flashes(), (System.nanoTime() - start) / 1e9);
        if (plotDir != null) {
            for (Path p : FineTuneRun.writePlots(plotDir, r, Double.NaN)) {
                console.println("plot: " + plots.resolve(plotDir.relativize(p)));
            }
        }
    }
}
