package dev.spikeloop.runtime.loop;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.data.YinYang;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.runtime.train.NetworkShape;
import dev.spikeloop.runtime.train.WeightInit;
import dev.spikeloop.runtime.train.WorkerPool;

import java.util.List;

/** Small networks and data for the loop tests. */
final class LoopFixtures {
    private LoopFixtures() {
    }

    /** Yin-Yang samples. */
    static LabelledDataset yinYang(int size, long seed) {
        return YinYang.generate(size, seed);
    }

    /** A calibrated (untrained) Yin-Yang network with the given hidden layer sizes. */
    static FloatNetwork network(long seed, int... hidden) {
        List<InputSpikes> probe = SpikeEncoder.DEFAULT.encodeAll(yinYang(64, seed + 100));
        try (WorkerPool pool = new WorkerPool(1)) {
            return WeightInit.calibrated(NetworkShape.of(5, hidden, 3), probe, seed, WeightInit.Settings.DEFAULT, pool);
        }
    }
}
