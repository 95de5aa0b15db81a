package dev.spikeloop.runtime.sim;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerSpec;

/**
 * Exact event-driven simulation of the float LIF model (fp-lif-model.md) in double precision, with
 * no time step.
 *
 * <p>Layers are simulated one after the other (a layer only depends on the spikes of the stage
 * before it and, with recurrence, on its own spikes). Each neuron carries its state (potential,
 * synaptic current) at the time of its last event; between events the next threshold crossing is
 * found by {@link ThresholdCrossing} to full precision. A spike at time {@code f} resets the
 * potential by subtraction ({@code V -= threshold}, so it is exactly 0 right after) and reaches its
 * targets as a current jump that acts on times {@code > f}; since the potential is continuous, the
 * order in which simultaneous events are applied does not change any spike time. Spikes after
 * {@code tEnd} are not produced; a spike exactly at {@code tEnd} is.
 *
 * <p>Time constants, threshold and bias are each neuron's own ({@code LayerSpec.tauSynOf(i)} etc.); a bias is
 * a constant current, {@code tauMem V' = -V + I + bias}. The slope stored with each spike is {@code dV/dt}
 * just before it, {@code (I(f) + bias - threshold) / tauMem}.
 *
 * <p>A neuron with a second synapse ({@code LayerDetail.synapse2()}) carries two currents, each with its
 * own synaptic time constant and weights (feed-forward and recurrent), and its membrane integrates their
 * sum; its crossings are found by {@link TwoSynapseCrossing} (no closed form), and the slope uses the sum.
 *
 * <p>A non-spiking (membrane) readout output layer has no spikes in the record; its membrane is a
 * closed-form function of the spikes below it ({@code dev.spikeloop.runtime.fp.MembraneReadout}).
 *
 * <p>Instances hold no state between calls and may be shared between threads.
 */
public final class EventSimulator {
    /** Default bound on the spikes of one neuron, so that absurd weights fail instead of hanging. */
    public static final int DEFAULT_MAX_SPIKES_PER_NEURON = 10_000;

    private final boolean closedForm;
    private final int maxSpikesPerNeuron;

    /** A simulator with the closed form for {@code tauMem = 2 tauSyn} and the default spike bound. */
    public EventSimulator() {
        this(true, DEFAULT_MAX_SPIKES_PER_NEURON);
    }

    /**
     * @param closedForm         use the closed-form crossing when {@code tauMem = 2 tauSyn} (otherwise
     *                           always the bracketed root search; both agree to rounding)
     * @param maxSpikesPerNeuron a neuron that fires more often than this before {@code tEnd} is an error
     */
    public EventSimulator(boolean closedForm, int maxSpikesPerNeuron) {
        if (maxSpikesPerNeuron < 1) {
            throw new IllegalArgumentException("maxSpikesPerNeuron must be >= 1, got " + maxSpikesPerNeuron);
        }
        this.closedForm = closedForm;
        this.maxSpikesPerNeuron = maxSpikesPerNeuron;
    }

    /**
     * Simulates {@code net} on {@code in} up to {@code net.tEnd()}.
     *
     * @return every spike of every neuron with its slope; layer 0 is the first layer after the inputs
     * @throws dev.spikeloop.network.InvalidNetworkException if the inputs do not fit the network
     * @throws IllegalStateException if a neuron exceeds the spike bound
     */
    public SpikeRecord simulate(FloatNetwork net, InputSpikes in) {
        return run(net, in, null, 1);
    }

