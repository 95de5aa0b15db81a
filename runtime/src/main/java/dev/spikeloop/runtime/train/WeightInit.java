package dev.spikeloop.runtime.train;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.RunawaySpikingException;
import dev.spikeloop.runtime.sim.SpikeRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Weight initialisation that makes neurons fire. Time-to-first-spike learning has no gradient
 * through a silent neuron, so a network initialised by a fan-in rule alone (which knows nothing of
 * thresholds, time constants or input timing) often starts dead or saturated.
 *
 * <p>Each layer's weights are {@code gain * (meanOverSd + z)} with {@code z} standard normal (so the
 * ratio of mean to spread is fixed, as in Goltz et al. 2021, who use 1.5 +- 0.8 for the hidden and
 * 0.5 +- 0.8 for the output layer). The {@code gain} is then calibrated layer by layer, by bisection
 * on a log scale, until the fraction of (sample, neuron) pairs in which the neuron fires at least
 * once, over a probe set of encoded samples, equals the layer's target. The result depends only on
 * the shape, the probe samples and the seed.
 */
public final class WeightInit {

    /**
     * @param hiddenMeanOverSd mean / standard deviation of hidden weights before the gain
     * @param outputMeanOverSd the same for the output layer
     * @param hiddenFiring     target fraction of hidden (sample, neuron) pairs that fire
     * @param outputFiring     target fraction for the output layer
     */
    public record Settings(double hiddenMeanOverSd, double outputMeanOverSd, double hiddenFiring,
                           double outputFiring) {
        /**
         * Hidden mean/spread 0.5 (more mixed-sign, hence more selective hidden neurons than Goltz et
         * al.'s 1.5/0.8, which trained worse here), output 0.5/0.8 as Goltz et al.; 70 % of hidden and
         * 95 % of output (sample, neuron) pairs fire.
         */
        public static final Settings DEFAULT = new Settings(0.5, 0.5 / 0.8, 0.7, 0.95);

        public Settings {
            if (!(hiddenFiring > 0 && hiddenFiring < 1) || !(outputFiring > 0 && outputFiring < 1)) {
                throw new IllegalArgumentException("init: target firing fractions must lie in (0, 1), got "
                        + hiddenFiring + " and " + outputFiring);
            }
            if (!Double.isFinite(hiddenMeanOverSd) || !Double.isFinite(outputMeanOverSd)) {
                throw new IllegalArgumentException("init: mean/sd ratios must be finite");
            }
        }
    }

    private static final int BISECTION_STEPS = 30;
    private static final double MIN_GAIN = 1e-4;
    private static final double MAX_GAIN = 1e4;

    private WeightInit() {
    }

