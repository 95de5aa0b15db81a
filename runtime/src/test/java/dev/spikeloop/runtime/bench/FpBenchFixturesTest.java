package dev.spikeloop.runtime.bench;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.io.InputSpikesCsv;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.runtime.fp.GradientEngine;
import dev.spikeloop.runtime.fp.GradientMode;
import dev.spikeloop.runtime.fp.LossCone;
import dev.spikeloop.runtime.fp.TtfsLoss;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.SpikeRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed {@code bench fp} fixtures (examples/bench-fp/) are what {@link FpBenchFixtures}
 * generates, and the high-activity network has the activity docs/benchmarks.md describes.
 */
class FpBenchFixturesTest {
    private static final Path DIR = Path.of("..", "examples", "bench-fp");

    @Test
    void committedFilesAreTheGeneratedOnes() {
        FloatNetwork committed = NetworkJson.read(DIR.resolve(FpBenchFixtures.NETWORK_FILE));
        FloatNetwork generated = FpBenchFixtures.network();
        assertEquals(generated.layerCount(), committed.layerCount());
        for (int p = 0; p < generated.layerCount(); p++) {
            for (int i = 0; i < generated.layer(p).size(); i++) {
                assertArrayEquals(generated.layer(p).weights()[i], committed.layer(p).weights()[i], 0.0);
            }
        }
        List<InputSpikes> inputs = FpBenchFixtures.inputs();
        for (int s = 0; s < inputs.size(); s++) {
            InputSpikes file = InputSpikesCsv.read(DIR.resolve(FpBenchFixtures.INPUT_DIR)
                    .resolve(FpBenchFixtures.inputFile(s)), committed.inputs());
            for (int c = 0; c < committed.inputs(); c++) {
                assertArrayEquals(inputs.get(s).times(c), file.times(c), 0.0, "sample " + s + " channel " + c);
            }
        }
    }

    @Test
    void highActivityLikeThePapersInitialWeights() {
        FloatNetwork net = FpBenchFixtures.network();
        EventSimulator sim = new EventSimulator();
        GradientEngine engine = new GradientEngine(GradientMode.ADJOINT);
        long spikes = 0;
        long output = 0;
        long cone = 0;
        List<InputSpikes> inputs = FpBenchFixtures.inputs();
        for (int s = 0; s < inputs.size(); s++) {
            SpikeRecord r = sim.simulate(net, inputs.get(s));
            spikes += r.count() + inputs.get(s).count();
            output += r.count(r.layers() - 1);
            TtfsLoss loss = new TtfsLoss(s % 3, 0.005);
            SpikeRecord c = engine.simulateForLoss(net, inputs.get(s), loss);
            cone += LossCone.cut(c, loss.evaluate(c, net.tEnd()).dOutputTimes()).count();
        }
        double perSample = (double) spikes / inputs.size();
        double perOutput = (double) output / inputs.size() / 3;
        double solved = (double) cone / inputs.size();
        assertTrue(perSample > 1300 && perSample < 1700, "spikes per sample " + perSample);
        assertTrue(perOutput > 300 && perOutput < 400, "spikes per output neuron " + perOutput);
        assertTrue(solved < 40, "spikes in the ttfs cone " + solved);
    }
}
