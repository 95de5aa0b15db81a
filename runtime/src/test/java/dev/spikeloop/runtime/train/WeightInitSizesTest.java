package dev.spikeloop.runtime.train;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.data.YinYang;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.runtime.sim.EventSimulator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The initialisation trains at any hidden size from 1 to the chip's 1000 at the default seed: its gains
 * are capped where a neuron would start to burst (train --hidden 10 used to stop with "fires more than
 * 10000 times").
 */
class WeightInitSizesTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 10, 30, 1000})
    void everyHiddenSizeStartsBelowSaturationAndTrains(int hidden) {
        LabelledDataset train = YinYang.generate(hidden >= 1000 ? 60 : 200, 42);
        List<InputSpikes> probe = SpikeEncoder.DEFAULT.encodeAll(train);
        try (WorkerPool pool = new WorkerPool(2)) {
            NetworkShape shape = NetworkShape.of(5, new int[] {hidden}, 3);
            FloatNetwork net = WeightInit.calibrated(shape, probe, 1, WeightInit.Settings.DEFAULT, pool);
            for (InputSpikes in : probe) {
                var r = new EventSimulator(true, WeightInit.SATURATION_SPIKES).simulate(net, in); // throws on a burst
                assertTrue(r.count() >= 0);
            }
            assertTrue(WeightInit.firingFraction(net, probe, 1, pool) > 0, "some output fires");
            if (hidden <= 30) {
                TrainingOptions options = TrainingOptions.defaults(2, 1, 2);
                new Trainer(options).train(net, train, null, SpikeEncoder.DEFAULT, null, false,
                        new TrainingListener() { }, pool); // must not stop on a runaway neuron
            }
        }
    }
}
