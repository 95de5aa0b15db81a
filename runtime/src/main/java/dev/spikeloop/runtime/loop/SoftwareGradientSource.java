package dev.spikeloop.runtime.loop;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.runtime.fp.GradientEngine;
import dev.spikeloop.runtime.fp.GradientMode;
import dev.spikeloop.runtime.fp.Gradients;
import dev.spikeloop.runtime.fp.TtfsLoss;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.SpikeRecord;
import dev.spikeloop.runtime.train.FirstSpikeReadout;

import java.util.stream.IntStream;

/**
 * The software baseline: gradients of the float model simulated on its own (on the chip-grid
 * inputs, with the chip's time constants), exactly as plain training would compute them. The
 * device is not consulted, so whatever the chip does differently stays invisible; this is what
 * the mismatch study compares in-the-loop training against.
 */
public final class SoftwareGradientSource implements GradientSource {
    private final GradientMode mode;
    private final double tau0;
    private final double silentPush;
    private final double deadPush;
    private final double clip;

    /**
     * A software source with the FP engine's {@code mode}, ttfs scale {@code tau0} (seconds) and the
     * pushes of {@link ParameterLayout#addSilentPush} and {@link ParameterLayout#addDeadPush} and the
     * per-sample clip (L2 norm, 0 = off).
     */
    public SoftwareGradientSource(GradientMode mode, double tau0, double silentPush, double deadPush, double clip) {
        this.mode = mode;
        this.tau0 = tau0;
        this.silentPush = silentPush;
        this.deadPush = deadPush;
        this.clip = clip;
    }

    /** The source for {@code settings}. */
    public static SoftwareGradientSource of(FineTuneSettings settings) {
        return new SoftwareGradientSource(settings.mode(), settings.tau0(), settings.silentPush(),
                settings.deadPush(), settings.clip());
    }

    @Override
    public String name() {
        return "software";
    }

    @Override
    public BatchGradient gradient(FloatNetwork model, LoopData data, int[] batch, Device device, ParameterLayout params) {
        DeviceGradientSource.SampleGradient[] per = IntStream.range(0, batch.length).parallel()
                .mapToObj(k -> sample(model, data.get(batch[k]), params))
                .toArray(DeviceGradientSource.SampleGradient[]::new);
        return DeviceGradientSource.SampleGradient.sum(per, params.size(model));
    }

    private DeviceGradientSource.SampleGradient sample(FloatNetwork model, LoopSample s, ParameterLayout params) {
        SpikeRecord spikes = new EventSimulator().simulate(model, s.chipInputs());
        boolean correct = FirstSpikeReadout.decide(spikes.firstSpikes(spikes.layers() - 1)).predicted() == s.label();
        Gradients g = new GradientEngine(mode).gradientAt(model, s.chipInputs(), spikes, new TtfsLoss(s.label(), tau0));
        double[] grad = params.flattenGradient(model, g);
        DeviceGradientSource.SampleGradient out = DeviceGradientSource.SampleGradient.of(grad, clip, g.loss(), correct,
                g.guards(), 0);
        if (out.gradient() != null) {
            params.addSilentPush(model, spikes.times(), silentPush, out.gradient());
            params.addDeadPush(model, spikes.times(), DeviceGradientSource.inputCounts(s), deadPush,
                    FineTuneSettings.MAX_SILENT_HIDDEN, out.gradient());
        }
        return out;
    }
}
