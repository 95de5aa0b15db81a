package dev.spikeloop.runtime.loop;

import dev.spikeloop.compiler.quantize.ChipMapping;
import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.network.FloatNetwork;

import java.util.Arrays;

/**
 * The compiler's {@link ChipMapping} (where a float network's layers sit on the chip; it is derived
 * there and only there) with what the loop adds: how chip steps relate to float time and how many
 * steps a sample runs.
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
 * @param mapping the compiler's placement of the layers
 * @param dt      chip time step, seconds
 * @param tEnd    the float model's end time, seconds
 * @param steps   steps a sample runs on the device: enough for every spike that maps before {@code tEnd}
 */
public record ChipLayout(ChipMapping mapping, double dt, double tEnd, int steps) {

    /** Steps by which each layer behind another one lags the float network (see the class comment). */
    public static final double LAG_PER_LAYER = 0.75;

    public ChipLayout {
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("time step must be a finite number > 0, got " + dt);
        }
        requireMemory(dt, tEnd, steps, mapping.hidden() + mapping.outputs(), Runtime.getRuntime().maxMemory());
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
        return of(compilation.mapping(), compilation.options().dt(), compilation.chipEquivalent().tEnd());
    }

    /** The layout of {@code net} compiled for step {@code dt}. */
    public static ChipLayout of(FloatNetwork net, double dt) {
        return of(ChipMapping.of(net), dt, net.tEnd());
    }

    /** The compiler's {@code mapping} run at step {@code dt} for float window {@code tEnd} (seconds). */
    public static ChipLayout of(ChipMapping mapping, double dt, double tEnd) {
        return new ChipLayout(mapping, dt, tEnd, stepsFor(tEnd, dt, LAG_PER_LAYER * (mapping.layerCount() - 1)));
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
        return mapping.layerCount();
    }

    /** True for the output layer. */
    public boolean isOutput(int layer) {
        return mapping.isOutput(layer);
    }

    /** First hidden neuron of each hidden layer (the mapping's). */
    public int[] hiddenOffsets() {
        return mapping.hiddenOffsets();
    }

    /** Size of each hidden layer (the mapping's). */
    public int[] hiddenSizes() {
        return mapping.hiddenSizes();
    }

    /** Output neurons used (the mapping's). */
    public int outputs() {
        return mapping.outputs();
    }

    /** The steps by which layer {@code layer} lags float time on the chip: {@code 3 layer / 4} (see the class comment). */
    public double delay(int layer) {
        if (layer < 0 || layer >= layerCount()) {
            throw new IndexOutOfBoundsException("layer " + layer + " of " + layerCount());
        }
        return LAG_PER_LAYER * layer;
    }

    /** First chip neuron of a layer (hidden index, or output index 0 for the output layer). */
    public int offset(int layer) {
        return isOutput(layer) ? 0 : mapping.offset(layer);
    }

    /** Neurons in a layer. */
    public int size(int layer) {
        return isOutput(layer) ? outputs() : mapping.hiddenSizes()[layer];
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
                    + " do not match the chip layout (hidden " + Arrays.toString(hiddenSizes()) + ", outputs " + outputs() + ")");
        }
    }

    @Override
    public String toString() {
        return "ChipLayout[dt=" + dt + ", tEnd=" + tEnd + ", hidden=" + Arrays.toString(hiddenSizes())
                + " at " + Arrays.toString(hiddenOffsets()) + ", outputs=" + outputs() + ", steps=" + steps + "]";
    }
}
