package dev.spikeloop.runtime.loop;

import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.encode.SpikeEncoder;
import org.junit.jupiter.api.Test;

class ExploreTest {
    @Test
    void explore() {
        FloatNetwork net = LoopFixtures.network(5, 16);
        Compilation compiled = NetworkCompiler.compile(net, CompileOptions.defaults());
        LoopData train = LoopData.encode(LoopFixtures.yinYang(300, 1), SpikeEncoder.DEFAULT, 0.001);
        LoopData val = LoopData.encode(LoopFixtures.yinYang(200, 2), SpikeEncoder.DEFAULT, 0.001);
        for (double lr : new double[] {0.01, 0.003}) {
            for (boolean sw : new boolean[] {true, false}) {
                FineTuneSettings s = FineTuneSettings.defaults().withEpochs(5).withBatchSize(20).withLearningRate(lr);
                GradientSource src = sw ? SoftwareGradientSource.of(s) : DeviceGradientSource.of(ChipLayout.of(compiled), s);
                try (Device d = new EmulatorDevice()) {
                    FineTuneResult r = new FineTuner(d, net, compiled, s, src).run(train, val, FineTuneListener.NONE, null, false);
                    StringBuilder b = new StringBuilder("lr " + lr + " " + src.name() + ": before " + r.before().accuracy());
                    for (FineTuneEpoch e : r.history()) {
                        b.append(String.format(" | tr %.2f/%.3f val %.3f g%s", e.stats().trainAccuracy(), e.stats().trainLoss(),
                                e.stats().validationAccuracy(), e.guards().clampedSlopes() + "/" + e.guards().droppedSpikes()));
                    }
                    System.out.println(b);
                }
            }
        }
    }
}
