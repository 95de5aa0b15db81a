package dev.spikeloop.runtime.loop;

import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.encode.SpikeEncoder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A short in-the-loop run on a small Yin-Yang problem improves the device's accuracy. */
class InTheLoopLearningTest {

    @Test
    void fineTuningOnTheEmulatorImprovesDeviceAccuracy() {
        FloatNetwork net = LoopFixtures.network(5, 16);
        Compilation compiled = NetworkCompiler.compile(net, CompileOptions.defaults());
        LoopData train = LoopData.encode(LoopFixtures.yinYang(300, 1), SpikeEncoder.DEFAULT, 0.001);
        LoopData val = LoopData.encode(LoopFixtures.yinYang(200, 2), SpikeEncoder.DEFAULT, 0.001);
        FineTuneSettings s = FineTuneSettings.defaults().withEpochs(4).withBatchSize(20).withLearningRate(0.01)
                .withTau0(0.0025);
        try (Device d = new EmulatorDevice()) {
            FineTuneResult r = FineTuner.inTheLoop(d, net, compiled, s).run(train, val, new FineTuneListener() {
                @Override
                public void epochDone(FineTuneEpoch e, boolean best) {
                    System.out.println(e);
                }
            }, null, false);
            System.out.printf("before %.3f after %.3f%n", r.before().accuracy(), r.after().accuracy());
            assertTrue(r.after().accuracy() >= r.before().accuracy() + 0.10,
                    "before " + r.before().accuracy() + ", after " + r.after().accuracy());
            for (FineTuneEpoch e : r.history()) {
                assertEquals(0, e.skippedSamples(), "no sample may give a non-finite gradient");
                assertTrue(Double.isFinite(e.stats().trainLoss()));
            }
        }
    }
}