    /** A network of {@code shape} whose layers fire as {@code settings} asks on {@code probe}. */
    public static FloatNetwork calibrated(NetworkShape shape, List<InputSpikes> probe, long seed, Settings settings,
                                          WorkerPool pool) {
        if (probe.isEmpty()) {
            throw new IllegalArgumentException("init: the probe set is empty");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<double[][]> base = new ArrayList<>();
        for (int l = 0; l < shape.layerCount(); l++) {
            boolean out = l == shape.layerCount() - 1;
            double ratio = out ? settings.outputMeanOverSd() : settings.hiddenMeanOverSd();
            double[][] b = new double[shape.size(l)][shape.fanIn(l)];
            for (double[] row : b) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = (ratio + rng.nextGaussian()) / Math.sqrt(shape.fanIn(l));
                }
            }
            base.add(b);
        }
        double[] gains = new double[shape.layerCount()];
        for (int l = 0; l < shape.layerCount(); l++) {
            boolean out = l == shape.layerCount() - 1;
            double target = out ? settings.outputFiring() : settings.hiddenFiring();
            double lo = Math.log(MIN_GAIN), hi = Math.log(MAX_GAIN);
            boolean saturated = false;
            for (int it = 0; it < BISECTION_STEPS; it++) {
                double mid = 0.5 * (lo + hi);
                gains[l] = Math.exp(mid);
                double f = firingFraction(truncated(shape, base, gains, l + 1), probe, l, pool);
                // Saturated (NaN): some neuron fires in bursts, so the gain is too large whatever the
                // fraction. Without this cap a narrow layer (train --hidden 5) pushed its successor's gain
                // up until a neuron fired thousands of times.
                if (!Double.isNaN(f) && f < target) {
                    lo = mid;
                } else {
                    hi = mid;
                    saturated |= Double.isNaN(f);
                }
            }
            // Where bursts set the limit, stay clear of it: the largest gain seen without one, less a margin.
            gains[l] = Math.exp(0.5 * (lo + hi));
            if (saturated && Double.isNaN(firingFraction(truncated(shape, base, gains, l + 1), probe, l, pool))) {
                gains[l] = SATURATION_MARGIN * Math.exp(lo);
            }
        }
        return truncated(shape, base, gains, shape.layerCount());
    }

    /** Readout scores (differences between the classes of one sample) get this standard deviation at the start. */
    static final double READOUT_SCORE_SD = 1.0;
    /**
     * The readout's threshold is its membrane unit when compiled (the compiler maps the threshold to its
     * threshold target, 4096 by default, so 8 thresholds fit the 16-bit membrane): set to this fraction of
     * the largest |membrane| seen on the probe, it leaves the chip's membrane room to grow 4x in training.
     */
    static final double READOUT_PEAK_PER_THRESHOLD = 2.0;
    /** Probe samples whose trajectories size the readout's membrane range (the scores use every probe sample). */
    private static final int PEAK_SAMPLES = 32;
    private static final int PEAK_GRID = 256;

    /**
     * A network of {@code shape} whose output layer is a non-spiking membrane readout
     * ({@link dev.spikeloop.runtime.fp.MembraneReadout}): the hidden layers are calibrated as by
     * {@link #calibrated} (firing fraction {@code hiddenFiring}), the readout's weights are zero-mean normal
     * with a gain that gives the readout's mean-membrane scores a spread of {@link #READOUT_SCORE_SD} between
     * the classes of a probe sample (a softmax neither flat nor saturated at {@code beta = 1}), and its
     * threshold, unused in float, sizes its compiled membrane range ({@link #READOUT_PEAK_PER_THRESHOLD}).
     */
    public static FloatNetwork calibratedWithReadout(NetworkShape shape, List<InputSpikes> probe, long seed,
                                                     Settings settings, WorkerPool pool) {
        return calibratedWithReadout(shape, probe, seed, settings, dev.spikeloop.runtime.fp.ReadoutWindows.ONE, pool);
    }

    /**
     * The same with a readout read in {@code windows} per class ({@code shape.outputs()} = classes x windows;
     * the gain spreads the class scores, each the sum of its windows' means over the probe sample's span).
     */
    public static FloatNetwork calibratedWithReadout(NetworkShape shape, List<InputSpikes> probe, long seed,
                                                     Settings settings, dev.spikeloop.runtime.fp.ReadoutWindows windows,
                                                     WorkerPool pool) {
        windows.classes(shape.outputs());   // validates that the windows divide the outputs
        if (shape.hidden().length == 0) {
            throw new IllegalArgumentException("init: a membrane readout needs at least one hidden layer");
        }
        int h = shape.hidden().length;
        int[] inner = java.util.Arrays.copyOf(shape.hidden(), h - 1);
        NetworkShape hiddenOnly = new NetworkShape(shape.inputs(), inner, shape.hidden()[h - 1], shape.tauSyn(),
                shape.tauMem(), shape.threshold(), shape.tEnd());
        Settings allHidden = new Settings(settings.hiddenMeanOverSd(), settings.hiddenMeanOverSd(),
                settings.hiddenFiring(), settings.hiddenFiring());
        FloatNetwork stack = calibrated(hiddenOnly, probe, seed, allHidden, pool);
        List<double[][]> spikes = pool.map(probe.size(),
                i -> new EventSimulator().simulate(stack, probe.get(i)).times()[h - 1]);
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int fanIn = shape.hidden()[h - 1];
        double[][] w = new double[shape.outputs()][fanIn];
        for (double[] row : w) {
            for (int j = 0; j < fanIn; j++) {
                row[j] = rng.nextGaussian() / Math.sqrt(fanIn);
            }
        }
        dev.spikeloop.network.LayerDetail readout = new dev.spikeloop.network.LayerDetail(null, null, null, null, false,
                false, false).withReadoutWindows(windows.count());
        // the stack's last layer is its "output": give every hidden layer the name the full shape gives it
        List<dev.spikeloop.network.LayerSpec> layers = new ArrayList<>();
        for (int l = 0; l < h; l++) {
            dev.spikeloop.network.LayerSpec x = stack.layer(l);
            layers.add(new dev.spikeloop.network.LayerSpec(h == 1 ? "hidden" : "hidden" + l, x.size(), x.tauSyn(),
                    x.tauMem(), x.threshold(), x.weights(), x.recurrent(), x.detail()));
        }
        layers.add(new dev.spikeloop.network.LayerSpec("output", shape.outputs(), shape.tauSyn(), shape.tauMem(),
                shape.threshold(), w, null, readout));
        FloatNetwork unit = new FloatNetwork(shape.inputs(), shape.tEnd(), layers);
        dev.spikeloop.runtime.fp.MembraneReadout m = dev.spikeloop.runtime.fp.MembraneReadout.of(unit);
        double sum2 = 0;
        long n = 0;
        for (int i = 0; i < spikes.size(); i++) {
            double[] sc = m.classScores(spikes.get(i), shape.tEnd(), dev.spikeloop.runtime.fp.ReadoutScore.MEAN,
                    dev.spikeloop.runtime.fp.ReadoutWindows.span(probe.get(i), shape.tEnd()));
            double mean = java.util.Arrays.stream(sc).average().orElse(0);
            for (double v : sc) {
                sum2 += (v - mean) * (v - mean);
                n++;
            }
        }
        double sd = Math.sqrt(sum2 / Math.max(1, n));
        double gain = sd > 0 ? READOUT_SCORE_SD / sd : 1.0;
        for (double[] row : w) {
            for (int j = 0; j < fanIn; j++) {
                row[j] *= gain;
            }
        }
        double threshold = readoutThreshold(m, spikes, shape.tEnd(), shape.threshold());
        layers.set(layers.size() - 1, layers.get(layers.size() - 1).withThreshold(threshold));
        return new FloatNetwork(shape.inputs(), shape.tEnd(), layers);
    }

    /**
     * The threshold of a membrane readout, which only sizes its compiled membrane range: the largest
     * |membrane| over up to 32 samples' hidden spikes ({@code spikes}) over {@link #READOUT_PEAK_PER_THRESHOLD}
     * ({@code fallback} when every membrane stays 0).
     */
    public static double readoutThreshold(dev.spikeloop.runtime.fp.MembraneReadout m, List<double[][]> spikes,
                                          double tEnd, double fallback) {
        double[] grid = new double[PEAK_GRID];
        for (int q = 0; q < grid.length; q++) {
            grid[q] = tEnd * (q + 1) / grid.length;
        }
        double peak = 0;
        for (int i = 0; i < Math.min(PEAK_SAMPLES, spikes.size()); i++) {
            for (double[] row : m.trajectory(spikes.get(i), grid)) {
                for (double v : row) {
                    peak = Math.max(peak, Math.abs(v));
                }
            }
        }
        return peak > 0 ? peak / READOUT_PEAK_PER_THRESHOLD : fallback;
    }

    /** The first {@code layers} layers with scaled weights; a shorter stack simply ends earlier. */
    private static FloatNetwork truncated(NetworkShape shape, List<double[][]> base, double[] gains, int layers) {
        List<double[][]> w = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            double[][] b = base.get(l);
            double[][] m = new double[b.length][];
            for (int i = 0; i < b.length; i++) {
                m[i] = b[i].clone();
                for (int j = 0; j < m[i].length; j++) {
                    m[i][j] *= gains[l];
                }
            }
            w.add(m);
        }
        if (layers == shape.layerCount()) {
            return shape.build(w);
        }
        // Build a stack whose "output" is layer layers-1: the shape of a prefix of the network.
        int[] hidden = new int[layers - 1];
        for (int l = 0; l < layers - 1; l++) {
            hidden[l] = shape.size(l);
        }
        NetworkShape prefix = new NetworkShape(shape.inputs(), hidden, shape.size(layers - 1), shape.tauSyn(),
                shape.tauMem(), shape.threshold(), shape.tEnd());
        return prefix.build(w);
    }

    /**
     * Spikes of one neuron in one probe sample above which a layer counts as saturated: a
     * time-to-first-spike network needs a few spikes per neuron, a burst means the gain is too large.
     */
    static final int SATURATION_SPIKES = 20;

    /**
     * The spike count per neuron above which a sample counts as saturating: {@link #SATURATION_SPIKES},
     * or the busiest input channel's count when that is larger. A neuron that fires no more often than
     * its busiest input is following a dense stream (audio data sets), not bursting.
     */
    static int saturationBound(InputSpikes sample) {
        int busiest = 0;
        for (int c = 0; c < sample.channels(); c++) {
            busiest = Math.max(busiest, sample.times(c).length);
        }
        return Math.max(SATURATION_SPIKES, busiest);
    }

    /** Fraction of the largest burst-free gain used when bursts limit a layer's gain. */
    static final double SATURATION_MARGIN = 0.8;

    /**
     * Fraction of (sample, neuron) pairs of layer {@code layer} with at least one spike, or NaN when a
     * neuron of any layer fires more than {@link #SATURATION_SPIKES} times in a probe sample.
     */
    static double firingFraction(FloatNetwork net, List<InputSpikes> probe, int layer, WorkerPool pool) {
        List<Integer> firing = pool.map(probe.size(), i -> {
            // One simulator per sample: nothing is shared between worker threads.
            SpikeRecord r;
            try {
                r = new EventSimulator(true, saturationBound(probe.get(i))).simulate(net, probe.get(i));
            } catch (RunawaySpikingException burst) {
                return -1;
            }
            int n = 0;
            for (int k = 0; k < net.layer(layer).size(); k++) {
                if (r.times(layer, k).length > 0) {
                    n++;
                }
            }
            return n;
        });
        long total = 0;
        for (int n : firing) {
            if (n < 0) {
                return Double.NaN;
            }
            total += n;
        }
        return total / (double) (probe.size() * (long) net.layer(layer).size());
    }
}
