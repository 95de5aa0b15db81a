package dev.spikeloop.runtime.loop;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.runtime.fp.GradientMode;
import dev.spikeloop.runtime.fp.ParameterVector;
import dev.spikeloop.runtime.train.ActivityPush;
import dev.spikeloop.runtime.train.BatchGradient;
import dev.spikeloop.runtime.train.FirstSpikeReadout;
import dev.spikeloop.runtime.train.FirstSpikeRule;
import dev.spikeloop.runtime.train.SampleGradient;

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
    private final SampleLoss loss;

    /**
     * @param layout     where the network sits on the chip and the step-to-time convention
     * @param mode       the FP engine's solution order
     * @param tau0       the ttfs loss scale (seconds)
     * @param silentPush push on a label neuron that stayed silent on the device
     *                   ({@link ActivityPush}; 0 = off)
     * @param deadPush   push on silent hidden neurons ({@link ActivityPush}; 0 = off)
     * @param clip       largest L2 norm of one sample's gradient (0 = no clipping)
     */
    public DeviceGradientSource(ChipLayout layout, GradientMode mode, double tau0, double silentPush, double deadPush,
                                double clip) {
        this(layout, new SampleLoss(mode, tau0, silentPush, deadPush, clip));
    }

    private DeviceGradientSource(ChipLayout layout, SampleLoss loss) {
        this.layout = layout;
        this.loss = loss;
    }

    /** The source for {@code settings}. */
    public static DeviceGradientSource of(ChipLayout layout, FineTuneSettings settings) {
        return new DeviceGradientSource(layout, SampleLoss.of(settings));
    }

    @Override
    public String name() {
        return "in-the-loop";
    }

    @Override
    public BatchGradient gradient(FloatNetwork model, LoopData data, int[] batch, Device device, ParameterVector params) {
        List<DeviceRun> runs = device.run(data.rasters(batch), layout.steps(), loss.rule().readsMembranes());
        // Samples are independent: compute them in parallel, then add them up in batch order so the
        // result does not depend on the thread schedule (runs are reproducible bit for bit).
        SampleGradient[] per = IntStream.range(0, batch.length).parallel()
                .mapToObj(k -> sample(model, data.get(batch[k]), runs.get(k), params))
                .toArray(SampleGradient[]::new);
        return SampleGradient.sum(java.util.Arrays.asList(per), params.size(model));
    }

    private SampleGradient sample(FloatNetwork model, LoopSample s, DeviceRun run, ParameterVector params) {
        DeviceSpikeTimes.Times times = DeviceSpikeTimes.of(run, layout);
        // The first-spike rule decides on steps (ties within a step), a membrane readout on the device's output
        // membranes, any other rule on the device's times. (A membrane readout's loss and gradient are those of
        // the float readout of the device's hidden spike times: the exact FP gradient at what the device did.)
        boolean correct;
        if (loss.rule() instanceof FirstSpikeRule) {
            correct = FirstSpikeReadout.decide(DeviceReadout.firstSteps(run.outputs(), layout.outputs())).predicted()
                    == s.label();
        } else if (loss.rule().readsMembranes()) {
            correct = loss.rule().decideFromMembranes(run.requireMembranes(), layout.outputs(), s.chipInputs(),
                    layout.dt(), layout.delay(layout.layerCount() - 1)).predicted() == s.label();
        } else {
            correct = loss.correct(times.record(), layout.tEnd(), s.label());
        }
        return loss.gradient(model, s, times.record(), correct, times.outsideWindow(), params);
    }
}
