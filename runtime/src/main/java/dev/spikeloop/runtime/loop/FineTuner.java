package dev.spikeloop.runtime.loop;

import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.runtime.fp.GuardCounts;
import dev.spikeloop.runtime.train.Adam;
import dev.spikeloop.runtime.train.EpochStats;
import dev.spikeloop.runtime.train.Evaluation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Fine-tunes a compiled network on a device (chip-in-the-loop training).
 *
 * <p>Float shadow weights are kept on the host. For every mini-batch the {@link GradientSource}
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
    private final ParameterLayout params;

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
        this.params = new ParameterLayout(settings.trainThresholds());
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
        double[] unit = params.units(model);
        String dataId = describeData(train, validation, p);
        Adam adam = new Adam(p.length);
        List<FineTuneEpoch> history = new ArrayList<>();
        int firstEpoch = 0;
        long flashes = 0;
        Evaluation before;
        double[] bestParams;
        int bestEpoch;
        Evaluation best;
        Compilation current;
        if (resume && checkpoint != null && Files.exists(checkpoint)) {
            FineTuneCheckpoint c = FineTuneCheckpoint.read(checkpoint);
            requireMatch(checkpoint, c, dataId, p.length);
            p = c.params().clone();
            adam = Adam.restore(c.adam(), Adam.Settings.DEFAULT);
            history.addAll(c.history());
            firstEpoch = c.epochsDone();
            flashes = c.flashes() + calibrationWrites;
            before = c.before();
            bestParams = c.bestParams().clone();
            bestEpoch = c.bestEpoch();
            best = c.best();
            current = requantize(p);
            flashes += writeIfChanged(current);
        } else {
            current = compilation;
            flashes += calibrationWrites + writeIfChanged(current);
            before = evaluator.evaluate(validation);
            bestParams = p.clone();
            bestEpoch = -1;
            best = before;
        }
        int batches = (train.size() + settings.batchSize() - 1) / settings.batchSize();
        listener.started(firstEpoch, settings.epochs(), batches);
        for (int epoch = firstEpoch; epoch < settings.epochs(); epoch++) {
            long start = System.nanoTime();
            int[] order = shuffled(train.size(), settings.seed() + epoch);
            double lossSum = 0;
            int correct = 0;
            int seen = 0;
            int skipped = 0;
            int outside = 0;
            long epochFlashes = 0;
            GuardCounts guards = GuardCounts.NONE;
            for (int b = 0; b < batches; b++) {
                int[] batch = Arrays.copyOfRange(order, b * settings.batchSize(),
                        Math.min(order.length, (b + 1) * settings.batchSize()));
                BatchGradient g = source.gradient(params.unflatten(chipForm, p), train, batch, device, params);
                step(adam, p, g.gradient(), unit);
                current = requantize(p);
                epochFlashes += writeIfChanged(current);
                lossSum += g.lossSum();
                correct += g.correct();
                seen += g.samples();
                skipped += g.skippedSamples();
                outside += g.outsideWindow();
                guards = guards.plus(g.guards());
                listener.batchDone(epoch, b, lossSum / seen, (double) correct / seen);
            }
            DeviceScore val = evaluator.score(validation, settings.tau0());
            flashes += epochFlashes;
            boolean isBest = val.accuracy() > best.accuracy();
            if (isBest) {
                best = val.evaluation();
                bestParams = p.clone();
                bestEpoch = epoch;
            }
            EpochStats stats = new EpochStats(epoch, settings.learningRate(), lossSum / seen, (double) correct / seen,
                    val.loss(), val.accuracy(), (System.nanoTime() - start) / 1e9);
            FineTuneEpoch record = new FineTuneEpoch(stats, guards, (int) epochFlashes, skipped, outside);
            history.add(record);
            if (checkpoint != null) {
                new FineTuneCheckpoint(FineTuneCheckpoint.FORMAT, settings.describe(), dataId, epoch + 1, p,
                        adam.state(), bestParams, bestEpoch, best, before, flashes, history).write(checkpoint);
            }
            listener.epochDone(record, isBest);
        }
        Compilation bestCompilation = bestEpoch < 0 ? compilation : requantize(bestParams);
        flashes += writeIfChanged(bestCompilation);
        return new FineTuneResult(params.unflatten(model, bestParams), bestCompilation, before, best, bestEpoch,
                flashes, history, calibration);
    }

    /**
     * One Adam step in units of each parameter's natural size ({@link ParameterLayout#units}): Adam
     * moves {@code p / unit} with the gradient {@code g * unit}, so the learning rate is relative to
     * each layer's weight scale.
     */
    private void step(Adam adam, double[] p, double[] g, double[] unit) {
        double[] q = new double[p.length];
        double[] gq = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            q[i] = p[i] / unit[i];
            gq[i] = g[i] * unit[i];
        }
        adam.step(q, gq, settings.learningRate());
        for (int i = 0; i < p.length; i++) {
            p[i] = q[i] * unit[i];
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
        if (c.params().length != size || c.bestParams().length != size) {
            throw new IllegalArgumentException(path + ": checkpoint has " + c.params().length
                    + " parameters, the model has " + size);
        }
        if (c.epochsDone() > settings.epochs()) {
            throw new IllegalArgumentException(path + ": checkpoint is after epoch " + c.epochsDone()
                    + ", more than the " + settings.epochs() + " epochs asked for");
        }
    }

    private static String describeData(LoopData train, LoopData validation, double[] start) {
        return String.format(Locale.ROOT, "train=%d/%08x val=%d/%08x start=%08x", train.size(),
                train.rasters().hashCode(), validation.size(), validation.rasters().hashCode(), Arrays.hashCode(start));
    }

    /** A permutation of {@code 0..n-1} from {@code seed} (Fisher-Yates; SplittableRandom's algorithm is fixed). */
    static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
