package dev.spikeloop.runtime.train;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.network.data.EncodedFeatures;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.data.LabelledSpikes;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.runtime.fp.GradientEngine;
import dev.spikeloop.runtime.fp.Gradients;
import dev.spikeloop.runtime.fp.BurstPenalty;
import dev.spikeloop.runtime.fp.Loss;
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
 * <p>Per batch, every sample is simulated and differentiated on its own (in parallel on the
 * {@link WorkerPool}); the per-sample gradients are then summed in batch order, so a run is
 * reproducible bit for bit from its seed whatever the number of threads. Each epoch the samples are
 * shuffled by a permutation derived from the seed and the epoch number alone, the network is
 * validated, the best network (highest validation accuracy, earlier epoch on ties) is kept, and a
 * {@link Checkpoint} is written atomically; a run resumed from it continues exactly as the
 * uninterrupted run would have.
 */
public final class Trainer {
    /** Fraction of a hidden layer that may be silent in a sample before the hidden push acts. */
    static final double MAX_SILENT_HIDDEN = 0.3;

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
     * The initial network: {@link WeightInit#calibrated} on up to 128 training samples chosen by the seed.
     */
    public FloatNetwork initialNetwork(NetworkShape shape, LabelledDataset train, SpikeEncoder encoder,
                                       WorkerPool pool) {
        return initialNetwork(shape, new EncodedFeatures(train, encoder), pool);
    }

    /** The same for samples that are already spike trains (e.g. a spike data set). */
    public FloatNetwork initialNetwork(NetworkShape shape, LabelledSpikes train, WorkerPool pool) {
        int n = Math.min(128, train.size());
        int[] perm = permutation(train.size(), options.seed(), -1);
        List<InputSpikes> probe = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            probe.add(train.input(perm[k]));
        }
        return WeightInit.calibrated(shape, probe, options.seed(), options.init(), pool);
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
        int classes = initial.outputLayer().size();
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
        NetworkParameters layout = new NetworkParameters(initial);
        String settings = options.fingerprint() + ";forward=" + forwardModel.name()
                + (rule instanceof FirstSpikeRule ? "" : ";rule=" + rule.describe())
                + ";net=" + layout.size() + ":"
                + Arrays.hashCode(layout.flatten(initial)) + ";train=" + train.fingerprint() + ";validation="
                + (validation == null ? "0" : validation.fingerprint());

        double[] params = layout.flatten(initial);
        double[] scale = layerScales(initial, params.length);
        boolean[] fixedZero = fixedZeros(initial, params);
        Adam adam = new Adam(params.length);
        double[] best = params.clone();
        int bestEpoch = -1;
        double bestAcc = Double.NEGATIVE_INFINITY;
        List<EpochStats> history = new ArrayList<>();
        int start = 0;
        if (resume && checkpoint != null && Files.exists(checkpoint)) {
            Checkpoint c = Checkpoint.read(checkpoint);
            if (!c.settings().equals(settings)) {
                throw new IllegalArgumentException(checkpoint + ": the checkpoint belongs to a run with other "
                        + "settings or data; start without --resume or use the same options.\n  checkpoint: "
                        + c.settings() + "\n  this run:   " + settings);
            }
            c.requireFits(checkpoint, params.length, options.epochs());
            params = c.params().clone();
            adam = Adam.restore(c.adam(), Adam.Settings.DEFAULT);
            best = c.bestParams().clone();
            bestEpoch = c.bestEpoch();
            bestAcc = c.bestValidationAccuracy();
            history.addAll(c.history());
            start = c.epochsDone();
        }

        int batches = (train.size() + options.batchSize() - 1) / options.batchSize();
        listener.started(start, options.epochs(), batches);
        for (int epoch = start; epoch < options.epochs(); epoch++) {
            long t0 = System.nanoTime();
            double lr = options.schedule().rate(epoch);
            int[] perm = permutation(train.size(), options.seed(), epoch);
            double lossSum = 0;
            int correct = 0;
            int seen = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * options.batchSize();
                int[] idx = Arrays.copyOfRange(perm, from, Math.min(train.size(), from + options.batchSize()));
                FloatNetwork net = forwardModel.apply(layout.unflatten(params));
                int ep = epoch;
                List<SampleStep> steps = pool.map(idx.length,
                        k -> sampleStep(net, jittered(inputs.get(idx[k]), ep, idx[k]), labels[idx[k]]));
                double[] grad = reduce(steps, params.length);
                for (int k = 0; k < grad.length; k++) {
                    if (fixedZero[k]) {
                        grad[k] = 0;   // Adam leaves a parameter with zero gradient and moments where it is
                    }
                }
                adamStep(adam, params, grad, scale, lr);
                for (int k = 0; k < steps.size(); k++) {
                    lossSum += steps.get(k).loss();
                    if (steps.get(k).predicted() == labels[idx[k]]) {
                        correct++;
                    }
                }
                seen += idx.length;
                listener.batchDone(epoch, b, lossSum / seen, correct / (double) seen);
            }
            FloatNetwork now = layout.unflatten(params);
            listener.networkAfterEpoch(epoch, now);
            double valLoss = Double.NaN;
            double valAcc = Double.NaN;
            if (validation != null) {
                FloatEvaluator.Result r = new FloatEvaluator(forwardModel.apply(now), SpikeEncoder.DEFAULT,
                        rule, pool).evaluateWithLoss(validation);
                valLoss = r.meanLoss();
                valAcc = r.evaluation().accuracy();
            }
            double score = validation == null ? Double.POSITIVE_INFINITY : valAcc;
            boolean isBest = validation == null || score > bestAcc;
            if (isBest) {
                best = params.clone();
                bestEpoch = epoch;
                bestAcc = validation == null ? Double.NaN : valAcc;
            }
            EpochStats stats = new EpochStats(epoch, lr, lossSum / seen, correct / (double) seen, valLoss, valAcc,
                    (System.nanoTime() - t0) / 1e9);
            history.add(stats);
            if (checkpoint != null) {
                new Checkpoint(Checkpoint.FORMAT, settings, epoch + 1, params, adam.state(), best, bestEpoch,
                        bestAcc, history).write(checkpoint);
            }
            listener.epochDone(stats, isBest);
            if (isBest) {
                listener.newBest(layout.unflatten(best), stats);
            }
        }
        TrainingResult result = new TrainingResult(layout.unflatten(best), bestEpoch,
                validation == null ? Double.NaN : bestAcc, layout.unflatten(params), history);
        listener.finished(result);
        return result;
    }

    /**
     * One Adam step in units of each layer's initial weight scale: Adam moves every parameter by about
     * the learning rate whatever its gradient, so without this a layer of small weights (large fan-in)
     * would change far faster, relative to its size, than a layer of large ones. With
     * {@code theta = w / s} the step is taken on {@code theta}, i.e. {@code w} moves by about {@code lr * s}.
     */
    private static void adamStep(Adam adam, double[] params, double[] grad, double[] scale, double lr) {
        double[] theta = new double[params.length];
        double[] g = new double[params.length];
        for (int k = 0; k < params.length; k++) {
            theta[k] = params[k] / scale[k];
            g[k] = grad[k] * scale[k];
        }
        adam.step(theta, g, lr);
        for (int k = 0; k < params.length; k++) {
            params[k] = theta[k] * scale[k];
        }
    }

    /** Per parameter: the RMS of its layer's initial feed-forward weights (1 for an all-zero layer). */
    private static double[] layerScales(FloatNetwork net, int size) {
        double[] s = new double[size];
        int k = 0;
        for (int l = 0; l < net.layerCount(); l++) {
            LayerSpec layer = net.layer(l);
            double sum = 0;
            int n = 0;
            for (double[] row : layer.weights()) {
                for (double w : row) {
                    sum += w * w;
                    n++;
                }
            }
            double rms = n == 0 || sum == 0 ? 1.0 : Math.sqrt(sum / n);
            int count = layer.size() * net.fanIn(l) + (layer.hasRecurrent() ? layer.size() * layer.size() : 0);
            java.util.Arrays.fill(s, k, k + count, rms);
            k += count;
        }
        return s;
    }

    /**
     * The recurrent entries that are exactly 0 in the initial network: a sparse recurrent matrix's mask
     * ({@link SparseRecurrence}), kept in training so the connection count stays what the chip allows.
     */
    private static boolean[] fixedZeros(FloatNetwork net, double[] params) {
        boolean[] z = new boolean[params.length];
        for (int l = 0; l < net.layerCount(); l++) {
            LayerSpec layer = net.layer(l);
            if (!layer.hasRecurrent()) {
                continue;
            }
            int off = weightOffset(net, l) + layer.size() * net.fanIn(l);
            for (int k = 0; k < layer.size() * layer.size(); k++) {
                z[off + k] = params[off + k] == 0;
            }
        }
        return z;
    }

    /** What one sample contributes to a batch. */
    record SampleStep(double loss, int predicted, double[] grad, int[][] counts, boolean usable) {
    }

    private SampleStep sampleStep(FloatNetwork net, InputSpikes in, int label) {
        CapturingLoss loss = new CapturingLoss(new SilentLabelGate(rule.loss(label, net.tEnd()), label));
        BurstPenalty penalty = rule.penalty();
        Loss full = penalty == null ? loss : new RegularisedLoss(loss, penalty);
        Gradients g = new GradientEngine(options.mode()).simulateAndGradient(net, in, full);
        SpikeRecord rec = loss.record();
        int last = net.layerCount() - 1;
        int[][] counts = new int[net.layerCount()][];
        for (int l = 0; l < counts.length; l++) {
            counts[l] = new int[net.layer(l).size()];
            for (int i = 0; i < counts[l].length; i++) {
                counts[l][i] = rec.times(l, i).length;
            }
        }
        int predicted = rule.decide(rec.outputTimes(), net.tEnd()).predicted();
        double[] grad = new NetworkParameters(net).flatten(g.weights(), g.recurrent());
        boolean usable = Double.isFinite(g.loss());
        for (double v : grad) {
            if (!Double.isFinite(v)) {
                usable = false;
                break;
            }
        }
        if (usable && options.clip() > 0) {
            double norm = 0;
            for (double v : grad) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            if (norm > options.clip()) {
                double f = options.clip() / norm;
                for (int k = 0; k < grad.length; k++) {
                    grad[k] *= f;
                }
            }
        }
        if (usable && options.deadPush() > 0) {
            // Hidden layers must keep firing too: when more than MAX_SILENT_HIDDEN of a layer is silent
            // in a sample, each of its silent neurons is pushed towards threshold (Goltz et al.'s
            // "weight bumping" with a tolerance for sparse hidden activity, as a gradient term).
            for (int l = 0; l < last; l++) {
                int silent = 0;
                for (int c : counts[l]) {
                    silent += c == 0 ? 1 : 0;
                }
                if (silent > MAX_SILENT_HIDDEN * counts[l].length) {
                    double[] pre = unit(presynapticCounts(in, counts, l));
                    int fanIn = net.fanIn(l);
                    for (int i = 0; i < counts[l].length; i++) {
                        if (counts[l][i] == 0) {
                            int off = weightOffset(net, l) + i * fanIn;
                            for (int j = 0; j < fanIn; j++) {
                                grad[off + j] -= options.deadPush() * pre[j];
                            }
                        }
                    }
                }
            }
        }
        if (usable && options.silentPush() > 0) {
            // Every output must fire (the wrong ones late): a silent output has no exact gradient, and
            // silencing the wrong outputs is where the ttfs loss drifts when nothing stops it.
            double[] pre = unit(presynapticCounts(in, counts, last));
            for (int k = 0; k < counts[last].length; k++) {
                if (counts[last][k] == 0) {
                    int off = weightOffset(net, last) + k * net.fanIn(last);
                    for (int j = 0; j < pre.length; j++) {
                        grad[off + j] -= options.silentPush() * pre[j];
                    }
                }
            }
        }
        return new SampleStep(g.loss(), predicted, grad, counts, usable);
    }

    /** Mean of the usable per-sample gradients, summed in batch order (reproducible for any thread count). */
    private static double[] reduce(List<SampleStep> steps, int size) {
        double[] sum = new double[size];
        int used = 0;
        for (SampleStep s : steps) {
            if (!s.usable()) {
                continue; // a degenerate sample (e.g. a grazing threshold crossing) is skipped, not fatal
            }
            used++;
            for (int k = 0; k < size; k++) {
                sum[k] += s.grad()[k];
            }
        }
        if (used > 0) {
            for (int k = 0; k < size; k++) {
                sum[k] /= used;
            }
        }
        return sum;
    }

    /** {@code v} scaled to unit L2 norm (unchanged if zero), so that a push has the size its option says. */
    private static double[] unit(double[] v) {
        double n = 0;
        for (double x : v) {
            n += x * x;
        }
        if (n > 0) {
            n = Math.sqrt(n);
            for (int k = 0; k < v.length; k++) {
                v[k] /= n;
            }
        }
        return v;
    }

    private static double[] presynapticCounts(InputSpikes in, int[][] counts, int layer) {
        if (layer == 0) {
            double[] c = new double[in.channels()];
            for (int j = 0; j < c.length; j++) {
                c[j] = in.times(j).length;
            }
            return c;
        }
        return Arrays.stream(counts[layer - 1]).asDoubleStream().toArray();
    }

    /** Index of layer {@code l}'s first feed-forward weight in the {@link NetworkParameters} layout. */
    private static int weightOffset(FloatNetwork net, int l) {
        int off = 0;
        for (int p = 0; p < l; p++) {
            LayerSpec layer = net.layer(p);
            off += layer.size() * net.fanIn(p) + (layer.hasRecurrent() ? layer.size() * layer.size() : 0);
        }
        return off;
    }

    private static void requireLabels(LabelledSpikes d, int classes, String which) {
        for (int i = 0; i < d.size(); i++) {
            if (d.label(i) >= classes) {
                throw new IllegalArgumentException(which + " sample " + i + " has label " + d.label(i)
                        + " but the network has only " + classes + " outputs");
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

    /** The shuffle of epoch {@code epoch} (-1: the init probe), a function of the seed and epoch alone. */
    static int[] permutation(int n, long seed, int epoch) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L * (epoch + 2L));
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
