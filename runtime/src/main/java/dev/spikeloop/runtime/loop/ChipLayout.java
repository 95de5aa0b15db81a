package dev.spikeloop.runtime.loop;

import dev.spikeloop.compiler.quantize.ChipMapping;
import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.network.FloatNetwork;

import java.util.Arrays;

/**
 * Where a float network's layers sit on the chip and how chip steps relate to float time, as the
 * compiler lays a network out (docs/compiler.md): the hidden layers are consecutive blocks of the
 * hidden population in layer order, the last layer is the output neurons.
 *
 * <p>Step delays. The compiler matches the chip to the float kernel so that an input in step
 * {@code k} (float time {@code k dt}) shows in the membrane at the end of step {@code n} as the float
 * membrane at {@code (n + 1) dt}: a spike reported in step {@code s} crossed threshold in
 * {@code (s dt, (s + 1) dt]}, best estimated by the middle of the step. The next layer receives it in
 * step {@code s + 1}, as if it were an input at {@code (s + 1) dt}, i.e. half a step later on average
 * than that estimate; so every layer behind another one runs later than the float network. Measured
 * against the float simulation of the chip-equivalent network (ChipTimeConventionTest, and Yin-Yang
 * networks of 30, 120 and 20+20 hidden neurons), the mean first-spike lag per layer is 0.5 to 0.95
 * steps (more than the half step of the rounding alone: the chip's integer decays and synchronous
 * updates add some); layer {@code l} is taken to lag by {@link #delay(int) delay(l) = 3l/4} steps,
 * which leaves every measured layer within 0.4 steps on average. (Layer 0 is unbiased: +0.01 steps.)
 * An error in the output layer's delay does not matter for the ttfs loss, which depends only on
 * differences of output times.
 *
 * @param dt            chip time step, seconds
 * @param tEnd          the float model's end time, seconds
 * @param hiddenOffsets first hidden neuron of each hidden layer
 * @param hiddenSizes   size of each hidden layer
 * @param outputs       output neurons used
 * @param steps         steps a sample runs on the device: enough for every spike that maps before {@code tEnd}
 */
public record ChipLayout(double dt, double tEnd, int[] hiddenOffsets, int[] hiddenSizes, int outputs, int steps) {

    /** Steps by which each layer behind another one lags the float network (see the class comment). */
    public static final double LAG_PER_LAYER = 0.75;

