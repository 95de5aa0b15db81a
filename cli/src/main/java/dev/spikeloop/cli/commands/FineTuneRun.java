package dev.spikeloop.cli.commands;

import dev.spikeloop.cli.plot.FineTunePlots;
import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.TimeStep;
import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.runtime.train.NetworkShape;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.data.DatasetCsv;
import dev.spikeloop.network.data.EncodedFeatures;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.data.LabelledSpikes;
import dev.spikeloop.network.spikedata.SpikeDatasetHdf5;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.runtime.loop.ChipLayout;
import dev.spikeloop.runtime.loop.Device;
import dev.spikeloop.runtime.loop.DeviceGradientSource;
import dev.spikeloop.runtime.loop.FineTuneResult;
import dev.spikeloop.runtime.loop.FineTuneSettings;
import dev.spikeloop.runtime.loop.FineTuner;
import dev.spikeloop.runtime.loop.GradientSource;
import dev.spikeloop.runtime.loop.LoopData;
import dev.spikeloop.runtime.loop.SoftwareGradientSource;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fine-tuning steps shared by {@code finetune} and {@code demo}: encode, tune with progress, plot. */
final class FineTuneRun {
    private FineTuneRun() {
    }

    /**
     * The step of a {@code --dt} for {@code net} on {@code profile}: its seconds, or for {@code auto}
     * the compiler's {@link TimeStep} rule.
     */
    static double resolveDt(TimeStep step, FloatNetwork net, ChipProfile profile) {
        return step.resolve(net, profile.maxDash());
    }

    /** The step of a {@code --chip-dt} for a network of {@code shape} not built yet (its nominal time constants). */
    static double resolveDt(TimeStep step, NetworkShape shape, ChipProfile profile) {
        return step.resolve(new double[] {shape.tauSyn(), shape.tauMem()}, profile.maxDash());
    }

    /** Encodes both data sets for the chip's step and fine-tunes on {@code device}. */
    static FineTuneResult run(Device device, FloatNetwork model, Compilation compilation, LabelledDataset train,
                              LabelledDataset validation, FineTuneSettings settings, boolean software,
                              Path checkpoint, boolean resume, PrintStream out) {
        int channels = SpikeEncoder.DEFAULT.channels(train.featureCount());
        if (channels != model.inputs()) {
            throw new IllegalArgumentException("the data has " + train.featureCount() + " features, encoded to "
                    + channels + " input channels, but the network has " + model.inputs() + " inputs");
        }
        return run(device, model, compilation, new EncodedFeatures(train, SpikeEncoder.DEFAULT),
                new EncodedFeatures(validation, SpikeEncoder.DEFAULT), settings, software, checkpoint, resume, out);
    }

    /**
     * A data file of {@code finetune}: a feature CSV through the project's spike encoder, or a spike
     * data set (HDF5) as it is.
     */
    static LabelledSpikes readData(Path file) {
        if (SpikeDataFiles.isSpikeData(file)) {
            return SpikeDatasetHdf5.read(file);
        }
        return new EncodedFeatures(DatasetCsv.read(file), SpikeEncoder.DEFAULT);
    }

    /**
     * Puts both data sets on the chip's step and fine-tunes on {@code device}; the settings' decision rule
     * (the temporal count rule for spike data sets from {@code finetune}) scores every sample.
     */
    static FineTuneResult run(Device device, FloatNetwork model, Compilation compilation, LabelledSpikes train,
                              LabelledSpikes validation, FineTuneSettings settings, boolean software,
                              Path checkpoint, boolean resume, PrintStream out) {
        if (train.channels() != model.inputs() || validation.channels() != model.inputs()) {
            throw new IllegalArgumentException("the data has " + train.channels() + " (validation "
                    + validation.channels() + ") input channels, but the network has " + model.inputs() + " inputs");
        }
        double dt = compilation.options().dt();
        int limit = compilation.options().chipProfile().maxInputCount();
        LoopData trainData = LoopData.encode(train, dt, limit);
        LoopData valData = LoopData.encode(validation, dt, limit);
        GradientSource source = software
                ? SoftwareGradientSource.of(settings)
                : DeviceGradientSource.of(ChipLayout.of(compilation), settings);
        FineTuner tuner = new FineTuner(device, model, compilation, settings, source);
        out.printf("fine-tuning on %s (%s gradients): %d training, %d validation samples, %d steps per sample%n",
                device.name(), source.name(), trainData.size(), valData.size(), tuner.layout().steps());
        return tuner.run(trainData, valData, new FineTuneProgress(out, source.name()), checkpoint, resume);
    }

    /**
     * Writes the plots of a run into {@code dir}: accuracies (with the float model's when finite),
     * training curves, guards and writes; returns the files.
     */
    static List<Path> writePlots(Path dir, FineTuneResult r, double floatAccuracy) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create plot directory " + dir + ": " + e.getMessage(), e);
        }
        Map<String, Double> acc = new LinkedHashMap<>();
        acc.put("float model", floatAccuracy);
        acc.put("compiled (device)", r.before().accuracy());
        acc.put("fine-tuned (device)", r.after().accuracy());
        Path bars = dir.resolve("finetune-accuracy.png");
        FineTunePlots.writeAccuracyBars(acc, "Validation accuracy before and after fine-tuning", bars);
        if (r.history().isEmpty()) {
            return List.of(bars);
        }
        Path curves = dir.resolve("finetune-curves.png");
        FineTunePlots.writeCurves(r.history(), curves);
        Path guards = dir.resolve("finetune-guards.png");
        FineTunePlots.writeGuards(r.history(), guards);
        return List.of(bars, curves, guards);
    }
}
