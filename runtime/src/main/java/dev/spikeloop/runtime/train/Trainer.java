package dev.spikeloop.runtime.train;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.network.data.EncodedFeatures;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.data.LabelledSpikes;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.runtime.fp.BurstPenalty;
import dev.spikeloop.runtime.fp.GradientEngine;
import dev.spikeloop.runtime.fp.Gradients;
import dev.spikeloop.runtime.fp.Loss;
import dev.spikeloop.runtime.fp.ParameterVector;
import dev.spikeloop.runtime.fp.RegularisedLoss;
import dev.spikeloop.runtime.sim.SpikeRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mini-batch training of a float network with Adam on the exact spike-time gradients of the FP
 * engine ({@link GradientEngine}), with the {@code ttfs} loss and the regularisers of
 * {@link TrainingOptions}.
 *
 * <p>The epochs are the one {@link EpochLoop} that fine-tuning runs too; this class is its software
 * task. Per batch, every sample is simulated and differentiated on its own (in parallel on the
 * {@link WorkerPool}); the per-sample gradients, finished by {@link SampleGradient#finish} (clip and
 * {@link ActivityPush}), are then summed in batch order, so a run is reproducible bit for bit from
 * its seed whatever the number of threads. Each epoch the samples are shuffled by a permutation
 * derived from the seed and the epoch number alone, the network is validated, the best network
 * (highest validation accuracy, earlier epoch on ties) is kept, and a {@link Checkpoint} is written
 * atomically; a run resumed from it continues exactly as the uninterrupted run would have.
 */
public final class Trainer {
    private final TrainingOptions options;
    private final ForwardModel forwardModel;
    private final DecisionRule rule;

    /** A trainer whose forward pass runs the trained network itself. */
    public Trainer(TrainingOptions options) {
        this(options, ForwardModel.FLOAT);
    }

    /**
     * A trainer whose forward pass, gradients and validation (and so the choice of the best epoch)
     * run {@code forwardModel} of the trained (shadow) network, and whose gradients update the shadow
     * weights: with the chip's quantised equivalent this is quantisation-aware training
     * ({@code ChipAwareTraining}).
     */
    public Trainer(TrainingOptions options, ForwardModel forwardModel) {
        this(options, forwardModel, new FirstSpikeRule(options.tau0(), options.gamma(), options.tau1()));
    }

    /**
     * A trainer with another decision rule and loss (e.g. the temporal {@link CountRule} for streams);
     * validation, and so the best epoch, uses the same rule.
     */
    public Trainer(TrainingOptions options, ForwardModel forwardModel, DecisionRule rule) {
        this.options = options;
        this.forwardModel = forwardModel;
        this.rule = rule;
    }

    /** The decision rule trained for. */
    public DecisionRule rule() {
        return rule;
    }

    /** The options. */
    public TrainingOptions options() {
        return options;
    }

    /**
     * The initial network: {@link WeightInit#calibrated} on up to 128 training samples chosen by the seed
     * ({@link WeightInit#calibratedWithReadout}, a membrane readout output layer, for a rule that reads
     * membranes).
     */
    public FloatNetwork initialNetwork(NetworkShape shape, LabelledDataset train, SpikeEncoder encoder,
                                       WorkerPool pool) {
        return initialNetwork(shape, new EncodedFeatures(train, encoder), pool);
    }

