package dev.spikeloop.runtime.loop;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.runtime.fp.GradientMode;
import dev.spikeloop.runtime.fp.ParameterVector;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.SpikeRecord;
import dev.spikeloop.runtime.train.ActivityPush;
import dev.spikeloop.runtime.train.BatchGradient;
import dev.spikeloop.runtime.train.SampleGradient;

import java.util.stream.IntStream;

/**
 * The software baseline: gradients of the float model simulated on its own (on the chip-grid
 * inputs, with the chip's time constants), exactly as plain training would compute them. The
 * device is not consulted, so whatever the chip does differently stays invisible; this is what
 * the mismatch study compares in-the-loop training against.
 */
public final class SoftwareGradientSource implements GradientSource {
    private final SampleLoss loss;

    /**
     * A software source with the FP engine's {@code mode}, ttfs scale {@code tau0} (seconds) and the
     * pushes of {@link ActivityPush} and the
     * per-sample clip (L2 norm, 0 = off).
     */
    public SoftwareGradientSource(GradientMode mode, double tau0, double silentPush, double deadPush, double clip) {
        this(new SampleLoss(mode, tau0, silentPush, deadPush, clip));
    }

    private SoftwareGradientSource(SampleLoss loss) {
        this.loss = loss;
    }

    /** The source for {@code settings}. */
    public static SoftwareGradientSource of(FineTuneSettings settings) {
        return new SoftwareGradientSource(SampleLoss.of(settings));
    }

    @Override
    public String name() {
        return "software";
    }

    @Override
    public BatchGradient gradient(FloatNetwork model, LoopData data, int[] batch, Device device, ParameterVector params) {
        SampleGradient[] per = IntStream.range(0, batch.length).parallel()
                .mapToObj(k -> sample(model, data.get(batch[k]), params))
                .toArray(SampleGradient[]::new);
        return SampleGradient.sum(java.util.Arrays.asList(per), params.size(model));
    }

    private SampleGradient sample(FloatNetwork model, LoopSample s, ParameterVector params) {
        SpikeRecord spikes = new EventSimulator().simulate(model, s.chipInputs());
        boolean correct = loss.correct(model, spikes, s);
        return loss.gradient(model, s, spikes, correct, 0, params);
    }
}
