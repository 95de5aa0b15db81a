package dev.spikeloop.runtime.train;

import dev.spikeloop.runtime.fp.GuardCounts;
import dev.spikeloop.runtime.fp.ParameterVector;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;

/**
 * The one epoch loop of software training ({@link Trainer}) and in-the-loop fine-tuning
 * ({@code runtime.loop.FineTuner}): shuffling, mini-batches, the scaled Adam step on one
 * {@link ParameterVector}, validation after every epoch, the best-epoch rule and the state a
 * checkpoint holds to resume.
 *
 * <p>What differs between the two is only the {@link Task}: where a batch's spike times and
 * gradients come from (the float simulator, or a device plus the FP engine) and which network the
 * forward pass runs; what happens after a step (fine-tuning re-quantises and writes the device);
 * how an epoch is validated and where its checkpoint goes.
 */
public final class EpochLoop {

    private EpochLoop() {
    }

    /** The part that differs between training and fine-tuning. */
    public interface Task {
        /**
         * The mean gradient of the samples {@code batch} at the parameters {@code params} (which the
         * loop owns: read them, never keep or change them): the seam between software and chip.
         */
        BatchGradient batch(double[] params, int epoch, int[] batch);

        /** Called after every optimiser step; returns the device writes it took (0 in software). */
        default long stepped(double[] params) {
            return 0;
        }

        /** The validation score at the end of {@code epoch}, or null when there is no validation. */
        Score validate(double[] params, int epoch);

        /** After every epoch: the report and the state to checkpoint (a resumed run continues from it). */
        void epochDone(EpochReport report, State state);
    }

    /**
     * @param epochs      the last epoch (exclusive)
     * @param batchSize   samples per step
     * @param rate        learning rate of an epoch
     * @param shuffleSeed the shuffle stream of an epoch (a function of seed and epoch alone, so a
     *                    resumed run takes the batches the uninterrupted one would have)
     * @param units       the unit of every parameter: Adam steps {@code p / unit} (see {@link #step})
     * @param frozen      parameters kept where they are (null: none), e.g. a sparse recurrent mask
     */
    public record Settings(int epochs, int batchSize, IntToDoubleFunction rate, IntToLongFunction shuffleSeed,
                           double[] units, boolean[] frozen) {
    }

    /** A validation score: the loss and the accuracy, which alone decides the best epoch. */
    public record Score(double loss, double accuracy) {
    }

    /**
     * What a checkpoint holds.
     *
     * @param bestScore the best validation accuracy so far (the run's starting point before any epoch
     *                  was better; NaN without validation)
     */
    public record State(int epochsDone, double[] params, Adam.State adam, double[] best, int bestEpoch,
                        double bestScore) {

        /**
         * Checks this state, read from the checkpoint {@code path}, against the run that resumes it:
         * parameter counts, epochs within {@code 0..epochs}, and a best epoch and {@code historySize}
         * history entries that fit the epochs done.
         *
         * @throws IllegalArgumentException naming the file and what does not fit
         */
        public void requireFits(Path path, int parameters, int epochs, int historySize) {
            if (params.length != parameters || best.length != parameters || adam.m().length != parameters
                    || adam.v().length != parameters) {
                throw new IllegalArgumentException(path + ": checkpoint has " + params.length + " parameters, the "
                        + "network has " + parameters);
            }
            if (epochsDone < 0 || epochsDone > epochs) {
                throw new IllegalArgumentException(path + ": checkpoint is after epoch " + epochsDone + ", outside "
                        + "the 0.." + epochs + " epochs asked for");
            }
            if (bestEpoch < -1 || bestEpoch >= Math.max(epochsDone, 1) || historySize != epochsDone) {
                throw new IllegalArgumentException(path + ": checkpoint is inconsistent: best epoch " + bestEpoch
                        + " and " + historySize + " history entries after " + epochsDone + " epoch(s)");
            }
        }

        /** A fresh run from {@code params}, whose starting score an epoch must beat to be the best. */
        public static State start(double[] params, double startScore) {
            return new State(0, params.clone(), new Adam(params.length).state(), params.clone(), -1, startScore);
        }
    }