    /**
     * Simulates only the causal cone of the first spikes of the output layer: the simulation stops as
     * soon as every output neuron {@code i} has fired {@code needed[i]} times (its <em>edge</em> is the
     * latest of those spikes), or at {@code tEnd} when some output neuron fires fewer times.
     *
     * <p>The record holds every spike up to the edge, except that the neurons of a feed-forward output
     * layer stop after their {@code needed[i]}-th spike (nothing else depends on their later spikes). So
     * it has the same first {@code needed[i]} spikes per output neuron as {@link #simulate}, and the same
     * spikes up to the edge elsewhere; spike times agree to rounding (the root search may take another
     * path to the same root, a difference of an ulp or so). A neuron with fewer than {@code needed[i]}
     * spikes in the record is silent after its last one up to {@code tEnd}.
     *
     * @param needed per output neuron, how many of its first spikes are wanted ({@code >= 0};
     *               {@code Integer.MAX_VALUE} for all of them, which makes this a full simulation)
     */
    public SpikeRecord simulateCone(FloatNetwork net, InputSpikes in, int[] needed) {
        if (net != null && needed != null && needed.length != net.outputLayer().size()) {
            throw new IllegalArgumentException("simulateCone: " + needed.length + " spike counts for "
                    + net.outputLayer().size() + " output neurons");
        }
        if (needed != null) {
            for (int k : needed) {
                if (k < 0) {
                    throw new IllegalArgumentException("simulateCone: spike counts must be >= 0, got " + k);
                }
            }
        }
        return run(net, in, needed, CONE_WINDOWS);
    }

    /**
     * Windows of the cone simulation: every layer advances to the end of a window before the output is
     * checked, so the simulation overshoots the edge by at most one window (tEnd/CONE_WINDOWS).
     */
    private static final int CONE_WINDOWS = 16;

    private SpikeRecord run(FloatNetwork net, InputSpikes in, int[] needed, int windows) {
        if (net == null || in == null) {
            throw new IllegalArgumentException("simulate: network and input spikes are required");
        }
        in.requireChannels(net.inputs());
        int layers = net.layerCount();
        double tEnd = net.tEnd();
        LayerRun[] runs = new LayerRun[layers];
        for (int p = 0; p < layers; p++) {
            LayerSpec layer = net.layer(p);
            runs[p] = new LayerRun(p, layer, tEnd, closedForm, maxSpikesPerNeuron,
                    p == layers - 1 && !layer.hasRecurrent() ? needed : null);
        }
        runs[0].append(MergedEvents.merge(in.times()));
        double edge = tEnd;
        for (int w = 1; w <= windows; w++) {
            double b = w == windows ? tEnd : tEnd * w / windows;
            for (int p = 0; p < layers; p++) {
                runs[p].advanceTo(b);
                if (p + 1 < layers) {
                    runs[p + 1].append(MergedEvents.merge(runs[p].takeNew()));
                }
            }
            if (needed != null) {
                double reached = runs[layers - 1].edgeOf(needed);
                if (!Double.isNaN(reached)) {
                    edge = reached;
                    break;
                }
            }
        }
        double[][][] times = new double[layers][][];
        double[][][] slopes = new double[layers][][];
        for (int p = 0; p < layers; p++) {
            times[p] = runs[p].times(edge);
            slopes[p] = runs[p].slopes(times[p]);
        }
        return new SpikeRecord(times, slopes);
    }

    /**
     * The simulation of one layer, advanced window by window: its presynaptic events arrive in time
     * order (all events up to a window's end before the layer advances to it), and each neuron keeps
     * its state between windows. With a single window ending at tEnd this is the plain layer-by-layer
     * simulation.
     */
    private static final class LayerRun {
        private final int index;
        private final LayerSpec layer;
        private final double tEnd;
        /**
         * Per neuron: kernel, crossing search, threshold and bias (shared objects when the layer has one
         * value of each). The crossing works on {@code V - bias}, which obeys the bias-free equation
         * {@code tauMem U' = -U + I} with threshold {@code threshold - bias}; with bias 0 this is V itself.
         */
        private final LifKernel[] kernel;
        private final ThresholdCrossing[] crossing;
        private final int maxSpikes;
        private final double[] threshold;
        private final double[] bias;
        /**
         * A layer with a second synapse: per neuron its kernel (second tauSyn, the same tauMem), the crossing
         * search over both currents, the second current and the weights onto it (recurrent ones may be null);
         * all null otherwise.
         */
        private final LifKernel[] kernel2;
        private final TwoSynapseCrossing[] crossing2;
        private final double[] j2;
        private final double[][] w2;
        private final double[][] r2;
        private final SpikeBuffer[] out;
        /** Per neuron: stop after this many spikes (feed-forward output layer of a cone), else null. */
        private final int[] stopAfter;
        /** Presynaptic events received so far, in time order (ties by source). */
        private double[] evTime = new double[16];
        private int[] evSource = new int[16];
        private int evCount;
        /** Per-neuron state at its last event: potential, current, time; and the next event to apply. */
        private final double[] v;
        private final double[] j;
        private final double[] tRef;
        private final int[] nextEvent;
        /** Recurrent layers: one shared event pointer, and the predicted crossings. */
        private int sharedNext;
        private final double[] predicted;
        /** Per neuron: spikes already handed to the next layer. */
        private final int[] handed;

