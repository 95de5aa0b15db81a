package dev.spikeloop.runtime.loop;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.runtime.fp.GradientEngine;
import dev.spikeloop.runtime.fp.GradientMode;
import dev.spikeloop.runtime.fp.Gradients;
import dev.spikeloop.runtime.fp.GuardCounts;
import dev.spikeloop.runtime.fp.TtfsLoss;
import dev.spikeloop.runtime.sim.SpikeRecord;
import dev.spikeloop.runtime.train.FirstSpikeReadout;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Gradients in the loop: the device runs the batch, its spike steps become float times
 * ({@link DeviceSpikeTimes}), and the FP engine evaluates the float model's threshold equations at
 * those times ({@link GradientEngine#gradientAt}). Where device and model disagree the engine
 * clamps a non-positive slope or drops a spike the model cannot explain; the counts come back in
 * {@link BatchGradient#guards()}. A sample whose gradient is still not finite is left out and counted.
 */
public final class DeviceGradientSource implements GradientSource {
    private final ChipLayout layout;
    private final GradientMode mode;
    private final double tau0;
    private final double silentPush;
    private final double deadPush;
    private final double clip;

    /**
     * @param layout     where the network sits on the chip and the step-to-time convention
     * @param mode       the FP engine's solution order
     * @param tau0       the ttfs loss scale (seconds)
     * @param silentPush push on a label neuron that stayed silent on the device
     *                   ({@link ParameterLayout#addSilentPush}; 0 = off)
     * @param deadPush   push on silent hidden neurons ({@link ParameterLayout#addDeadPush}; 0 = off)
     * @param clip       largest L2 norm of one sample's gradient (0 = no clipping)
     */
    public DeviceGradientSource(ChipLayout layout, GradientMode mode, double tau0, double silentPush, double deadPush,
                                double clip) {
        this.layout = layout;
        this.mode = mode;
        this.tau0 = tau0;
        this.silentPush = silentPush;
        this.deadPush = deadPush;
        this.clip = clip;
    }

    /** The source for {@code settings}. */
    public static DeviceGradientSource of(ChipLayout layout, FineTuneSettings settings) {
        return new DeviceGradientSource(layout, settings.mode(), settings.tau0(), settings.silentPush(),
                settings.deadPush(), settings.clip());
    }

    @Override
    public String name() {
        return "in-the-loop";
    }

    @Override
    public BatchGradient gradient(FloatNetwork model, LoopData data, int[] batch, Device device, ParameterLayout params) {
        List<DeviceRun> runs = device.run(data.rasters(batch), layout.steps());
        // Samples are independent: compute them in parallel, then add them up in batch order so the
        // result does not depend on the thread schedule (runs are reproducible bit for bit).
        SampleGradient[] per = IntStream.range(0, batch.length).parallel()
                .mapToObj(k -> sample(model, data.get(batch[k]), runs.get(k), params))
                .toArray(SampleGradient[]::new);
        return SampleGradient.sum(per, params.size(model));
    }

    private SampleGradient sample(FloatNetwork model, LoopSample s, DeviceRun run, ParameterLayout params) {
        DeviceSpikeTimes.Times times = DeviceSpikeTimes.of(run, layout);
        boolean correct = FirstSpikeReadout.decide(DeviceReadout.firstSteps(run.outputs(), layout.outputs()))
                .predicted() == s.label();
        Gradients g = new GradientEngine(mode).gradientAt(model, s.chipInputs(),
                SpikeRecord.fromTimes(times.times()), new TtfsLoss(s.label(), tau0));
        double[] grad = params.flattenGradient(model, g);
        SampleGradient out = SampleGradient.of(grad, clip, g.loss(), correct, g.guards(), times.outsideWindow());
        if (out.gradient() != null) {
            params.addSilentPush(model, times.times(), silentPush, out.gradient());
            params.addDeadPush(model, times.times(), inputCounts(s), deadPush, FineTuneSettings.MAX_SILENT_HIDDEN,
                    out.gradient());
        }
        return out;
    }

    /** Spikes per input channel of a sample (as the model sees them). */
    static double[] inputCounts(LoopSample s) {
        double[] c = new double[s.chipInputs().channels()];
        for (int j = 0; j < c.length; j++) {
            c[j] = s.chipInputs().times(j).length;
        }
        return c;
    }

    /** One sample's share of a batch gradient. */
    record SampleGradient(double[] gradient, double loss, boolean correct, GuardCounts guards, int outside) {

        /** A sample's share; a gradient with a larger L2 norm than {@code clip} (> 0) is scaled down to it. */
        static SampleGradient of(double[] gradient, double clip, double loss, boolean correct, GuardCounts guards,
                                 int outside) {
            double norm2 = 0;
            for (double v : gradient) {
                if (!Double.isFinite(v)) {
                    return new SampleGradient(null, loss, correct, guards == null ? GuardCounts.NONE : guards, outside);
                }
                norm2 += v * v;
            }
            double norm = Math.sqrt(norm2);
            if (clip > 0 && norm > clip) {
                double f = clip / norm;
                for (int i = 0; i < gradient.length; i++) {
                    gradient[i] *= f;
                }
            }
            return new SampleGradient(gradient, loss, correct, guards == null ? GuardCounts.NONE : guards, outside);
        }

        static BatchGradient sum(SampleGradient[] per, int size) {
            double[] total = new double[size];
            double loss = 0;
            int correct = 0;
            int used = 0;
            int skipped = 0;
            int outside = 0;
            GuardCounts guards = GuardCounts.NONE;
            for (SampleGradient s : per) {
                guards = guards.plus(s.guards());
                outside += s.outside();
                if (s.correct()) {
                    correct++;
                }
                if (s.gradient() == null) {
                    skipped++;
                    continue;
                }
                if (Double.isFinite(s.loss())) {
                    loss += s.loss();
                }
                for (int i = 0; i < size; i++) {
                    total[i] += s.gradient()[i];
                }
                used++;
            }
            if (used > 0) {
                for (int i = 0; i < size; i++) {
                    total[i] /= used;
                }
            }
            return new BatchGradient(total, loss, correct, per.length, guards, skipped, outside);
        }
    }
}