    /**
     * One epoch's figures.
     *
     * @param writes device writes during the epoch's steps
     * @param isBest whether this epoch is the new best
     */
    public record EpochReport(EpochStats stats, GuardCounts guards, long writes, int skipped, int outside,
                              boolean isBest) {
    }

    /**
     * Runs the epochs from {@code state.epochsDone()} to {@code settings.epochs()}.
     *
     * @param samples  the number of training samples
     * @param progress told of the start and of every batch
     * @return the state after the last epoch
     */
    public static State run(Task task, Settings settings, State state, int samples, EpochProgress progress) {
        double[] params = state.params().clone();
        Adam adam = Adam.restore(state.adam(), Adam.Settings.DEFAULT);
        double[] best = state.best().clone();
        int bestEpoch = state.bestEpoch();
        double bestScore = state.bestScore();
        int batches = (samples + settings.batchSize() - 1) / settings.batchSize();
        progress.started(state.epochsDone(), settings.epochs(), batches);
        for (int epoch = state.epochsDone(); epoch < settings.epochs(); epoch++) {
            long t0 = System.nanoTime();
            double lr = settings.rate().applyAsDouble(epoch);
            int[] order = shuffle(samples, settings.shuffleSeed().applyAsLong(epoch));
            BatchGradient seen = BatchGradient.none();
            long writes = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * settings.batchSize();
                int[] batch = Arrays.copyOfRange(order, from, Math.min(samples, from + settings.batchSize()));
                BatchGradient g = task.batch(params, epoch, batch);
                double[] grad = g.gradient();
                if (settings.frozen() != null) {
                    for (int k = 0; k < grad.length; k++) {
                        if (settings.frozen()[k]) {
                            grad[k] = 0;   // Adam leaves a parameter with zero gradient and moments where it is
                        }
                    }
                }
                step(adam, params, grad, settings.units(), lr);
                writes += task.stepped(params);
                seen = seen.plus(g);
                progress.batchDone(epoch, b, seen.lossSum() / seen.samples(),
                        (double) seen.correct() / seen.samples());
            }
            Score score = task.validate(params, epoch);
            // The best epoch: the highest validation accuracy, the earlier epoch on ties (and the
            // starting point unless an epoch beats it); without validation, the last epoch.
            boolean isBest = score == null || score.accuracy() > bestScore;
            if (isBest) {
                best = params.clone();
                bestEpoch = epoch;
                bestScore = score == null ? Double.NaN : score.accuracy();
            }
            EpochStats stats = new EpochStats(epoch, lr, seen.lossSum() / seen.samples(),
                    (double) seen.correct() / seen.samples(),
                    score == null ? Double.NaN : score.loss(), score == null ? Double.NaN : score.accuracy(),
                    (System.nanoTime() - t0) / 1e9);
            task.epochDone(new EpochReport(stats, seen.guards(), writes, seen.skippedSamples(), seen.outsideWindow(),
                            isBest),
                    new State(epoch + 1, params.clone(), adam.state(), best.clone(), bestEpoch, bestScore));
        }
        return new State(Math.max(state.epochsDone(), settings.epochs()), params, adam.state(), best, bestEpoch,
                bestScore);
    }

    /**
     * The one optimiser step: Adam in units of each parameter's natural size. Adam moves every
     * parameter by about the learning rate whatever its gradient, so without units a layer of small
     * weights (large fan-in) would change far faster, relative to its size, than a layer of large
     * ones. With {@code theta = p / unit} the step is taken on {@code theta}, i.e. {@code p} moves by
     * about {@code lr * unit}.
     */
    public static void step(Adam adam, double[] params, double[] grad, double[] units, double lr) {
        double[] theta = new double[params.length];
        double[] g = new double[params.length];
        for (int k = 0; k < params.length; k++) {
            theta[k] = params[k] / units[k];
            g[k] = grad[k] * units[k];
        }
        adam.step(theta, g, lr);
        for (int k = 0; k < params.length; k++) {
            params[k] = theta[k] * units[k];
        }
    }

    /**
     * The one shuffle: a Fisher-Yates permutation of {@code 0..n-1} drawn from the stream
     * {@code streamSeed} (SplittableRandom's algorithm is fixed, so runs repeat on every JVM).
     */
    public static int[] shuffle(int n, long streamSeed) {
        SplittableRandom r = new SplittableRandom(streamSeed);
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
