package dev.spikeloop.tests.compiler;

import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.DtAdvisor;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.data.YinYang;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.network.io.NetworkJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small trained Yin-Yang network (5-30-3, 75% test accuracy in float; trained with
 * {@code spikeloop train --dataset yinyang --hidden 30 --epochs 20 --train-size 1500}), compiled and
 * run on the emulator, classifies most samples as the exact float simulation does.
 */
class CompiledYinYangAgreementTest {

    static FloatNetwork trained() throws IOException {
        try (InputStream in = CompiledYinYangAgreementTest.class.getResourceAsStream("yinyang-5-30-3.json")) {
            return NetworkJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "yinyang-5-30-3.json");
        }
    }

    @Test
    void emulatorAgreesWithTheFloatSimulationOnMostSamples() throws IOException {
        FloatNetwork net = trained();
        LabelledDataset data = YinYang.generate(300, 5);
        List<InputSpikes> in = SpikeEncoder.DEFAULT.encodeAll(data);
        // the documented recipe for 5 ms / 10 ms: a step at which the decays fit both time constants,
        // halved for a finer time grid, with a larger integer scale against the truncating decays
        double dt = DtAdvisor.suggest(net, 0.001, 15).dt() / 2;
        Compilation c = NetworkCompiler.compile(net, CompileOptions.defaults().withDt(dt).withThresholdTarget(16384)
                .withMatchPsp(true));
        ChipAgreement.Result r = ChipAgreement.run(net, c, in);
        int[] labels = new int[data.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.label(i);
        }
        double floatAcc = r.accuracy(labels, false);
        double chipAcc = r.accuracy(labels, true);
        String figures = String.format("dt %.4g s: agreement %.3f, float accuracy %.3f, emulator accuracy %.3f", dt,
                r.agreement(), floatAcc, chipAcc);
        assertTrue(r.agreement() >= 0.75, figures);
        assertTrue(chipAcc >= floatAcc - 0.05, figures);
    }
}
