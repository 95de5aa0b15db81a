package dev.spikeloop.runtime.loop;

import dev.spikeloop.compiler.quantize.Decays;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.runtime.train.NetworkShape;
import dev.spikeloop.runtime.train.Trainer;
import dev.spikeloop.runtime.train.TrainingListener;
import dev.spikeloop.runtime.train.TrainingOptions;
import dev.spikeloop.runtime.train.WorkerPool;

/**
 * A float network trained for the chip from the start: the project's training defaults, but with
 * time constants that the chip's bit-shift decays realise exactly at its step (dash 2 and 3:
 * 3.48 ms and 7.49 ms at 1 ms), so that compiling it loses only what weight quantisation and the
 * time grid lose. (The usual 5 ms / 10 ms fall between two dashes each at 1 ms, and a network
 * trained with them loses most of its accuracy on the chip.) Used by the demo when no model is
 * shipped, and by the mismatch study.
 */
public final class ChipReadyTraining {
    /** The synaptic and membrane dashes whose time constants the network is trained with. */
    public static final int DASH_SYN = 2;
    public static final int DASH_MEM = 3;

    private ChipReadyTraining() {
    }

    /** Trains a {@code features+1 - hidden - classes} network for {@code epochs} epochs; the best epoch's network. */
    public static FloatNetwork train(LabelledDataset train, LabelledDataset validation, int hidden, int epochs,
                                     long seed, double dt, WorkerPool pool, TrainingListener listener) {
        TrainingOptions options = TrainingOptions.defaults(epochs, seed, pool.threads());
        Trainer trainer = new Trainer(options);
        NetworkShape base = NetworkShape.of(SpikeEncoder.DEFAULT.channels(train.featureCount()), new int[] {hidden},
                train.classCount());
        NetworkShape shape = new NetworkShape(base.inputs(), base.hidden(), base.outputs(), Decays.tau(DASH_SYN, dt),
                Decays.tau(DASH_MEM, dt), base.threshold(), base.tEnd());
        FloatNetwork initial = trainer.initialNetwork(shape, train, SpikeEncoder.DEFAULT, pool);
        return trainer.train(initial, train, validation, SpikeEncoder.DEFAULT, null, false, listener, pool).best();
    }
}
