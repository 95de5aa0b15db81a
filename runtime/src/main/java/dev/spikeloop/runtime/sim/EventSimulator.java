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
 * <p>The slope stored with each spike is {@code dV/dt} just before it,
 * {@code (I(f) - threshold) / tauMem}.
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
        if (net == null || in == null) {
            throw new IllegalArgumentException("simulate: network and input spikes are required");
        }
        PlainModelGuard.require(net, "the float simulator");
        in.requireChannels(net.inputs());
        int layers = net.layerCount();
        double[][][] times = new double[layers][][];
        double[][][] slopes = new double[layers][][];
        double[][] presynaptic = in.times();
        for (int p = 0; p < layers; p++) {
            LayerSpec layer = net.layer(p);
            MergedEvents events = MergedEvents.merge(presynaptic);
            LayerRun run = new LayerRun(p, layer, net.tEnd(), closedForm, maxSpikesPerNeuron);
            if (layer.hasRecurrent()) {
                run.simulateRecurrent(events);
            } else {
                run.simulateIndependent(events);
            }
            times[p] = run.times();
            slopes[p] = run.slopes();
            presynaptic = times[p];
        }
        return new SpikeRecord(times, slopes);
    }

    /** The simulation of one layer given its presynaptic events. */
    private static final class LayerRun {
        private final int index;
        private final LayerSpec layer;
        private final double tEnd;
        private final LifKernel kernel;
        private final ThresholdCrossing crossing;
        private final int maxSpikes;
        private final double threshold;
        private final SpikeBuffer[] out;

        LayerRun(int index, LayerSpec layer, double tEnd, boolean closedForm, int maxSpikes) {
            this.index = index;
            this.layer = layer;
            this.tEnd = tEnd;
            this.kernel = new LifKernel(layer.tauSyn(), layer.tauMem());
            this.threshold = layer.threshold();
            this.crossing = new ThresholdCrossing(kernel, threshold, closedForm);
            this.maxSpikes = maxSpikes;
            this.out = new SpikeBuffer[layer.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = new SpikeBuffer();
            }
        }

        /** Without recurrence the neurons do not interact: each one runs through the event stream alone. */
        void simulateIndependent(MergedEvents events) {
            double[] time = events.time();
            int[] source = events.source();
            int n = events.size();
            for (int i = 0; i < layer.size(); i++) {
                double[] w = layer.weights()[i];
                double v = 0;
                double j = 0;
                double tRef = 0;
                int e = 0;
                while (true) {
                    double tNext = e < n ? time[e] : Double.POSITIVE_INFINITY;
                    double horizon = Math.min(tNext, tEnd);
                    double s = crossing.first(v, j, horizon - tRef);
                    if (s != Double.POSITIVE_INFINITY) {
                        double f = tRef + s;
                        j = kernel.current(j, s);
                        emit(i, f, j);
                        v = 0;
                        tRef = f;
                        continue;
                    }
                    if (tNext > tEnd) {
                        break;
                    }
                    double dt = tNext - tRef;
                    v = kernel.potential(v, j, dt);
                    j = kernel.current(j, dt);
                    tRef = tNext;
                    while (e < n && time[e] == tNext) {
                        j += w[source[e]];
                        e++;
                    }
                }
            }
        }

        /**
         * With recurrence the layer runs as one event loop: the earliest predicted crossing of any
         * neuron is taken if it is not later than the next presynaptic event; a neuron's prediction is
         * recomputed only when its state or the horizon changes.
         */
        void simulateRecurrent(MergedEvents events) {
            double[] time = events.time();
            int[] source = events.source();
            int n = events.size();
            int size = layer.size();
            double[][] w = layer.weights();
            double[][] rec = layer.recurrent();
            double[] v = new double[size];
            double[] j = new double[size];
            double[] tRef = new double[size];
            double[] predicted = new double[size];
            boolean[] stale = new boolean[size];
            java.util.Arrays.fill(stale, true);
            int e = 0;
            while (true) {
                double tNext = e < n ? time[e] : Double.POSITIVE_INFINITY;
                double horizon = Math.min(tNext, tEnd);
                int best = -1;
                double bestTime = Double.POSITIVE_INFINITY;
                for (int i = 0; i < size; i++) {
                    if (stale[i]) {
                        predicted[i] = tRef[i] + crossing.first(v[i], j[i], horizon - tRef[i]);
                        stale[i] = false;
                    }
                    if (predicted[i] < bestTime) {
                        bestTime = predicted[i];
                        best = i;
                    }
                }
                if (best >= 0) {
                    double s = bestTime - tRef[best];
                    j[best] = kernel.current(j[best], s);
                    emit(best, bestTime, j[best]);
                    v[best] = 0;
                    tRef[best] = bestTime;
                    stale[best] = true;
                    boolean self = layer.countsSelfConnections();
                    for (int k = 0; k < size; k++) {
                        double wk = rec[k][best];
                        // after its reset, a self-connected neuron also gets its own spike's current
                        if ((k != best || self) && wk != 0) {
                            advance(k, bestTime, v, j, tRef);
                            j[k] += wk;
                            stale[k] = true;
                        }
                    }
                    continue;
                }
                if (tNext > tEnd) {
                    break;
                }
                for (int k = 0; k < size; k++) {
                    advance(k, tNext, v, j, tRef);
                    stale[k] = true;
                }
                while (e < n && time[e] == tNext) {
                    int src = source[e];
                    for (int k = 0; k < size; k++) {
                        j[k] += w[k][src];
                    }
                    e++;
                }
            }
        }

        private void advance(int k, double t, double[] v, double[] j, double[] tRef) {
            double dt = t - tRef[k];
            if (dt > 0) {
                v[k] = kernel.potential(v[k], j[k], dt);
                j[k] = kernel.current(j[k], dt);
                tRef[k] = t;
            }
        }

        /** Records a spike of neuron {@code i} at {@code f} with synaptic current {@code current} just before it. */
        private void emit(int i, double f, double current) {
            SpikeBuffer b = out[i];
            if (b.size >= maxSpikes) {
                throw new RunawaySpikingException("layer " + index + " ('" + layer.name() + "') neuron " + i
                        + " fires more than " + maxSpikes + " times before tEnd=" + tEnd
                        + " (spike at t=" + f + "); the weights are probably far too large");
            }
            b.add(f, (current - threshold) / layer.tauMem());
        }

        double[][] times() {
            double[][] t = new double[out.length][];
            for (int i = 0; i < out.length; i++) {
                t[i] = java.util.Arrays.copyOf(out[i].times, out[i].size);
            }
            return t;
        }

        double[][] slopes() {
            double[][] s = new double[out.length][];
            for (int i = 0; i < out.length; i++) {
                s[i] = java.util.Arrays.copyOf(out[i].slopes, out[i].size);
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
