package dev.spikeloop.runtime.loop;

import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.Decays;
import dev.spikeloop.compiler.quantize.DtAdvisor;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.runtime.train.ForwardModel;
import dev.spikeloop.runtime.train.NetworkShape;
import dev.spikeloop.runtime.train.Trainer;
import dev.spikeloop.runtime.train.TrainingListener;
import dev.spikeloop.runtime.train.TrainingOptions;
import dev.spikeloop.runtime.train.TrainingResult;
import dev.spikeloop.runtime.train.WorkerPool;

import java.util.Locale;

/**
 * Float training that knows the chip it is for, so that compiling the result loses little: the
 * layers get the time constants the chip's bit-shift decays realise at its step (instead of, say,
 * 5 / 10 ms, which fall between dashes), every input spike is jittered by up to half a step in
 * training (the chip rounds input times to its grid), and every training step simulates the
 * network the compiler would make of the current weights, i.e. with 8-bit weights and integer
 * thresholds, while the gradient updates float shadow weights (quantisation-aware training with a
 * straight-through estimator).
 *
 * <p>Why: a network trained in float only ends up sharp with respect to exactly these three
 * perturbations. The shipped 5-120-3 Yin-Yang model trained without this lost 1.7 points on the
 * chip at 0.32 ms (98.4% float, 96.7% compiled) that in-the-loop fine-tuning could not recover; the
 * same shape trained chip-aware reaches 97.3% on the chip after fine-tuning, above its own float
 * accuracy (docs/training.md, docs/benchmarks.md).
 *
 * @param compile the compile options of the target (step, profile, threshold target)
 */
public record ChipAwareTraining(CompileOptions compile) {

    public ChipAwareTraining {
        if (compile == null) {
            throw new IllegalArgumentException("chip-aware training needs the compile options of its target");
        }
    }

    /** Training for the default chip profile at step {@code dt} (seconds). */
    public static ChipAwareTraining at(double dt) {
        return new ChipAwareTraining(CompileOptions.defaults().withDt(dt));
    }

    /** The chip's step, seconds. */
    public double dt() {
        return compile.dt();
    }

    /** The time constant (seconds) of the chip's bit-shift decay nearest to {@code tau} at this step. */
    public double realised(double tau) {
        return Decays.tau(Decays.nearestDash(tau, dt(), compile.chipProfile().maxDash()), dt());
    }

    /** {@code nominal} with the time constants the chip realises nearest to its own. */
    public NetworkShape shape(NetworkShape nominal) {
        double tauSyn = realised(nominal.tauSyn());
        double tauMem = realised(nominal.tauMem());
        return new NetworkShape(nominal.inputs(), nominal.hidden(), nominal.outputs(), tauSyn, tauMem,
                nominal.threshold(), nominal.tEnd());
    }

    /** {@code base} with an input jitter of half a step, unless it sets one itself. */
    public TrainingOptions options(TrainingOptions base) {
        return base.inputJitter() > 0 ? base : base.withInputJitter(dt() / 2);
    }

    /** The network the compiler makes of the shadow weights, in float units (8-bit weights, integer thresholds). */
    public ForwardModel forwardModel() {
        String name = String.format(Locale.ROOT, "chip(%s, dt=%s, target=%d)", compile.profile(), compile.dt(),
                compile.thresholdTarget());
        return new ForwardModel(name, net -> NetworkCompiler.compile(net, compile).chipEquivalent());
    }

    /** A trainer with {@link #options} and {@link #forwardModel}. */
    public Trainer trainer(TrainingOptions base) {
        return new Trainer(options(base), forwardModel());
    }

    /**
     * Trains a {@code features+1 - hidden - classes} network with the training defaults made
     * chip-aware. Its best network is the shadow network of the epoch whose compiled network
     * validated best.
     */
    public TrainingResult train(LabelledDataset train, LabelledDataset validation, int hidden, int epochs, long seed,
                              WorkerPool pool, TrainingListener listener) {
        Trainer trainer = trainer(TrainingOptions.defaults(epochs, seed, pool.threads()));
        NetworkShape shape = shape(NetworkShape.of(SpikeEncoder.DEFAULT.channels(train.featureCount()),
                new int[] {hidden}, train.classCount()));
        FloatNetwork initial = trainer.initialNetwork(shape, train, SpikeEncoder.DEFAULT, pool);
        return trainer.train(initial, train, validation, SpikeEncoder.DEFAULT, null, false, listener, pool);
    }
}
