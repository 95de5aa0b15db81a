package dev.spikeloop.runtime.loop;

import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.Decays;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.SpikeRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Identifies what a chip really realises (per layer: its decays and a threshold factor), from its
 * spikes alone.
 *
 * <p>The in-the-loop gradient evaluates the float model at the device's spike times; it is only as
 * good as the model's time constants and thresholds. A chip whose decays differ from what the
 * compiler assumed (a {@code dash} register one off, a different clock) fires at other times than the
 * model with the compiled time constants, and gradients taken with those time constants point the
 * wrong way exactly where the chip differs. So before fine-tuning the device runs a few samples with
 * the compiled configuration, and the float model is fitted to its spike times, layer by layer from
 * the inputs (a layer's spikes depend only on the layers before it, settled by then): every
 * combination of the time constants of the neighbouring dashes ({@code dash - range .. dash + range}
 * for the synaptic current and the membrane) and a threshold factor ({@code 0.85 .. 1.15}) is tried
 * (jointly: a slower synapse and a lower threshold look alike, and a one-at-a-time search settles on
 * the wrong one). The
 * measure is the layer's mean absolute first-spike time difference over its neurons and the samples
 * (a neuron that fires on one side only counts as firing at {@code tEnd}). The best candidate replaces
 * the compiled values only when it lowers that by more than {@link #MIN_GAIN}, so a chip that behaves
 * as compiled keeps them.
 *
 * <p>The search is over dashes because a digital chip realises only those: a chip with other decays
 * is one whose registers or clock differ, which this identifies exactly. The threshold factor stands
 * for comparator offsets and similar gain errors.
 */
public final class ChipCalibration {
    /**
     * Relative improvement of a layer's spike-time discrepancy a candidate must bring to be taken. The
     * step convention alone leaves about a step of discrepancy on an ideal chip; at 5% an ideal chip's
     * hidden layer got a 0.95 threshold factor from that noise, and five times as many clamped slopes.
     */
    public static final double MIN_GAIN = 0.2;

    /** Threshold factors tried: 0.85 .. 1.15 in steps of 0.05. */
    private static final double[] SCALES = {0.85, 0.90, 0.95, 1.0, 1.05, 1.10, 1.15};

    private final int range;
    private final int samples;

    /**
     * @param range   dashes tried on either side of the compiled one (>= 1)
     * @param samples device runs used (the first ones of the data; >= 1)
     */
    public ChipCalibration(int range, int samples) {
        if (range < 1 || samples < 1) {
            throw new IllegalArgumentException("calibration needs a dash range >= 1 and >= 1 sample, got range "
                    + range + ", samples " + samples);
        }
        this.range = range;
        this.samples = samples;
    }

    /** One dash either way, 200 samples. */
    public static ChipCalibration defaults() {
        return new ChipCalibration(1, 200);
    }

    /**
     * What the calibration found.
     *
     * @param model          the start model with the identified time constants and thresholds (weights unchanged)
     * @param dashSyn        identified synaptic dash per layer
     * @param dashMem        identified membrane dash per layer
     * @param compiledSyn    the compiled synaptic dash per layer
     * @param compiledMem    the compiled membrane dash per layer
     * @param thresholdScale identified factor on each layer's threshold (1: as compiled)
     * @param before         spike-time discrepancy with the compiled values (mean over layers), seconds
     * @param after          spike-time discrepancy with the identified values, seconds
     */
    public record Result(FloatNetwork model, int[] dashSyn, int[] dashMem, int[] compiledSyn, int[] compiledMem,
                         double[] thresholdScale, double before, double after) {
        public Result {
            dashSyn = dashSyn.clone();
            dashMem = dashMem.clone();
            compiledSyn = compiledSyn.clone();
            compiledMem = compiledMem.clone();
            thresholdScale = thresholdScale.clone();
        }

        /** True when some layer differs from the compiled values. */
        public boolean changed() {
            return Arrays.stream(thresholdScale).anyMatch(x -> x != 1.0)
                    || !Arrays.equals(dashSyn, compiledSyn) || !Arrays.equals(dashMem, compiledMem);
        }

        /** One line for logs: per layer the identified dashes, time constants and threshold factor. */
        public String describe() {
            StringBuilder b = new StringBuilder();
            for (int l = 0; l < dashSyn.length; l++) {
                LayerSpec layer = model.layer(l);
                b.append(String.format(Locale.ROOT, "%s%s: dash_syn %d%s, dash_mem %d%s (tau %.3g / %.3g ms), threshold x%.2f",
                        l == 0 ? "" : "; ", layer.name(), dashSyn[l], delta(dashSyn[l], compiledSyn[l]), dashMem[l],
                        delta(dashMem[l], compiledMem[l]), 1e3 * layer.tauSyn(), 1e3 * layer.tauMem(), thresholdScale[l]));
            }
            b.append(String.format(Locale.ROOT, "; spike-time discrepancy %.3g -> %.3g ms", 1e3 * before, 1e3 * after));
            return b.toString();
        }

        private static String delta(int found, int compiled) {
            return found == compiled ? "" : String.format(Locale.ROOT, " (compiled %d)", compiled);
        }
    }

    /**
     * Calibrates against {@code device}, which must hold {@code compilation}'s configuration.
     *
     * @param device      the device, holding the compiled configuration
     * @param compilation the compilation (its dashes and step)
     * @param start       the gradient model with the compiled time constants (the chip form of the model)
     * @param layout      the chip layout (steps per sample and the step-to-time convention)
     * @param data        samples to run (the first {@code samples} of them)
     * @param thresholds  whether to fit threshold factors too (off when thresholds are trained)
     */
    public Result calibrate(Device device, Compilation compilation, FloatNetwork start, ChipLayout layout, LoopData data,
                            boolean thresholds) {
        int n = Math.min(samples, data.size());
        if (n == 0) {
            throw new IllegalArgumentException("calibration needs at least one sample");
        }
        int[] idx = IntStream.range(0, n).toArray();
        List<DeviceRun> runs = device.run(data.rasters(idx), layout.steps());
        double[][][] measured = new double[n][][];
        for (int k = 0; k < n; k++) {
            measured[k] = firstTimes(DeviceSpikeTimes.of(runs.get(k), layout).record(), layout.tEnd());
        }
        int layers = start.layerCount();
        int[] compiledSyn = new int[layers];
        int[] compiledMem = new int[layers];
        for (int l = 0; l < layers; l++) {
            compiledSyn[l] = compilation.scales().layer(l).dashSyn();
            compiledMem[l] = compilation.scales().layer(l).dashMem();
        }
        int maxDash = compilation.options().chipProfile().maxDash();
        int[] syn = compiledSyn.clone();
        int[] mem = compiledMem.clone();
        double[] scale = new double[layers];
        Arrays.fill(scale, 1.0);
        Scorer scorer = new Scorer(data, idx, measured);
        double[] before = new double[layers];
        for (int l = 0; l < layers; l++) {
            before[l] = scorer.layer(start, l);
        }
        FloatNetwork net = start;
        double[] after = new double[layers];
        double dt = layout.dt();
        double[] scales = thresholds ? SCALES : new double[] {1.0};
        for (int l = 0; l < layers; l++) {
            double threshold = start.layer(l).threshold();
            if (perNeuron(start.layer(l)) || !start.layer(l).isSpiking()) {
                // One layer-wide dash pair or threshold factor cannot stand for per-neuron values: the layer
                // keeps its compiled per-neuron time constants (and its bias) as they are. A membrane readout
                // has no spike times to fit: it too stays as compiled.
                after[l] = l == 0 ? before[0] : scorer.layer(truncated(net, l), l);
                continue;
            }
            // Only the layers up to l shape layer l's spikes: simulate just those.
            FloatNetwork upTo = truncated(net, l);
            double base = l == 0 ? before[0] : scorer.layer(upTo, l);
            double score = base;
            for (int ds = Math.max(Decays.MIN_DASH, compiledSyn[l] - range); ds <= Math.min(maxDash, compiledSyn[l] + range); ds++) {
                for (int dm = Math.max(Decays.MIN_DASH, compiledMem[l] - range); dm <= Math.min(maxDash, compiledMem[l] + range); dm++) {
                    for (double s : scales) {
                        if (ds == compiledSyn[l] && dm == compiledMem[l] && s == 1.0) {
                            continue;
                        }
                        FloatNetwork trial = withLayer(upTo, l, Decays.tau(ds, dt), Decays.tau(dm, dt), threshold * s);
                        double trialScore = scorer.layer(trial, l);
                        if (trialScore < score && trialScore < base * (1 - MIN_GAIN)) {
                            score = trialScore;
                            syn[l] = ds;
                            mem[l] = dm;
                            scale[l] = s;
                        }
                    }
                }
            }
            // As compiled: keep the start model's own values (bit for bit what the caller passed).
            boolean asCompiled = syn[l] == compiledSyn[l] && mem[l] == compiledMem[l] && scale[l] == 1.0;
            net = asCompiled ? withLayer(net, l, start.layer(l).tauSyn(), start.layer(l).tauMem(), threshold)
                    : withLayer(net, l, Decays.tau(syn[l], dt), Decays.tau(mem[l], dt), threshold * scale[l]);
            after[l] = score;
        }
        return new Result(net, syn, mem, compiledSyn, compiledMem, scale, mean(before), mean(after));
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElse(0);
    }

    /** Scores a network's spikes against the device's. */
    private record Scorer(LoopData data, int[] idx, double[][][] measured) {
        /**
         * Mean absolute first-spike time difference of layer {@code l}'s neurons between {@code net}'s
         * simulation and the device, seconds.
         */
        double layer(FloatNetwork net, int l) {
            double tEnd = net.tEnd();
            double sum = IntStream.range(0, idx.length).parallel().mapToDouble(k -> {
                SpikeRecord r = new EventSimulator().simulate(net, data.get(idx[k]).chipInputs());
                double[] model = firstTimes(r, tEnd)[l];
                double s = 0;
                for (int i = 0; i < model.length; i++) {
                    s += Math.abs(model[i] - measured[k][l][i]);
                }
                return s;
            }).sum();
            return sum / ((double) idx.length * net.layer(l).size());
        }
    }

    /** First spike time of every neuron of every layer, capped at {@code tEnd} (so a silent neuron counts as {@code tEnd}). */
    private static double[][] firstTimes(SpikeRecord spikes, double tEnd) {
        double[][] first = new double[spikes.layers()][];
        for (int l = 0; l < first.length; l++) {
            first[l] = spikes.firstSpikes(l);
            for (int i = 0; i < first[l].length; i++) {
                first[l][i] = Math.min(tEnd, first[l][i]);
            }
        }
        return first;
    }

    /**
     * The first {@code last + 1} layers of {@code net}. A recurrent hidden layer, or one with a second
     * synapse, cannot be a network's output layer, so then a silent one-neuron layer (zero weights) is
     * appended; layer {@code last}'s spikes are unchanged by it.
     */
    static FloatNetwork truncated(FloatNetwork net, int last) {
        List<LayerSpec> layers = new ArrayList<>(net.layers().subList(0, last + 1));
        LayerSpec top = layers.get(last);
        if (top.hasRecurrent() || top.detail().synapse2() != null) {
            layers.add(new LayerSpec("calibration-sink", 1, top.tauSyn(), top.tauMem(), top.threshold(),
                    new double[1][top.size()], null));
        }
        return new FloatNetwork(net.inputs(), net.tEnd(), layers);
    }

    /** True when the layer has per-neuron time constants or thresholds. */
    private static boolean perNeuron(LayerSpec layer) {
        return layer.detail().tauSyn() != null || layer.detail().tauMem() != null || layer.detail().threshold() != null;
    }

    /**
     * {@code net} with layer {@code l}'s time constants and threshold replaced (a layer without per-neuron
     * values); its other details (bias, self-connections) are kept.
     */
    static FloatNetwork withLayer(FloatNetwork net, int l, double tauSyn, double tauMem, double threshold) {
        List<LayerSpec> layers = new ArrayList<>(net.layers());
        LayerSpec a = layers.get(l);
        layers.set(l, new LayerSpec(a.name(), a.size(), tauSyn, tauMem, threshold, a.weights(), a.recurrent(),
                a.detail()));
        return new FloatNetwork(net.inputs(), net.tEnd(), layers);
    }
}