        LayerRun(int index, LayerSpec layer, double tEnd, boolean closedForm, int maxSpikes, int[] stopAfter) {
            this.index = index;
            this.layer = layer;
            this.tEnd = tEnd;
            this.maxSpikes = maxSpikes;
            this.stopAfter = stopAfter;
            int n = layer.size();
            this.kernel = new LifKernel[n];
            this.crossing = new ThresholdCrossing[n];
            this.threshold = new double[n];
            this.bias = new double[n];
            LifKernel shared = new LifKernel(layer.tauSyn(), layer.tauMem());
            ThresholdCrossing sharedCrossing = new ThresholdCrossing(shared, layer.threshold(), closedForm);
            for (int i = 0; i < n; i++) {
                double ts = layer.tauSynOf(i);
                double tm = layer.tauMemOf(i);
                threshold[i] = layer.thresholdOf(i);
                bias[i] = layer.biasOf(i);
                boolean same = ts == shared.tauSyn() && tm == shared.tauMem();
                kernel[i] = same ? shared : new LifKernel(ts, tm);
                crossing[i] = same && threshold[i] == layer.threshold() && bias[i] == 0 ? sharedCrossing
                        : new ThresholdCrossing(kernel[i], threshold[i] - bias[i], closedForm);
            }
            dev.spikeloop.network.SecondSynapse second = layer.detail().synapse2();
            if (second != null) {
                kernel2 = new LifKernel[n];
                crossing2 = new TwoSynapseCrossing[n];
                for (int i = 0; i < n; i++) {
                    kernel2[i] = new LifKernel(second.tauSyn()[i], kernel[i].tauMem());
                    crossing2[i] = new TwoSynapseCrossing(kernel[i], kernel2[i], threshold[i] - bias[i]);
                }
                j2 = new double[n];
                w2 = second.weights();
                r2 = second.recurrent();
            } else {
                kernel2 = null;
                crossing2 = null;
                j2 = null;
                w2 = null;
                r2 = null;
            }
            this.out = new SpikeBuffer[n];
            for (int i = 0; i < n; i++) {
                out[i] = new SpikeBuffer();
            }
            v = new double[n];
            j = new double[n];
            tRef = new double[n];
            nextEvent = new int[n];
            predicted = new double[n];
            handed = new int[n];
        }

        /** Appends presynaptic events, all later than those received before. */
        void append(MergedEvents events) {
            int n = events.size();
            if (evCount + n > evTime.length) {
                int size = Math.max(evCount + n, 2 * evTime.length);
                evTime = java.util.Arrays.copyOf(evTime, size);
                evSource = java.util.Arrays.copyOf(evSource, size);
            }
            System.arraycopy(events.time(), 0, evTime, evCount, n);
            System.arraycopy(events.source(), 0, evSource, evCount, n);
            evCount += n;
        }

        /** Spikes produced since the last call, per neuron (for the next layer). */
        double[][] takeNew() {
            double[][] fresh = new double[out.length][];
            for (int i = 0; i < out.length; i++) {
                fresh[i] = java.util.Arrays.copyOfRange(out[i].times, handed[i], out[i].size);
                handed[i] = out[i].size;
            }
            return fresh;
        }

        /** Simulates every spike up to {@code b} (inclusive), given all presynaptic events up to {@code b}. */
        void advanceTo(double b) {
            if (!layer.isSpiking()) {
                return;   // a membrane readout never spikes and feeds nothing: its membrane is closed-form (MembraneReadout)
            }
            if (layer.hasRecurrent()) {
                advanceRecurrent(b);
            } else {
                for (int i = 0; i < layer.size(); i++) {
                    advanceNeuron(i, b);
                }
            }
        }

