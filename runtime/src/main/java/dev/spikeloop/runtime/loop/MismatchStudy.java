package dev.spikeloop.runtime.loop;

import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.runtime.train.FloatEvaluator;
import dev.spikeloop.runtime.train.WorkerPool;


/**
 * The mismatch study (benchmark): a chip that differs from what the compiler assumed loses
 * accuracy after plain compilation; fine-tuning in the loop recovers it, fine-tuning the float model
 * in software (same loop, gradients from the float model alone) does not. All device figures are
 * measured on the emulator, the mismatched chip being a {@link MismatchedDevice}. Run it with
 * {@code spikeloop bench mismatch}.
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
}