    public ChipLayout {
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("time step must be a finite number > 0, got " + dt);
        }
        if (hiddenOffsets.length != hiddenSizes.length || hiddenOffsets.length == 0) {
            throw new IllegalArgumentException("a chip layout needs at least one hidden layer");
        }
        hiddenOffsets = hiddenOffsets.clone();
        hiddenSizes = hiddenSizes.clone();
        requireMemory(dt, tEnd, steps, java.util.Arrays.stream(hiddenSizes).sum() + outputs,
                Runtime.getRuntime().maxMemory());
    }

    /** Bytes of one spike event as the device runs keep them (step, neuron, count). */
    static final int EVENT_BYTES = 12;

    /**
     * Refuses, before any run, a sample length whose spikes might not fit in memory: a device run keeps
     * one sample's spikes, at worst every neuron in every step. The limit is a quarter of the heap.
     */
    static void requireMemory(double dt, double tEnd, int steps, long neurons, long maxHeap) {
        long worst = (long) steps * neurons * EVENT_BYTES;
        if (steps == Integer.MAX_VALUE || worst > maxHeap / 4) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "tEnd = %.6g s at dt = %.6g s is %s steps per sample: one sample's spikes (%d neurons) may "
                            + "need up to %.3g GB of memory, more than a quarter of the %.3g GB this JVM may use "
                            + "(at most %d steps); use a shorter tEnd (eval: --t-end) or raise the limit with "
                            + "SPIKELOOP_JAVA_OPTS=-Xmx...", tEnd, dt,
                    steps == Integer.MAX_VALUE ? "more than " + steps : String.valueOf(steps), neurons,
                    steps == Integer.MAX_VALUE ? tEnd / dt * neurons * EVENT_BYTES / 1e9 : worst / 1e9,
                    maxHeap / 1e9, maxHeap / 4 / (neurons * EVENT_BYTES)));
        }
    }

    /** The layout of a compiled network: the compiler's mapping and time step. */
    public static ChipLayout of(Compilation compilation) {
        ChipMapping m = compilation.mapping();
        FloatNetwork net = compilation.chipEquivalent();
        double dt = compilation.options().dt();
        return new ChipLayout(dt, net.tEnd(), m.hiddenOffsets(), m.hiddenSizes(), m.outputs(), stepsFor(net.tEnd(), dt, LAG_PER_LAYER * m.hiddenSizes().length));
    }

    /** The layout of {@code net} compiled for step {@code dt}. */
    public static ChipLayout of(FloatNetwork net, double dt) {
        int hiddenLayers = net.layerCount() - 1;
        if (hiddenLayers < 1) {
            throw new IllegalArgumentException("the chip's outputs are fed only by hidden neurons: "
                    + "the network needs a hidden layer before its output layer");
        }
        int[] offsets = new int[hiddenLayers];
        int[] sizes = new int[hiddenLayers];
        int next = 0;
        for (int p = 0; p < hiddenLayers; p++) {
            offsets[p] = next;
            sizes[p] = net.layer(p).size();
            next += sizes[p];
        }
        return new ChipLayout(dt, net.tEnd(), offsets, sizes, net.outputLayer().size(),
                stepsFor(net.tEnd(), dt, LAG_PER_LAYER * hiddenLayers));
    }

    /**
     * Steps to run so that every output spike whose float time (see {@link DeviceSpikeTimes}) lies
     * before {@code tEnd} is produced: a single output spike in step {@code s} stands for
     * {@code (s + 1/2 - delay) dt}, so {@code ceil(tEnd/dt - 1/2 + delay)} steps.
     */
    static int stepsFor(double tEnd, double dt, double outputDelay) {
        return Math.max(1, (int) Math.ceil(tEnd / dt - 0.5 + outputDelay - 1e-9));
    }

    /** Number of layers (hidden layers and the output layer). */
    public int layerCount() {
        return hiddenOffsets.length + 1;
    }

    /** True for the output layer. */
    public boolean isOutput(int layer) {
        return layer == hiddenOffsets.length;
    }

    /** The steps by which layer {@code layer} lags float time on the chip: {@code 3 layer / 4} (see the class comment). */
    public double delay(int layer) {
        if (layer < 0 || layer > hiddenOffsets.length) {
            throw new IndexOutOfBoundsException("layer " + layer + " of " + layerCount());
        }
        return LAG_PER_LAYER * layer;
    }

    /** First chip neuron of a layer (hidden index, or output index 0 for the output layer). */
    public int offset(int layer) {
        return isOutput(layer) ? 0 : hiddenOffsets[layer];
    }

    /** Neurons in a layer. */
    public int size(int layer) {
        return isOutput(layer) ? outputs : hiddenSizes[layer];
    }

    /** Throws unless {@code net} has this layout's shape. */
    public void requireShape(FloatNetwork net) {
        boolean ok = net.layerCount() == layerCount();
        for (int l = 0; ok && l < layerCount(); l++) {
            ok = net.layer(l).size() == size(l);
        }
        if (!ok) {
            throw new IllegalArgumentException("network layer sizes "
                    + Arrays.toString(net.layers().stream().mapToInt(x -> x.size()).toArray())
                    + " do not match the chip layout (hidden " + Arrays.toString(hiddenSizes) + ", outputs " + outputs + ")");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChipLayout c && c.dt == dt && c.tEnd == tEnd && c.outputs == outputs && c.steps == steps
                && Arrays.equals(c.hiddenOffsets, hiddenOffsets) && Arrays.equals(c.hiddenSizes, hiddenSizes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hiddenOffsets) * 31 + Arrays.hashCode(hiddenSizes) + Double.hashCode(dt) + steps;
    }

    @Override
    public String toString() {
        return "ChipLayout[dt=" + dt + ", tEnd=" + tEnd + ", hidden=" + Arrays.toString(hiddenSizes)
                + " at " + Arrays.toString(hiddenOffsets) + ", outputs=" + outputs + ", steps=" + steps + "]";
    }
}
