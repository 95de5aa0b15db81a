package dev.spikeloop.runtime.loop;

import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.runtime.fp.ParameterVector;
import dev.spikeloop.runtime.train.BatchGradient;
import dev.spikeloop.runtime.train.EpochLoop;
import dev.spikeloop.runtime.train.Evaluation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Fine-tunes a compiled network on a device (chip-in-the-loop training).
 *
 * <p>The epochs are the one {@link EpochLoop} that software training runs too; this class is its
 * chip task. Float shadow weights are kept on the host. For every mini-batch the {@link GradientSource}
 * supplies a gradient (in the loop: the device runs the batch and the FP engine evaluates the
 * float equations at the device's spike times), Adam updates the shadow weights, the compiler
 * re-quantises them with the scales of the first compilation ({@link NetworkCompiler#requantize},
 * so integer weights keep their meaning) and the device is written only when the configuration
 * changed. After every epoch the device itself validates; the best configuration is kept and is on
 * the device when {@link #run} returns. A checkpoint is written atomically after every epoch.
 *
 * <p>The FP equations are evaluated with what the chip realises, since that produced the device's
 * spikes: the time constants of the compiled decay shifts ({@link Compilation#chipForm}) or, with
 * calibration on, the decays and threshold factors identified from the device's spikes
 * ({@link ChipCalibration}). The returned model keeps the original time constants and thresholds so
 * it compiles to the same configuration again.
 */
public final class FineTuner {
    private final Device device;
    private final FloatNetwork model;
    private final Compilation compilation;
    private final FineTuneSettings settings;
    private final GradientSource source;
    private final ChipLayout layout;
    private final ParameterVector params;

    /**
     * @param device      the device to tune on (it may hold anything; the compiled configuration is written first)
     * @param model       the float network that was compiled
     * @param compilation its compilation; its scales are kept for every re-quantisation
     * @param settings    how to tune
     * @param source      where gradients come from ({@link DeviceGradientSource} for in-the-loop training)
     */
    public FineTuner(Device device, FloatNetwork model, Compilation compilation, FineTuneSettings settings,
                     GradientSource source) {
        compilation.mapping().requireSameShape(model);
        this.device = device;
        this.model = model;
        this.compilation = compilation;
        this.settings = settings;
        this.source = source;
        this.layout = ChipLayout.of(compilation);
        this.params = new ParameterVector(settings.trainThresholds());
    }

    /** In-the-loop fine-tuning: gradients at the device's spike times. */
    public static FineTuner inTheLoop(Device device, FloatNetwork model, Compilation compilation, FineTuneSettings settings) {
        return new FineTuner(device, model, compilation, settings,
                DeviceGradientSource.of(ChipLayout.of(compilation), settings));
    }

    /** Where the network sits on the chip and how many steps a sample runs. */
    public ChipLayout layout() {
        return layout;
    }

    /**
     * Runs the fine-tuning.
     *
     * @param train      training samples (encoded for the chip's step)
     * @param validation validation samples, scored on the device after every epoch
     * @param listener   progress
     * @param checkpoint where to write a checkpoint after every epoch, or null for none
     * @param resume     continue from {@code checkpoint} if it exists (settings and data must match)
     */
    public FineTuneResult run(LoopData train, LoopData validation, FineTuneListener listener, Path checkpoint,
                              boolean resume) {
        if (train.size() == 0 || validation.size() == 0) {
            throw new IllegalArgumentException("fine-tuning needs training and validation samples (got "
                    + train.size() + " and " + validation.size() + ")");
        }
        DeviceEvaluator evaluator = new DeviceEvaluator(device, layout, settings.rule());
        // The gradient model: the shadow weights with what the chip realises. The compiled time
        // constants, or (calibration on) those identified from the device's spikes with the compiled
        // configuration; the calibration is deterministic, so a resumed run finds the same.
        FloatNetwork chipForm = compilation.chipForm(model);
        ChipCalibration.Result calibration = null;
        long calibrationWrites = 0;
        if (settings.calibrate()) {
            calibrationWrites = writeIfChanged(compilation);
            calibration = ChipCalibration.defaults().calibrate(device, compilation, chipForm, layout, train,
                    !settings.trainThresholds());
            chipForm = calibration.model();
            listener.calibrated(calibration);
        }
        double[] p = params.flatten(model);
        String dataId = describeData(train, validation, p);
        List<FineTuneEpoch> history = new ArrayList<>();
        DeviceTask task = new DeviceTask(chipForm, train, validation, evaluator, listener, checkpoint, dataId, history);
        EpochLoop.State state;
        if (resume && checkpoint != null && Files.exists(checkpoint)) {
            FineTuneCheckpoint c = FineTuneCheckpoint.read(checkpoint);
            requireMatch(checkpoint, c, dataId, p.length);
            state = c.state();
            history.addAll(c.history());
            task.flashes = c.flashes() + calibrationWrites;
            task.before = c.before();
            task.best = c.best();
            task.flashes += writeIfChanged(requantize(state.params()));
        } else {
            task.flashes += calibrationWrites + writeIfChanged(compilation);
            task.before = evaluator.evaluate(validation);
            task.best = task.before;
            state = EpochLoop.State.start(p, task.before.accuracy());
        }
        EpochLoop.Settings loop = new EpochLoop.Settings(settings.epochs(), settings.batchSize(),
                epoch -> settings.learningRate(), epoch -> settings.seed() + epoch, params.units(model), null);
        EpochLoop.State end = EpochLoop.run(task, loop, state, train.size(), listener);
        Compilation bestCompilation = end.bestEpoch() < 0 ? compilation : requantize(end.best());
        long flashes = task.flashes + writeIfChanged(bestCompilation);
        return new FineTuneResult(params.unflatten(model, end.best()), bestCompilation, task.before, task.best,
                end.bestEpoch(), flashes, history, calibration);
    }

    /**
     * Fine-tuning's side of the {@link EpochLoop}: batch gradients from the {@link GradientSource} at
     * the shadow weights in chip form, the device re-written after every step, validation on the device.
     */
    private final class DeviceTask implements EpochLoop.Task {
        private final FloatNetwork chipForm;
        private final LoopData train;
        private final LoopData validation;
        private final DeviceEvaluator evaluator;
        private final FineTuneListener listener;
        private final Path checkpoint;
        private final String dataId;
        private final List<FineTuneEpoch> history;
        long flashes;
        Evaluation before;
        Evaluation best;
        private DeviceScore last;

        DeviceTask(FloatNetwork chipForm, LoopData train, LoopData validation, DeviceEvaluator evaluator,
                   FineTuneListener listener, Path checkpoint, String dataId, List<FineTuneEpoch> history) {
            this.chipForm = chipForm;
            this.train = train;
            this.validation = validation;
            this.evaluator = evaluator;
            this.listener = listener;
            this.checkpoint = checkpoint;
            this.dataId = dataId;
            this.history = history;
        }

        @Override
        public BatchGradient batch(double[] p, int epoch, int[] batch) {
            return source.gradient(params.unflatten(chipForm, p), train, batch, device, params);
        }

        @Override
        public long stepped(double[] p) {
            return writeIfChanged(requantize(p));
        }

        @Override
        public EpochLoop.Score validate(double[] p, int epoch) {
            last = evaluator.score(validation, settings.tau0());
            return new EpochLoop.Score(last.loss(), last.accuracy());
        }

        @Override
        public void epochDone(EpochLoop.EpochReport report, EpochLoop.State state) {
            flashes += report.writes();
            if (report.isBest()) {
                best = last.evaluation();
            }
            FineTuneEpoch record = new FineTuneEpoch(report.stats(), report.guards(), (int) report.writes(),
                    report.skipped(), report.outside());
            history.add(record);
            if (checkpoint != null) {
                new FineTuneCheckpoint(FineTuneCheckpoint.FORMAT, settings.describe(), dataId, state.epochsDone(),
                        state.params(), state.adam(), state.best(), state.bestEpoch(), best, before, flashes, history)
                        .write(checkpoint);
            }
            listener.epochDone(record, report.isBest());
        }
    }

    /** The configuration of the shadow parameters {@code p}, with the first compilation's scales. */
    private Compilation requantize(double[] p) {
        return NetworkCompiler.requantize(params.unflatten(model, p), compilation);
    }

    /** Writes {@code c} to the device unless it already holds exactly that configuration; 1 if written. */
    private int writeIfChanged(Compilation c) {
        if (c.config().equals(device.config())) {
            return 0;
        }
        device.apply(c.config());
        return 1;
    }

    private void requireMatch(Path path, FineTuneCheckpoint c, String dataId, int size) {
        if (!settings.describe().equals(c.settings())) {
            throw new IllegalArgumentException(path + ": checkpoint was written with other settings ("
                    + c.settings() + "; now " + settings.describe() + "); delete it or use the same settings");
        }
        if (!dataId.equals(c.data())) {
            throw new IllegalArgumentException(path + ": checkpoint was written for another model or data set ("
                    + c.data() + "; now " + dataId + "); delete it to start afresh");
        }
        c.state().requireFits(path, size, settings.epochs(), c.history().size());
    }

    private static String describeData(LoopData train, LoopData validation, double[] start) {
        return String.format(Locale.ROOT, "train=%d/%08x val=%d/%08x start=%08x", train.size(),
                train.rasters().hashCode(), validation.size(), validation.rasters().hashCode(), Arrays.hashCode(start));
    }
}