        /** Without recurrence the neurons do not interact: each one runs through the event stream alone. */
        private void advanceNeuron(int i, double b) {
            int limit = stopAfter == null ? Integer.MAX_VALUE : stopAfter[i];
            if (out[i].size >= limit) {
                return;
            }
            double[] w = layer.weights()[i];
            boolean two = j2 != null;
            double[] wi2 = two ? w2[i] : null;
            double vi = v[i];
            double ji = j[i];
            double j2i = two ? j2[i] : 0;
            double t0 = tRef[i];
            int e = nextEvent[i];
            while (true) {
                double tNext = e < evCount ? evTime[e] : Double.POSITIVE_INFINITY;
                double horizon = Math.min(tNext, b);
                double s = two ? crossing2[i].first(vi - bias[i], ji, j2i, horizon - t0)
                        : crossing[i].first(vi - bias[i], ji, horizon - t0);
                if (s != Double.POSITIVE_INFINITY) {
                    double f = t0 + s;
                    ji = kernel[i].current(ji, s);
                    if (two) {
                        j2i = kernel2[i].current(j2i, s);
                    }
                    emit(i, f, ji + j2i);
                    vi = 0;
                    t0 = f;
                    if (out[i].size >= limit) {
                        break;
                    }
                    continue;
                }
                if (tNext > b) {
                    break;
                }
                double dt = tNext - t0;
                vi = potential(i, vi, ji, j2i, dt);
                ji = kernel[i].current(ji, dt);
                t0 = tNext;
                if (two) {
                    j2i = kernel2[i].current(j2i, dt);
                }
                while (e < evCount && evTime[e] == tNext) {
                    ji += w[evSource[e]];
                    if (two) {
                        j2i += wi2[evSource[e]];
                    }
                    e++;
                }
            }
            v[i] = vi;
            j[i] = ji;
            if (two) {
                j2[i] = j2i;
            }
            tRef[i] = t0;
            nextEvent[i] = e;
        }

        /**
         * With recurrence the layer runs as one event loop: the earliest predicted crossing of any
         * neuron is taken if it is not later than the next presynaptic event; a neuron's prediction is
         * recomputed only when its state or the horizon changes.
         */
        private void advanceRecurrent(double b) {
            int size = layer.size();
            double[][] w = layer.weights();
            double[][] rec = layer.recurrent();
            boolean[] stale = new boolean[size];
            java.util.Arrays.fill(stale, true);
            int e = sharedNext;
            while (true) {
                double tNext = e < evCount ? evTime[e] : Double.POSITIVE_INFINITY;
                double horizon = Math.min(tNext, b);
                int best = -1;
                double bestTime = Double.POSITIVE_INFINITY;
                for (int i = 0; i < size; i++) {
                    if (stale[i]) {
                        predicted[i] = tRef[i] + (j2 != null
                                ? crossing2[i].first(v[i] - bias[i], j[i], j2[i], horizon - tRef[i])
                                : crossing[i].first(v[i] - bias[i], j[i], horizon - tRef[i]));
                        stale[i] = false;
                    }
                    if (predicted[i] < bestTime) {
                        bestTime = predicted[i];
                        best = i;
                    }
                }
                if (best >= 0) {
                    double s = bestTime - tRef[best];
                    j[best] = kernel[best].current(j[best], s);
                    if (j2 != null) {
                        j2[best] = kernel2[best].current(j2[best], s);
                    }
                    emit(best, bestTime, j[best] + (j2 != null ? j2[best] : 0));
                    v[best] = 0;
                    tRef[best] = bestTime;
                    stale[best] = true;
                    boolean self = layer.countsSelfConnections();
                    for (int k = 0; k < size; k++) {
                        double wk = rec[k][best];
                        double wk2 = r2 != null ? r2[k][best] : 0;
                        // after its reset, a self-connected neuron also gets its own spike's current
                        if ((k != best || self) && (wk != 0 || wk2 != 0)) {
                            advance(k, bestTime);
                            j[k] += wk;
                            if (wk2 != 0) {
                                j2[k] += wk2;
                            }
                            stale[k] = true;
                        }
                    }
                    continue;
                }
                if (tNext > b) {
                    break;
                }
                for (int k = 0; k < size; k++) {
                    advance(k, tNext);
                    stale[k] = true;
                }
                while (e < evCount && evTime[e] == tNext) {
                    int src = evSource[e];
                    for (int k = 0; k < size; k++) {
                        j[k] += w[k][src];
                    }
                    if (j2 != null) {
                        for (int k = 0; k < size; k++) {
                            j2[k] += w2[k][src];
                        }
                    }
                    e++;
                }
            }
            sharedNext = e;
        }

