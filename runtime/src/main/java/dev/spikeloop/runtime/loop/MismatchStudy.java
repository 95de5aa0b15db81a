package dev.spikeloop.runtime.loop;

import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.DtAdvisor;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.data.YinYang;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.runtime.train.FloatEvaluator;
import dev.spikeloop.runtime.train.NetworkShape;
import dev.spikeloop.runtime.train.TrainingListener;
import dev.spikeloop.runtime.train.WorkerPool;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The mismatch study (benchmark): a chip that differs from what the compiler assumed loses
 * accuracy after plain compilation; fine-tuning in the loop recovers it, fine-tuning the float model
 * in software (same loop, gradients from the float model alone) does not. All device figures are
 * measured on the emulator, the mismatched chip being a {@link MismatchedDevice}.
 */
public final class MismatchStudy {

    /**
     * The study's figures (device accuracies on the validation set, as fractions).
     *
     * @param floatAccuracy the float model
     * @param ideal         compiled, on a chip exactly as the compiler assumed
     * @param mismatched    compiled, on the mismatched chip
     * @param inTheLoop     after in-the-loop fine-tuning on the mismatched chip
     * @param software      after software fine-tuning, on the mismatched chip
     */
    public record Result(double floatAccuracy, double ideal, double mismatched, double inTheLoop, double software) {
        /** Fraction of the loss ({@code ideal - mismatched}) that in-the-loop fine-tuning won back. */
        public double inTheLoopRecovery() {
            return (inTheLoop - mismatched) / (ideal - mismatched);
        }

        /** Fraction of the loss that software fine-tuning won back. */
        public double softwareRecovery() {
            return (software - mismatched) / (ideal - mismatched);
        }
    }

    private MismatchStudy() {
    }

    /** Runs the study for one model and mismatch. */
    public static Result run(FloatNetwork model, double dt, LabelledDataset train, LabelledDataset validation,
                             Mismatch mismatch, FineTuneSettings settings, WorkerPool pool) {
        Compilation compiled = NetworkCompiler.compile(model, CompileOptions.defaults().withDt(dt));
        ChipLayout layout = ChipLayout.of(compiled);
        LoopData tr = LoopData.encode(train, SpikeEncoder.DEFAULT, layout.dt());
        LoopData va = LoopData.encode(validation, SpikeEncoder.DEFAULT, layout.dt());
        double floatAcc = new FloatEvaluator(model, SpikeEncoder.DEFAULT, settings.tau0(), pool).evaluate(validation)
                .accuracy();
        double ideal;
        try (Device d = new EmulatorDevice()) {
            d.apply(compiled.config());
            ideal = new DeviceEvaluator(d, layout).evaluate(va).accuracy();
        }
        FineTuneResult loop;
        try (Device d = new MismatchedDevice(new EmulatorDevice(), mismatch)) {
            loop = new FineTuner(d, model, compiled, settings, DeviceGradientSource.of(layout, settings))
                    .run(tr, va, FineTuneListener.NONE, null, false);
        }
        FineTuneResult software;
        try (Device d = new MismatchedDevice(new EmulatorDevice(), mismatch)) {
            software = new FineTuner(d, model, compiled, settings.withCalibrate(false), SoftwareGradientSource.of(settings))
                    .run(tr, va, FineTuneListener.NONE, null, false);
        }
        // Software fine-tuning never sees the chip: its figure is the configuration of its last epoch
        // (the chip validated it after that epoch), not one picked by the chip's validation, which
        // would leak the chip into the baseline.
        double softwareLast = software.history().get(software.history().size() - 1).stats().validationAccuracy();
        return new Result(floatAcc, ideal, loop.before().accuracy(), loop.after().accuracy(), softwareLast);
    }

    /**
     * {@code MismatchStudy [MODEL.json|-] [MISMATCH...]}: with {@code -} (or no arguments) a
     * chip-aware model is trained first ({@link ChipAwareTraining} at the auto step, 120 hidden, 30 epochs). Prints one
     * line per mismatch. System properties {@code epochs} (default 6) and {@code lr} (default 0.01)
     * set the fine-tuning (both arms alike), {@code dt} the chip's step: {@code auto} (default, as
     * {@code compile --dt auto}) or seconds; {@code calibrate=false} turns the in-the-loop arm's
     * calibration off.
     */
    public static void main(String[] args) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        LabelledDataset train = YinYang.generate(5000, 42);
        LabelledDataset validation = YinYang.generate(1000, 41);
        int epochs = Integer.getInteger("epochs", 6);
        double lr = Double.parseDouble(System.getProperty("lr", "0.01"));
        FineTuneSettings settings = FineTuneSettings.defaults().withEpochs(epochs).withLearningRate(lr)
                .withCalibrate(Boolean.parseBoolean(System.getProperty("calibrate", "true")));
        try (WorkerPool pool = new WorkerPool(threads)) {
            FloatNetwork model;
            if (args.length == 0 || args[0].equals("-")) {
                long t0 = System.nanoTime();
                double trainDt = ChipAwareTraining.autoDt(NetworkShape.of(5, new int[] {120}, 3), CompileOptions.DEFAULT_DT);
                model = ChipAwareTraining.at(trainDt).train(train, validation, 120, 30, 1, pool, TrainingListener.NONE)
                        .best();
                System.out.printf(Locale.ROOT, "trained a chip-aware 5-120-3 model in %.0f s%n", (System.nanoTime() - t0) / 1e9);
            } else {
                model = NetworkJson.read(Path.of(args[0]));
            }
            String dtText = System.getProperty("dt", "auto");
            double dt = dtText.equals("auto")
                    ? DtAdvisor.autoDt(model, CompileOptions.DEFAULT_DT, CompileOptions.defaults().chipProfile().maxDash())
                    .orElseThrow(() -> new IllegalArgumentException("no time step up to 1 ms realises the model's time constants"))
                    : Double.parseDouble(dtText);
            System.out.printf(Locale.ROOT, "chip step dt = %.4g ms%n", 1e3 * dt);
            String[] mismatches = args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length)
                    : new String[] {"dash-mem=-1", "dash-syn=+1", "threshold=0.85,spread=0.05,seed=3"};
            System.out.println("| mismatch | float | compiled, ideal chip | compiled, mismatched chip | in the loop "
                    + "| software | recovered in the loop | recovered in software | time (s) |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            for (String m : mismatches) {
                long t0 = System.nanoTime();
                Result r = run(model, dt, train, validation, Mismatch.parse(m), settings, pool);
                System.out.printf(Locale.ROOT, "| `%s` | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f%% | %.0f%% | %.0f |%n", m,
                        100 * r.floatAccuracy(), 100 * r.ideal(), 100 * r.mismatched(), 100 * r.inTheLoop(),
                        100 * r.software(), 100 * r.inTheLoopRecovery(), 100 * r.softwareRecovery(),
                        (System.nanoTime() - t0) / 1e9);
            }
        }
    }
}
