package dev.spikeloop.runtime.bench;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.data.YinYang;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.runtime.fp.GradientEngine;
import dev.spikeloop.runtime.fp.GradientMode;
import dev.spikeloop.runtime.fp.Gradients;
import dev.spikeloop.runtime.fp.Loss;
import dev.spikeloop.runtime.fp.LossCone;
import dev.spikeloop.runtime.fp.TtfsLoss;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.SpikeRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The FP engine benchmark: on one 5-120-3 network and Yin-Yang samples (latency code with a bias
 * spike, {@link SpikeEncoder#DEFAULT}), the time per sample of one forward simulation, one gradient
 * in each order (simulation included) and the central finite-difference gradient (two simulations
 * per parameter), all measured in the same run on one thread (thread CPU time); then a batch
 * sequentially and in parallel across cores (wall time).
 */
public final class FpBenchmark {
    /** Figures of one run; times in microseconds per sample unless noted. */
    public record Figures(String network, int parameters, int samples, double spikesPerSample, double simulateMicros,
                          double adjointMicros, double fpMicros, double finiteDifferenceMicros, int fdSamples,
                          int cores, double batchSequentialMillis, double batchParallelMillis,
                          double maxOrderDifference, Cone cone) {
        public double adjointOverSimulate() {
            return adjointMicros / simulateMicros;
        }

        public double fpOverSimulate() {
            return fpMicros / simulateMicros;
        }

        public double finiteDifferenceOverAdjoint() {
            return finiteDifferenceMicros / adjointMicros;
        }

        public double finiteDifferenceOverFp() {
            return finiteDifferenceMicros / fpMicros;
        }

        public double parallelSpeedup() {
            return batchSequentialMillis / batchParallelMillis;
        }
    }

    /**
     * The causal cone's share of the work, measured in the same run: the gradient in each order without
     * the cone ({@link GradientEngine#withFullSolve()}, what the engine did before), the simulation up to
     * the cone's edge alone, the spikes solved per sample, and the largest relative difference between
     * the cone's gradient and the full solve's.
     */
    public record Cone(double adjointFullMicros, double fpFullMicros, double coneSimulateMicros,
                       double spikesSolvedPerSample, double outputSpikesPerSample, double maxDifferenceToFullSolve) {
    }

    /**
     * What is measured: a network, its input samples and one loss per sample.
     *
     * @param description a short name of the network for the report
     */
    public record Workload(String description, FloatNetwork net, List<InputSpikes> inputs, List<? extends Loss> losses) {
        public Workload {
            if (inputs.isEmpty() || inputs.size() != losses.size()) {
                throw new IllegalArgumentException("bench fp: need at least one sample and one loss per sample, got "
                        + inputs.size() + " samples and " + losses.size() + " losses");
            }
            for (InputSpikes in : inputs) {
                in.requireChannels(net.inputs());
            }
        }
    }

    private final Workload work;
    private final int samples;
    private final int fdSamples;
    private final int rounds;

    /**
     * @param hidden    hidden layer size (120 for the figures)
     * @param samples   samples per timing round
     * @param fdSamples samples for the finite-difference gradient (it is ~2 x parameters simulations each)
     * @param rounds    timing rounds; the best round counts (the first rounds also warm up the JIT)
     */
    public FpBenchmark(int hidden, int samples, int fdSamples, int rounds, long seed) {
        if (hidden < 1 || samples < 1 || fdSamples < 1 || rounds < 1) {
            throw new IllegalArgumentException("bench fp: hidden, samples, fd samples and rounds must be >= 1");
        }
        this.samples = samples;
        this.fdSamples = Math.min(fdSamples, samples);
        this.rounds = rounds;
        FloatNetwork net = network(hidden, seed);
        LabelledDataset data = YinYang.generate(samples, seed + 1);
        List<Loss> losses = new ArrayList<>();
        for (int s = 0; s < samples; s++) {
            losses.add(new TtfsLoss(data.label(s), 0.005));
        }
        this.work = new Workload("5-" + hidden + "-3 (random weights)", net, SpikeEncoder.DEFAULT.encodeAll(data),
                losses);
    }

    /**
     * A benchmark of a given network and samples (e.g. {@code bench fp --model NET.json --inputs DIR}).
     *
     * @param fdSamples samples for the finite-difference gradient (at most the number of samples)
     * @param rounds    timing rounds over all samples; the best round counts
     */
    public FpBenchmark(Workload work, int fdSamples, int rounds) {
        if (fdSamples < 1 || rounds < 1) {
            throw new IllegalArgumentException("bench fp: fd samples and rounds must be >= 1");
        }
        this.work = work;
        this.samples = work.inputs().size();
        this.fdSamples = Math.min(fdSamples, samples);
        this.rounds = rounds;
    }

    /**
     * The {@code ttfs} workload of user files: sample {@code s} gets label {@code s mod outputs} (the
     * label does not change the work: the loss reads the first spike of every output either way) and
     * softmax scale {@code tau0}.
     */
    public static Workload ttfsWorkload(String description, FloatNetwork net, List<InputSpikes> inputs, double tau0) {
        List<Loss> losses = new ArrayList<>();
        int outputs = net.outputLayer().size();
        for (int s = 0; s < inputs.size(); s++) {
            losses.add(new TtfsLoss(s % outputs, tau0));
        }
        return new Workload(description, net, inputs, losses);
    }

    /**
     * A high-activity 5-{@code hidden}-3 network like the FP paper's initial weights on Yin-Yang: the
     * benchmark network with the magnitudes of its weights scaled by {@code hiddenGain} and
     * {@code outputGain}, so that on the default Yin-Yang encoding the outputs fire hundreds of times per
     * sample while the {@code ttfs} loss reads only their first spikes. Deterministic in its seed.
     */
    public static FloatNetwork highActivityNetwork(int hidden, long seed, double hiddenGain, double outputGain) {
        FloatNetwork base = network(hidden, seed);
        List<LayerSpec> layers = new ArrayList<>();
        for (int p = 0; p < base.layerCount(); p++) {
            LayerSpec l = base.layer(p);
            double g = p == base.layerCount() - 1 ? outputGain : hiddenGain;
            double[][] w = l.weights();
            for (double[] row : w) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = Math.abs(row[j]) * g;
                }
            }
            layers.add(new LayerSpec(l.name(), l.size(), l.tauSyn(), l.tauMem(), l.threshold(), w, l.recurrent()));
        }
        return new FloatNetwork(base.inputs(), base.tEnd(), layers);
    }

    /**
     * A 5-{@code hidden}-3 network with random weights scaled so that the hidden layer fires a couple
     * of spikes per neuron on Yin-Yang inputs (a few hundred spikes per sample).
     */
    public static FloatNetwork network(int hidden, long seed) {
        Random rnd = new Random(seed);
        double[][] w1 = new double[hidden][5];
        for (double[] row : w1) {
            for (int j = 0; j < 5; j++) {
                row[j] = 1.5 + 1.5 * rnd.nextGaussian();
            }
        }
        double[][] w2 = new double[3][hidden];
        for (double[] row : w2) {
            for (int j = 0; j < hidden; j++) {
                row[j] = 0.1 + 0.25 * rnd.nextGaussian();
            }
        }
        return new FloatNetwork(5, 0.04, List.of(
                new LayerSpec("hidden", hidden, 0.005, 0.010, 1.0, w1, null),
                new LayerSpec("output", 3, 0.005, 0.010, 1.0, w2, null)));
    }

    public Figures run() {
        FloatNetwork net = work.net();
        List<InputSpikes> inputs = work.inputs();
        List<? extends Loss> losses = work.losses();
        EventSimulator sim = new EventSimulator();
        GradientEngine adjoint = new GradientEngine(GradientMode.ADJOINT);
        GradientEngine fp = new GradientEngine(GradientMode.FP);
        GradientEngine adjointFull = adjoint.withFullSolve();
        GradientEngine fpFull = fp.withFullSolve();

        long spikes = 0;
        long solved = 0;
        long outputSpikes = 0;
        double orderDiff = 0;
        double fullDiff = 0;
        for (int s = 0; s < samples; s++) {
            SpikeRecord full = sim.simulate(net, inputs.get(s));
            spikes += full.count() + inputs.get(s).count();
            outputSpikes += full.count(full.layers() - 1);
            Loss loss = losses.get(s);
            SpikeRecord cone = adjoint.simulateForLoss(net, inputs.get(s), loss);
            solved += LossCone.cut(cone, loss.evaluate(cone, net.tEnd()).dOutputTimes()).count();
            Gradients a = adjoint.simulateAndGradient(net, inputs.get(s), loss);
            Gradients f = fp.simulateAndGradient(net, inputs.get(s), loss);
            Gradients reference = adjointFull.simulateAndGradient(net, inputs.get(s), loss);
            orderDiff = Math.max(orderDiff, maxDifference(a, f));
            fullDiff = Math.max(fullDiff, Math.max(maxDifference(reference, a), maxDifference(reference, f)));
        }
        // Single-thread figures use the thread's CPU time: on a shared machine wall time also counts the
        // time the thread waits for a core, which would make the ratios depend on other jobs. The rows are
        // interleaved within each round so that a change of load affects them alike.
        double[] best = new double[6];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        double sink = 0;
        for (int r = 0; r < rounds; r++) {
            long[] t = new long[7];
            t[0] = cpuNanos();
            for (int s = 0; s < samples; s++) {
                sink += sim.simulate(net, inputs.get(s)).count();
            }
            t[1] = cpuNanos();
            for (int s = 0; s < samples; s++) {
                sink += adjoint.simulateAndGradient(net, inputs.get(s), losses.get(s)).loss();
            }
            t[2] = cpuNanos();
            for (int s = 0; s < samples; s++) {
                sink += fp.simulateAndGradient(net, inputs.get(s), losses.get(s)).loss();
            }
            t[3] = cpuNanos();
            for (int s = 0; s < samples; s++) {
                sink += adjointFull.simulateAndGradient(net, inputs.get(s), losses.get(s)).loss();
            }
            t[4] = cpuNanos();
            for (int s = 0; s < samples; s++) {
                sink += fpFull.simulateAndGradient(net, inputs.get(s), losses.get(s)).loss();
            }
            t[5] = cpuNanos();
            for (int s = 0; s < samples; s++) {
                sink += adjoint.simulateForLoss(net, inputs.get(s), losses.get(s)).count();
            }
            t[6] = cpuNanos();
            for (int k = 0; k < best.length; k++) {
                best[k] = Math.min(best[k], (t[k + 1] - t[k]) / 1e3 / samples);
            }
        }
        long f0 = cpuNanos();
        for (int s = 0; s < fdSamples; s++) {
            sink += finiteDifferenceGradient(net, inputs.get(s), losses.get(s), sim);
        }
        double fd = (cpuNanos() - f0) / 1e3 / fdSamples;

        double sequential = Double.MAX_VALUE;
        double parallel = Double.MAX_VALUE;
        for (int r = 0; r < Math.max(2, rounds / 2); r++) {
            long b0 = System.nanoTime();
            for (int s = 0; s < samples; s++) {
                sink += adjoint.simulateAndGradient(net, inputs.get(s), losses.get(s)).loss();
            }
            long b1 = System.nanoTime();
            sink += GradientEngine.sum(adjoint.simulateAndGradientBatch(net, inputs, losses)).loss();
            long b2 = System.nanoTime();
            sequential = Math.min(sequential, (b1 - b0) / 1e6);
            parallel = Math.min(parallel, (b2 - b1) / 1e6);
        }
        if (sink == 42.4242) {
            System.out.print("");     // keeps the JIT from discarding the timed work
        }
        int params = 0;
        for (int p = 0; p < net.layerCount(); p++) {
            LayerSpec l = net.layer(p);
            params += l.size() * net.fanIn(p) + (l.hasRecurrent() ? l.size() * l.size() : 0) + 1;
        }
        Cone cone = new Cone(best[3], best[4], best[5], (double) solved / samples, (double) outputSpikes / samples,
                fullDiff);
        return new Figures(work.description(), params, samples, (double) spikes / samples, best[0], best[1], best[2],
                fd, fdSamples, Runtime.getRuntime().availableProcessors(), sequential, parallel, orderDiff, cone);
    }

    /** CPU time of the calling thread (falls back to wall time where the JVM cannot measure it). */
    private static long cpuNanos() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        return bean.isCurrentThreadCpuTimeSupported() ? bean.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** The baseline: a central difference of the simulated loss for every weight and threshold. */
    static double finiteDifferenceGradient(FloatNetwork net, InputSpikes in, Loss loss, EventSimulator sim) {
        double h = 1e-6;
        double sum = 0;
        for (int p = 0; p < net.layerCount(); p++) {
            LayerSpec layer = net.layer(p);
            for (double[] row : layer.weights()) {
                for (int j = 0; j < row.length; j++) {
                    double w = row[j];
                    row[j] = w + h;         // in place: the baseline pays for simulations only
                    double up = loss.evaluate(sim.simulate(net, in), net.tEnd()).value();
                    row[j] = w - h;
                    double down = loss.evaluate(sim.simulate(net, in), net.tEnd()).value();
                    row[j] = w;
                    sum += (up - down) / (2 * h);
                }
            }
            if (layer.hasRecurrent()) {
                for (double[] row : layer.recurrent()) {
                    for (int j = 0; j < row.length; j++) {
                        double w = row[j];
                        row[j] = w + h;
                        double up = loss.evaluate(sim.simulate(net, in), net.tEnd()).value();
                        row[j] = w - h;
                        double down = loss.evaluate(sim.simulate(net, in), net.tEnd()).value();
                        row[j] = w;
                        sum += (up - down) / (2 * h);
                    }
                }
            }
            FloatNetwork up = net.withLayer(p, layer.withThreshold(layer.threshold() + h));
            FloatNetwork down = net.withLayer(p, layer.withThreshold(layer.threshold() - h));
            SpikeRecord ru = sim.simulate(up, in);
            SpikeRecord rd = sim.simulate(down, in);
            sum += (loss.evaluate(ru, net.tEnd()).value() - loss.evaluate(rd, net.tEnd()).value()) / (2 * h);
        }
        return sum;
    }

    private static double maxDifference(Gradients a, Gradients b) {
        double scale = 0;
        double diff = 0;
        for (int p = 0; p < a.weights().size(); p++) {
            double[][] x = a.weights().get(p);
            double[][] y = b.weights().get(p);
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x[i].length; j++) {
                    scale = Math.max(scale, Math.abs(x[i][j]));
                    diff = Math.max(diff, Math.abs(x[i][j] - y[i][j]));
                }
            }
        }
        return scale == 0 ? 0 : diff / scale;
    }
}