        private void advance(int k, double t) {
            double dt = t - tRef[k];
            if (dt > 0) {
                v[k] = potential(k, v[k], j[k], j2 != null ? j2[k] : 0, dt);
                j[k] = kernel[k].current(j[k], dt);
                if (j2 != null) {
                    j2[k] = kernel2[k].current(j2[k], dt);
                }
                tRef[k] = t;
            }
        }

        /**
         * Neuron {@code i}'s potential {@code dt} after it was {@code vi} with currents {@code ji} and
         * {@code j2i} (0 without a second synapse); the bias is the rest.
         */
        private double potential(int i, double vi, double ji, double j2i, double dt) {
            double b = bias[i];
            double u = b == 0 ? kernel[i].potential(vi, ji, dt) : b + kernel[i].potential(vi - b, ji, dt);
            return j2i == 0 ? u : u + kernel2[i].potential(0, j2i, dt);
        }

        /**
         * The latest of the {@code needed[i]}-th spikes once every neuron has fired that often
         * ({@code -Infinity} if nothing is needed), or NaN while some neuron has not.
         */
        double edgeOf(int[] needed) {
            double edge = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < out.length; i++) {
                if (needed[i] == 0) {
                    continue;
                }
                if (needed[i] == Integer.MAX_VALUE || out[i].size < needed[i]) {
                    return Double.NaN;
                }
                edge = Math.max(edge, out[i].times[needed[i] - 1]);
            }
            return edge;
        }

        /** Records a spike of neuron {@code i} at {@code f} with total synaptic current {@code current} just before it. */
        private void emit(int i, double f, double current) {
            SpikeBuffer b = out[i];
            if (b.size >= maxSpikes) {
                throw new RunawaySpikingException("layer " + index + " ('" + layer.name() + "') neuron " + i
                        + " fires more than " + maxSpikes + " times before tEnd=" + tEnd
                        + " (spike at t=" + f + "); the weights are probably far too large");
            }
            b.add(f, (current + bias[i] - threshold[i]) / kernel[i].tauMem());
        }

        /** Each neuron's spike times up to {@code edge} (inclusive). */
        double[][] times(double edge) {
            double[][] t = new double[out.length][];
            for (int i = 0; i < out.length; i++) {
                int n = out[i].size;
                while (n > 0 && out[i].times[n - 1] > edge) {
                    n--;
                }
                t[i] = java.util.Arrays.copyOf(out[i].times, n);
            }
            return t;
        }

        /** The slopes of the spikes kept by {@link #times(double)}. */
        double[][] slopes(double[][] kept) {
            double[][] s = new double[out.length][];
            for (int i = 0; i < out.length; i++) {
                s[i] = java.util.Arrays.copyOf(out[i].slopes, kept[i].length);
            }
            return s;
        }
    }

    /** A growable pair of arrays for one neuron's spikes. */
    private static final class SpikeBuffer {
        double[] times = new double[4];
        double[] slopes = new double[4];
        int size;

        void add(double t, double slope) {
            if (size == times.length) {
                times = java.util.Arrays.copyOf(times, size * 2);
                slopes = java.util.Arrays.copyOf(slopes, size * 2);
            }
            times[size] = t;
            slopes[size] = slope;
            size++;
        }
    }
}
