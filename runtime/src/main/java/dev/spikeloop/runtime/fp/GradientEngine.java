package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.SpikeRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Exact spike-time gradients by the implicit function theorem (fp-lif-model.md): every spike time
 * satisfies {@code V_i(f) - threshold = 0}; ordered by time the Jacobian {@code L} of these
 * equations with respect to the spike times is lower triangular, so
 * {@code L dF/dtheta = -dG/dtheta} (forward order, {@link GradientMode#FP}) or
 * {@code L^T lambda = dLoss/dF, dLoss/dtheta = -lambda^T dG/dtheta} (adjoint order,
 * {@link GradientMode#ADJOINT}); both give the same gradient. The losses of this package depend on
 * the spike times only, so the explicit term {@code partial dLoss/dtheta} is zero, except a
 * {@link ReadoutLoss} (a membrane readout), whose explicit derivatives for the output layer are added.
 *
 * <p>Only what the loss can see is solved (its causal cone): a spike depends on strictly earlier
 * spikes only, so the equations of the spikes up to the last one with a non-zero {@code dLoss/dF}
 * form a closed lower-triangular block whose solution is that of the full system, and the later
 * spikes carry no adjoint weight. Both orders solve that block only; {@link #simulateAndGradient}
 * also stops the simulation once the output spikes the loss reads ({@link Loss#outputSpikesRead})
 * are known. {@link #withFullSolve()} turns both off (the reference in tests and benchmarks).
 *
 * <p>Instances hold no mutable state and may be shared between threads.
 */
public final class GradientEngine {
    /**
     * Default lower bound on a slope, as a fraction of {@code threshold/tauMem}: slopes below it are
     * raised to it ({@link #gradientAt}) so that a spike measured where the float membrane barely
     * rises cannot blow up the gradient through {@code 1/slope}.
     */
    public static final double DEFAULT_MIN_SLOPE_FRACTION = 0.01;

    private final GradientMode mode;
    private final double minSlopeFraction;
    private final EventSimulator simulator;
    private final boolean cone;

    /** An engine that solves in the given order, with the default slope guard and simulator. */
    public GradientEngine(GradientMode mode) {
        this(mode, DEFAULT_MIN_SLOPE_FRACTION, new EventSimulator());
    }

    /**
     * @param minSlopeFraction smallest slope allowed, as a fraction of {@code threshold/tauMem} (> 0)
     * @param simulator        the simulator used by {@link #simulateAndGradient}
     */
    public GradientEngine(GradientMode mode, double minSlopeFraction, EventSimulator simulator) {
        if (mode == null || simulator == null) {
            throw new IllegalArgumentException("gradient mode and simulator are required");
        }
        if (!(minSlopeFraction > 0) || !Double.isFinite(minSlopeFraction)) {
            throw new IllegalArgumentException("minSlopeFraction must be a finite number > 0, got " + minSlopeFraction);
        }
        this.mode = mode;
        this.minSlopeFraction = minSlopeFraction;
        this.simulator = simulator;
        this.cone = true;
    }

    private GradientEngine(GradientEngine other, boolean cone) {
        this.mode = other.mode;
        this.minSlopeFraction = other.minSlopeFraction;
        this.simulator = other.simulator;
        this.cone = cone;
    }

    /**
     * The same engine without the causal cone: it simulates up to {@code tEnd} and solves the equations
     * of every spike. Same gradient (to rounding), more work; the reference for tests and benchmarks.
     */
    public GradientEngine withFullSolve() {
        return new GradientEngine(this, false);
    }

    /** Whether this engine stops simulation and solution at the loss's causal cone (the default). */
    public boolean solvesConeOnly() {
        return cone;
    }

    /** The solution order. */
    public GradientMode mode() {
        return mode;
    }

    /** Simulates {@code net} on {@code in} and returns the loss and its exact gradient. */
    public Gradients simulateAndGradient(FloatNetwork net, InputSpikes in, Loss loss) {
        return gradient(net, in, simulateForLoss(net, in, loss), loss, false, 0);
    }

    /**
     * The simulation the loss needs: up to the edge of its cone ({@link EventSimulator#simulateCone})
     * when it reads a bounded number of spikes of every output neuron, otherwise to {@code tEnd}.
     */
    public SpikeRecord simulateForLoss(FloatNetwork net, InputSpikes in, Loss loss) {
        if (loss == null) {
            throw new IllegalArgumentException("loss is required");
        }
        if (!cone || net == null) {
            return simulator.simulate(net, in);
        }
        int outputs = net.outputLayer().size();
        int[] needed = new int[outputs];
        for (int i = 0; i < outputs; i++) {
            needed[i] = loss.outputSpikesRead(i);
            if (needed[i] == Loss.ALL_SPIKES) {
                return simulator.simulate(net, in);
            }
            if (needed[i] < 0) {
                throw new IllegalStateException("loss " + loss.getClass().getSimpleName() + " reads "
                        + needed[i] + " spikes of output neuron " + i + "; the count must be >= 0");
            }
        }
        return simulator.simulateCone(net, in, needed);
    }

    /** The whole simulation up to {@code tEnd} and the gradient at it (solved over the loss's cone). */
    public Result simulateWithSpikes(FloatNetwork net, InputSpikes in, Loss loss) {
        SpikeRecord spikes = simulator.simulate(net, in);
        return new Result(spikes, gradient(net, in, spikes, loss, false, 0));
    }

    /** Simulated spikes with their gradient. */
    public record Result(SpikeRecord spikes, Gradients gradients) {
    }

    /**
     * The gradient at given spike times (e.g. measured on a chip): the threshold equations of the float
     * model are evaluated at those times (the record's slopes are not used). Slopes below
     * {@code minSlopeFraction * threshold/tauMem} (including non-positive ones) are raised to it, and
     * spikes the model cannot explain are dropped (see {@code MeasuredSpikes}): both are counted in
     * {@link GuardCounts}. The loss sees the record without the dropped spikes. The result is never NaN
     * for finite inputs.
     */
    public Gradients gradientAt(FloatNetwork net, InputSpikes in, SpikeRecord spikes, Loss loss) {
        in.requireChannels(net.inputs());
        MeasuredSpikes.Filtered filtered = MeasuredSpikes.filter(net, in, spikes);
        return gradient(net, in, filtered.record(), loss, true, filtered.dropped());
    }

    /**
     * Gradients of a batch, computed in parallel on the common fork-join pool (one sample per task);
     * {@code losses.get(s)} belongs to {@code inputs.get(s)}. The result keeps the input order.
     */
    public List<Gradients> simulateAndGradientBatch(FloatNetwork net, List<InputSpikes> inputs,
                                                    List<? extends Loss> losses) {
        if (inputs.size() != losses.size()) {
            throw new IllegalArgumentException("batch: " + inputs.size() + " inputs but " + losses.size() + " losses");
        }
        Gradients[] out = new Gradients[inputs.size()];
        IntStream.range(0, out.length).parallel()
                .forEach(s -> out[s] = simulateAndGradient(net, inputs.get(s), losses.get(s)));
        return List.of(out);
    }

    /** Element-wise sum of gradients of the same network (losses and guard counts add up too). */
    public static Gradients sum(List<Gradients> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("sum: no gradients");
        }
        Gradients first = parts.get(0);
        List<double[][]> w = new ArrayList<>();
        List<double[][]> r = new ArrayList<>();
        for (int p = 0; p < first.weights().size(); p++) {
            w.add(zerosLike(first.weights().get(p)));
            r.add(first.recurrent().get(p) == null ? null : zerosLike(first.recurrent().get(p)));
        }
        List<double[][]> w2 = new ArrayList<>();
        List<double[][]> r2 = new ArrayList<>();
        for (int p = 0; p < first.weights().size(); p++) {
            w2.add(first.weights2().get(p) == null ? null : zerosLike(first.weights2().get(p)));
            r2.add(first.recurrent2().get(p) == null ? null : zerosLike(first.recurrent2().get(p)));
        }
        double[] th = new double[first.thresholds().length];
        List<double[]> b = new ArrayList<>();
        for (double[] fb : first.biases()) {
            b.add(fb == null ? null : new double[fb.length]);
        }
        double loss = 0;
        GuardCounts guards = GuardCounts.NONE;
        for (Gradients g : parts) {
            loss += g.loss();
            guards = guards.plus(g.guards());
            for (int p = 0; p < w.size(); p++) {
                add(w.get(p), g.weights().get(p));
                if (r.get(p) != null) {
                    add(r.get(p), g.recurrent().get(p));
                }
                if (w2.get(p) != null) {
                    add(w2.get(p), g.weights2().get(p));
                }
                if (r2.get(p) != null) {
                    add(r2.get(p), g.recurrent2().get(p));
                }
                th[p] += g.thresholds()[p];
                if (b.get(p) != null) {
                    for (int i = 0; i < b.get(p).length; i++) {
                        b.get(p)[i] += g.biases().get(p)[i];
                    }
                }
            }
        }
        return new Gradients(loss, w, r, th, guards, b, w2, r2);
    }

    private static double[][] zerosLike(double[][] m) {
        double[][] z = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            z[i] = new double[m[i].length];
        }
        return z;
    }

    private static void add(double[][] acc, double[][] m) {
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                acc[i][j] += m[i][j];
            }
        }
    }

    private Gradients gradient(FloatNetwork net, InputSpikes in, SpikeRecord spikes, Loss loss, boolean measured,
                               int dropped) {
        if (loss == null) {
            throw new IllegalArgumentException("loss is required");
        }
        MeasuredSpikes.requireShape(net, spikes);
        ImplicitSystem sys;
        double lossValue;
        double[] dLossdF;
        ReadoutLoss.Full explicit = null;
        if (loss instanceof RecordLoss all) {
            // Hidden spike times carry derivatives too (activity regularisers, a membrane readout), so the
            // output cone does not bound what the loss sees: every spike is solved.
            RecordLoss.Value v;
            if (loss instanceof ReadoutLoss readout) {
                explicit = readout.evaluateFull(spikes, net.tEnd());
                v = new RecordLoss.Value(explicit.value(), explicit.dTimes());
            } else {
                v = all.evaluateAll(spikes, net.tEnd());
            }
            sys = system(net, in, spikes, measured);
            lossValue = v.value();
            dLossdF = allLayersVector(sys.index, spikes, v, loss);
        } else {
            LossValue value = loss.evaluate(spikes, net.tEnd());
            checkLossValue(spikes, value, loss);
            SpikeRecord solved = cone ? LossCone.cut(spikes, value.dOutputTimes()) : spikes;
            sys = system(net, in, solved, measured);
            lossValue = value.value();
            dLossdF = lossVector(sys.index, solved, value);
        }
        GradientArrays out = new GradientArrays(net);
        if (mode == GradientMode.FP) {
            ForwardSolver.solve(net, sys, dLossdF, out);
        } else {
            AdjointSweep.solve(net, sys, dLossdF, out);
        }
        if (explicit != null) {
            addExplicit(net, explicit, out, loss);
        }
        return out.toGradients(lossValue, new GuardCounts(sys.clampedSlopes, dropped));
    }

    /** Adds a readout loss's explicit {@code partial dLoss/dW_out} and {@code partial dLoss/db_out} (same in both orders). */
    private static void addExplicit(FloatNetwork net, ReadoutLoss.Full explicit, GradientArrays out, Loss loss) {
        int last = net.layerCount() - 1;
        double[][] dW = explicit.dOutputWeight();
        double[][] w = out.weights[last];
        if (dW == null || dW.length != w.length) {
            throw new IllegalStateException("loss " + loss.getClass().getSimpleName() + " returned explicit weight "
                    + "derivatives for " + (dW == null ? 0 : dW.length) + " output neurons, the output layer has " + w.length);
        }
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w[i].length; j++) {
                w[i][j] += dW[i][j];
            }
        }
        double[] dB = explicit.dOutputBias();
        if (dB != null && out.biases[last] != null) {
            for (int i = 0; i < dB.length; i++) {
                out.biases[last][i] += dB[i];
            }
        }
    }

    /**
     * The implicit system without its off-diagonal entries: both orders run on running sums
     * ({@link AdjointSweep}, {@link ForwardSweep}) with the diagonal and parameter partials alone.
     */
    private ImplicitSystem system(FloatNetwork net, InputSpikes in, SpikeRecord spikes, boolean measured) {
        return ImplicitSystem.terms(net, in, spikes, minSlopeFraction, measured);
    }

    /** dLoss/dF over the global spike order from derivatives of every layer; checks shapes and values. */
    private static double[] allLayersVector(SpikeIndex index, SpikeRecord spikes, RecordLoss.Value value, Loss loss) {
        String name = loss.getClass().getSimpleName();
        if (Double.isNaN(value.value())) {
            throw new IllegalStateException("loss " + name + " returned NaN");
        }
        double[][][] d = value.dTimes();
        if (d == null || d.length != spikes.layers()) {
            throw new IllegalStateException("loss " + name + " returned derivatives for "
                    + (d == null ? 0 : d.length) + " layers, the network has " + spikes.layers());
        }
        double[] v = new double[index.size()];
        for (int l = 0; l < d.length; l++) {
            double[][] t = spikes.times()[l];
            if (d[l] == null || d[l].length != t.length) {
                throw new IllegalStateException("loss " + name + ": layer " + l + " has " + t.length
                        + " neurons but derivatives for " + (d[l] == null ? 0 : d[l].length));
            }
            for (int i = 0; i < t.length; i++) {
                if (d[l][i] == null || d[l][i].length != t[i].length) {
                    throw new IllegalStateException("loss " + name + ": layer " + l + " neuron " + i + " has "
                            + t[i].length + " spikes but a different number of derivatives");
                }
                for (int k = 0; k < t[i].length; k++) {
                    if (!Double.isFinite(d[l][i][k])) {
                        throw new IllegalStateException("loss " + name + ": derivative for layer " + l + " neuron "
                                + i + " spike " + k + " is " + d[l][i][k]);
                    }
                    v[index.index(l, i, k)] = d[l][i][k];
                }
            }
        }
        return v;
    }

    /** dLoss/dF over the global spike order of {@code solved} (output spikes are a prefix of the loss's). */
    private static double[] lossVector(SpikeIndex index, SpikeRecord solved, LossValue value) {
        int last = solved.layers() - 1;
        double[][] out = solved.outputTimes();
        double[][] d = value.dOutputTimes();
        double[] v = new double[index.size()];
        for (int i = 0; i < out.length; i++) {
            for (int k = 0; k < out[i].length; k++) {
                v[index.index(last, i, k)] = d[i][k];
            }
        }
        return v;
    }

    /** Checks the loss's shape and values. */
    private static void checkLossValue(SpikeRecord spikes, LossValue value, Loss loss) {
        String name = loss.getClass().getSimpleName();
        if (value == null || value.dOutputTimes() == null) {
            throw new IllegalStateException("loss " + name + " returned no derivatives");
        }
        if (Double.isNaN(value.value())) {
            throw new IllegalStateException("loss " + name + " returned NaN");
        }
        double[][] out = spikes.outputTimes();
        double[][] d = value.dOutputTimes();
        if (d.length != out.length) {
            throw new IllegalStateException("loss " + name + " returned derivatives for " + d.length
                    + " output neurons, the output layer has " + out.length);
        }
        for (int i = 0; i < out.length; i++) {
            if (d[i] == null || d[i].length != out[i].length) {
                throw new IllegalStateException("loss " + name + ": output neuron " + i + " has " + out[i].length
                        + " spikes but " + (d[i] == null ? "no" : String.valueOf(d[i].length)) + " derivatives");
            }
            for (int k = 0; k < d[i].length; k++) {
                if (!Double.isFinite(d[i][k])) {
                    throw new IllegalStateException("loss " + name + ": derivative for output neuron " + i
                            + " spike " + k + " is " + d[i][k]);
                }
            }
        }
    }
}
