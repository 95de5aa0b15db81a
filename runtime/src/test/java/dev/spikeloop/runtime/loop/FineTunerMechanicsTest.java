package dev.spikeloop.runtime.loop;

import dev.spikeloop.runtime.fp.ParameterVector;
import dev.spikeloop.runtime.train.BatchGradient;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.runtime.fp.GuardCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loop's bookkeeping, independent of the FP engine: a scripted gradient source drives the
 * updates; the device is the emulator, counted.
 */
class FineTunerMechanicsTest {
    private final FloatNetwork net = LoopFixtures.network(5, 16);
    private final Compilation compiled = NetworkCompiler.compile(net, CompileOptions.defaults());
    private final LoopData train = LoopData.encode(LoopFixtures.yinYang(60, 1), SpikeEncoder.DEFAULT, 0.001);
    private final LoopData val = LoopData.encode(LoopFixtures.yinYang(40, 2), SpikeEncoder.DEFAULT, 0.001);

    /** Deterministic pseudo-gradients from the batch indices (the weights must move somehow). */
    private static final class Scripted implements GradientSource {
        final double scale;

        Scripted(double scale) {
            this.scale = scale;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public BatchGradient gradient(FloatNetwork model, LoopData data, int[] batch, Device device, ParameterVector p) {
            double[] g = new double[p.size(model)];
            int s = 0;
            for (int i : batch) {
                s += i;
            }
            for (int i = 0; i < g.length; i++) {
                g[i] = scale * Math.sin(0.37 * i + s);
            }
            return new BatchGradient(g, batch.length, 0, batch.length, new GuardCounts(1, 2), 0, 0);
        }
    }

    /** Counts writes. */
    private static final class Counting implements Device {
        final EmulatorDevice inner = new EmulatorDevice();
        final List<ChipConfig> writes = new ArrayList<>();

        @Override
        public String name() {
            return "counting emulator";
        }

        @Override
        public void apply(ChipConfig config) {
            writes.add(config);
            inner.apply(config);
        }

        @Override
        public ChipConfig config() {
            return inner.config();
        }

        @Override
        public List<DeviceRun> run(List<SpikeRaster> inputs, int steps) {
            return inner.run(inputs, steps);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    private FineTuneResult tune(Counting d, int epochs, double scale, Path ckpt, boolean resume) {
        FineTuneSettings s = FineTuneSettings.defaults().withEpochs(epochs).withBatchSize(20).withLearningRate(0.01);
        return new FineTuner(d, net, compiled, s, new Scripted(scale)).run(train, val, FineTuneListener.NONE, ckpt, resume);
    }

    @Test
    void writesOnlyChangedConfigurationsAndEndsOnTheBest() {
        Counting d = new Counting();
        FineTuneResult r = tune(d, 3, 1.0, null, false);
        assertEquals(3, r.history().size());
        for (int k = 1; k < d.writes.size(); k++) {
            assertTrue(!d.writes.get(k).equals(d.writes.get(k - 1)), "write " + k + " repeats the previous one");
        }
        assertEquals(r.flashes(), d.writes.size());
        assertEquals(r.compilation().config(), d.config(), "the device must hold the best configuration");
        assertEquals(new GuardCounts(3, 6), r.history().get(0).guards()); // 3 batches of (1, 2)
        double bestSeen = r.before().accuracy();
        for (FineTuneEpoch e : r.history()) {
            bestSeen = Math.max(bestSeen, e.stats().validationAccuracy());
        }
        assertEquals(bestSeen, r.after().accuracy());
        // The device really scores what it holds.
        assertEquals(r.after().accuracy(), new DeviceEvaluator(d, ChipLayout.of(compiled)).evaluate(val).accuracy());
    }

    @Test
    void aZeroGradientNeverRewritesTheDevice() {
        Counting d = new Counting();
        FineTuneResult r = tune(d, 2, 0.0, null, false);
        assertEquals(1, d.writes.size());
        assertEquals(-1, r.bestEpoch());
        assertEquals(compiled.config(), r.compilation().config());
    }

    @Test
    void resumedRunEqualsTheUninterruptedOne(@TempDir Path dir) {
        FineTuneResult whole = tune(new Counting(), 3, 1.0, dir.resolve("a.ckpt"), false);
        Path ckpt = dir.resolve("b.ckpt");
        tune(new Counting(), 1, 1.0, ckpt, false);
        FineTuneResult resumed = tune(new Counting(), 3, 1.0, ckpt, true);
        assertEquals(whole.compilation().config(), resumed.compilation().config());
        assertEquals(whole.bestEpoch(), resumed.bestEpoch());
        assertEquals(whole.history().size(), resumed.history().size());
        for (int k = 0; k < whole.history().size(); k++) {
            assertEquals(whole.history().get(k).stats().validationAccuracy(),
                    resumed.history().get(k).stats().validationAccuracy());
        }
        assertArrayEquals(new ParameterVector(false).flatten(whole.model()),
                new ParameterVector(false).flatten(resumed.model()));
    }

    @Test
    void resumeRefusesOtherSettings(@TempDir Path dir) {
        Path ckpt = dir.resolve("c.ckpt");
        tune(new Counting(), 1, 1.0, ckpt, false);
        FineTuneSettings other = FineTuneSettings.defaults().withEpochs(2).withBatchSize(10).withLearningRate(0.01);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new FineTuner(new Counting(), net, compiled, other, new Scripted(1)).run(train, val,
                        FineTuneListener.NONE, ckpt, true));
        assertTrue(e.getMessage().contains("other settings"), e.getMessage());
    }
}