    /** The same for samples that are already spike trains (e.g. a spike data set). */
    public FloatNetwork initialNetwork(NetworkShape shape, LabelledSpikes train, WorkerPool pool) {
        int n = Math.min(128, train.size());
        int[] perm = EpochLoop.shuffle(train.size(), shuffleSeed(options.seed(), -1));
        List<InputSpikes> probe = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            probe.add(train.input(perm[k]));
        }
        return rule.readsMembranes() ? WeightInit.calibratedWithReadout(shape, probe, options.seed(), options.init(),
                rule instanceof MembraneRule m ? m.windows() : dev.spikeloop.runtime.fp.ReadoutWindows.ONE, pool)
                : WeightInit.calibrated(shape, probe, options.seed(), options.init(), pool);
    }

    /**
     * Trains {@code initial} on {@code train}, validating on {@code validation} (may be null).
     *
     * @param checkpoint where to write a checkpoint after every epoch (null: none)
     * @param resume     continue from {@code checkpoint} if it exists (it must come from a run with the
     *                   same options, data and initial network)
     */
    public TrainingResult train(FloatNetwork initial, LabelledDataset train, LabelledDataset validation,
                                SpikeEncoder encoder, Path checkpoint, boolean resume, TrainingListener listener,
                                WorkerPool pool) {
        if (train.size() > 0 && encoder.channels(train.featureCount()) != initial.inputs()) {
            throw new IllegalArgumentException("the data has " + train.featureCount() + " features, encoded to "
                    + encoder.channels(train.featureCount()) + " input channels, but the network has "
                    + initial.inputs() + " inputs");
        }
        return train(initial, new EncodedFeatures(train, encoder),
                validation == null ? null : new EncodedFeatures(validation, encoder), checkpoint, resume, listener, pool);
    }

    /**
     * Trains {@code initial} on samples that are already spike trains (a feature data set through
     * {@link EncodedFeatures}, or a spike data set), validating on {@code validation} (may be null).
     * Every sample is scored with the first-spike ({@code ttfs}) loss and decision; a spike data set's
     * many input spikes per channel are simply more input events (the temporal loss and readout are
     * issue 16's work).
     */
    public TrainingResult train(FloatNetwork initial, LabelledSpikes train, LabelledSpikes validation,
                                Path checkpoint, boolean resume, TrainingListener listener, WorkerPool pool) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("the training set is empty");
        }
        int classes = rule.classes(initial.outputLayer().size());
        requireLabels(train, classes, "training");
        if (validation != null) {
            requireLabels(validation, classes, "validation");
        }
        if (train.channels() != initial.inputs()) {
            throw new IllegalArgumentException("the data has " + train.channels() + " input channels, but the network "
                    + "has " + initial.inputs() + " inputs");
        }
        if (validation != null && validation.channels() != initial.inputs()) {
            throw new IllegalArgumentException("the validation data has " + validation.channels() + " input channels, "
                    + "but the network has " + initial.inputs() + " inputs");
        }
        List<InputSpikes> inputs = train.inputs();
        int[] labels = train.labels();
        ParameterVector vector = new ParameterVector(false);
        double[] params = vector.flatten(initial);
        vector.zeroSelfConnections(initial, params);   // self-connections have no effect in the model
        String settings = options.fingerprint() + ";forward=" + forwardModel.name()
                + (rule instanceof FirstSpikeRule ? "" : ";rule=" + rule.describe())
                + ";net=" + params.length + ":"
                + Arrays.hashCode(params) + ";train=" + train.fingerprint() + ";validation="
                + (validation == null ? "0" : validation.fingerprint());

        EpochLoop.State state = EpochLoop.State.start(params, Double.NEGATIVE_INFINITY);
        List<EpochStats> history = new ArrayList<>();
        if (resume && checkpoint != null && Files.exists(checkpoint)) {
            Checkpoint c = Checkpoint.read(checkpoint);
            if (!c.settings().equals(settings)) {
                throw new IllegalArgumentException(checkpoint + ": the checkpoint belongs to a run with other "
                        + "settings or data; start without --resume or use the same options.\n  checkpoint: "
                        + c.settings() + "\n  this run:   " + settings);
            }
            c.requireFits(checkpoint, params.length, options.epochs());
            state = c.state();
            history.addAll(c.history());
        }
        EpochLoop.Settings loop = new EpochLoop.Settings(options.epochs(), options.batchSize(),
                epoch -> options.schedule().rate(epoch), epoch -> shuffleSeed(options.seed(), epoch),
                vector.feedForwardUnits(initial), fixedZeros(initial, vector, params));
        SoftwareTask task = new SoftwareTask(this, initial, vector, inputs, labels, validation, settings, checkpoint,
                listener, history, pool);
        EpochLoop.State end = EpochLoop.run(task, loop, state, train.size(), listener);
        TrainingResult result = new TrainingResult(vector.unflatten(initial, end.best()), end.bestEpoch(),
                validation == null ? Double.NaN : end.bestScore(), vector.unflatten(initial, end.params()), history);
        listener.finished(result);
        return result;
    }

    /** Software training's side of the {@link EpochLoop}: the float simulator and the FP engine. */
    private record SoftwareTask(Trainer trainer, FloatNetwork initial, ParameterVector vector,
                                List<InputSpikes> inputs, int[] labels, LabelledSpikes validation, String settings,
                                Path checkpoint, TrainingListener listener, List<EpochStats> history,
                                WorkerPool pool) implements EpochLoop.Task {

        @Override
        public BatchGradient batch(double[] params, int epoch, int[] batch) {
            FloatNetwork net = trainer.forwardModel.apply(vector.unflatten(initial, params));
            List<SampleGradient> steps = pool.map(batch.length, k -> trainer.sampleGradient(net, vector,
                    trainer.jittered(inputs.get(batch[k]), epoch, batch[k]), labels[batch[k]]));
            return SampleGradient.sum(steps, params.length);
        }

        @Override
        public EpochLoop.Score validate(double[] params, int epoch) {
            FloatNetwork now = vector.unflatten(initial, params);
            listener.networkAfterEpoch(epoch, now);
            if (validation == null) {
                return null;
            }
            FloatEvaluator.Result r = new FloatEvaluator(trainer.forwardModel.apply(now), SpikeEncoder.DEFAULT,
                    trainer.rule, pool)
                    .evaluateWithLoss(validation);
            return new EpochLoop.Score(r.meanLoss(), r.evaluation().accuracy());
        }

        @Override
        public void epochDone(EpochLoop.EpochReport report, EpochLoop.State state) {
            history.add(report.stats());
            if (checkpoint != null) {
                new Checkpoint(Checkpoint.FORMAT, settings, state.epochsDone(), state.params(), state.adam(),
                        state.best(), state.bestEpoch(), state.bestScore(), history).write(checkpoint);
            }
            listener.epochDone(report.stats(), report.isBest());
            if (report.isBest()) {
                listener.newBest(vector.unflatten(initial, state.best()), report.stats());
            }
        }
    }

    /**
     * The recurrent entries that are exactly 0 in the initial network: a sparse recurrent matrix's mask
     * ({@link SparseRecurrence}), kept in training so the connection count stays what the chip allows.
     */
    private static boolean[] fixedZeros(FloatNetwork net, ParameterVector vector, double[] params) {
        boolean[] z = new boolean[params.length];
        for (int l = 0; l < net.layerCount(); l++) {
            LayerSpec layer = net.layer(l);
            if (!layer.hasRecurrent()) {
                continue;
            }
            int off = vector.weightOffset(net, l) + layer.size() * net.fanIn(l);
            for (int k = 0; k < layer.size() * layer.size(); k++) {
                z[off + k] = params[off + k] == 0;
            }
        }
        return z;
    }

    /** One sample of software training: simulated by the float model, differentiated by the FP engine. */
    private SampleGradient sampleGradient(FloatNetwork net, ParameterVector vector, InputSpikes in, int label) {
        Gradients g;
        SpikeRecord rec;
        if (rule.readsMembranes()) {
            // A membrane readout: the loss reads the whole run and the readout's weights (no output spikes to
            // gate or capture); the record comes with the gradient.
            GradientEngine.Result r = new GradientEngine(options.mode()).simulateWithSpikes(net, in, rule.loss(net, label, in));
            g = r.gradients();
            rec = r.spikes();
        } else {
            CapturingLoss loss = new CapturingLoss(new SilentLabelGate(rule.loss(label, net.tEnd()), label));
            BurstPenalty penalty = rule.penalty();
            Loss full = penalty == null ? loss : new RegularisedLoss(loss, penalty);
            g = new GradientEngine(options.mode()).simulateAndGradient(net, in, full);
            rec = loss.record();
        }
        boolean correct = rule.decide(net, rec, in).predicted() == label;
        double[] raw = null;
        if (Double.isFinite(g.loss())) {
            raw = vector.flattenGradient(net, g);
            vector.zeroSelfConnections(net, raw);
        }
        double[] inputCounts = new double[in.channels()];
        for (int j = 0; j < inputCounts.length; j++) {
            inputCounts[j] = in.times(j).length;
        }
        return SampleGradient.finish(raw, g.loss(), correct, g.guards(), 0, options.clip(),
                new ActivityPush(options.silentPush(), options.deadPush()), net, vector,
                ActivityPush.counts(rec, net), inputCounts);
    }

    private static void requireLabels(LabelledSpikes d, int classes, String which) {
        for (int i = 0; i < d.size(); i++) {
            if (d.label(i) >= classes) {
                throw new IllegalArgumentException(which + " sample " + i + " has label " + d.label(i)
                        + " but the network answers only " + classes + " classes (0.." + (classes - 1) + ")");
            }
        }
    }

    /**
     * The sample's input spikes moved by uniform noise of {@link TrainingOptions#inputJitter()} (the
     * input itself when it is 0). The noise is a function of seed, epoch and sample alone, so results do
     * not depend on the thread count; times stay >= 0 and each channel stays sorted.
     */
    private InputSpikes jittered(InputSpikes in, int epoch, int sample) {
        double j = options.inputJitter();
        if (j == 0) {
            return in;
        }
        SplittableRandom r = new SplittableRandom(options.seed() * 0x2545F4914F6CDD1DL + 0x9E3779B97F4A7C15L * epoch
                + 0xBF58476D1CE4E5B9L * sample);
        double[][] times = new double[in.times().length][];
        for (int c = 0; c < times.length; c++) {
            times[c] = in.times()[c].clone();
            for (int k = 0; k < times[c].length; k++) {
                times[c][k] = Math.max(0, times[c][k] + j * (2 * r.nextDouble() - 1));
            }
            Arrays.sort(times[c]);
        }
        return new InputSpikes(times);
    }

    /** The shuffle stream of epoch {@code epoch} (-1: the init probe), a function of the seed and epoch alone. */
    static long shuffleSeed(long seed, int epoch) {
        return seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L * (epoch + 2L);
    }
}
