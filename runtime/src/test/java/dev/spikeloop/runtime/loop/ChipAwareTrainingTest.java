package dev.spikeloop.runtime.loop;

import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.Decays;
import dev.spikeloop.compiler.quantize.DtAdvisor;
import dev.spikeloop.compiler.quantize.TimeStep;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.runtime.train.FloatEvaluator;
import dev.spikeloop.runtime.train.NetworkShape;
import dev.spikeloop.runtime.train.TrainingListener;
import dev.spikeloop.runtime.train.TrainingOptions;
import dev.spikeloop.runtime.train.TrainingResult;
import dev.spikeloop.runtime.train.WorkerPool;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ChipAwareTrainingTest {
    private static final double DT = 0.0003198895; // what --dt auto picks for 5 / 10 ms

    @Test
    void autoStepIsTheCompilersChoiceForTheNominalTimeConstants() {
        NetworkShape nominal = NetworkShape.of(5, new int[] {20}, 3);
        FloatNetwork net = LoopFixtures.network(1, 20);
        double expected = DtAdvisor.autoDt(net, CompileOptions.DEFAULT_DT, CompileOptions.defaults().chipProfile()
                .maxDash()).orElseThrow();
        // train --chip-dt auto resolves the nominal time constants by the compiler's one rule
        int maxDash = CompileOptions.defaults().chipProfile().maxDash();
        assertEquals(expected, TimeStep.AUTO.resolve(new double[] {nominal.tauSyn(), nominal.tauMem()}, maxDash), 0);
        assertEquals(DT, expected, 1e-9);
    }

    @Test
    void shapeOptionsAndForwardModelAreTheChips() {
        ChipAwareTraining chip = ChipAwareTraining.at(DT);
        NetworkShape shape = chip.shape(NetworkShape.of(5, new int[] {20}, 3));
        int maxDash = CompileOptions.defaults().chipProfile().maxDash();
        assertEquals(Decays.tau(Decays.nearestDash(0.005, DT, maxDash), DT), shape.tauSyn(), 0);
        assertEquals(Decays.tau(Decays.nearestDash(0.010, DT, maxDash), DT), shape.tauMem(), 0);
        assertEquals(0.005, shape.tauSyn(), 0.0001, "nearly the nominal 5 ms at this step");

        TrainingOptions base = TrainingOptions.defaults(3, 1, 1);
        assertEquals(DT / 2, chip.options(base).inputJitter(), 0);
        assertEquals(1e-4, chip.options(base.withInputJitter(1e-4)).inputJitter(), 0, "an explicit jitter stays");

        // The forward model is the compiled network: quantised weights, the chip's thresholds.
        FloatNetwork shadow = LoopFixtures.network(3, 20);
        FloatNetwork run = chip.forwardModel().apply(shadow);
        Compilation c = NetworkCompiler.compile(shadow, CompileOptions.defaults().withDt(DT));
        assertEquals(c.chipEquivalent(), run);
        assertNotEquals(shadow.layer(0).weights()[0][0], run.layer(0).weights()[0][0]);
        for (LayerSpec l : run.layers()) {
            assertEquals(shape.tauSyn(), l.tauSyn(), 1e-12);
        }
    }

    @Test
    void theTrainerValidatesTheCompiledNetwork() {
        LabelledDataset train = LoopFixtures.yinYang(300, 42);
        LabelledDataset validation = LoopFixtures.yinYang(300, 41);
        try (WorkerPool pool = new WorkerPool(2)) {
            TrainingResult r = ChipAwareTraining.at(DT).train(train, validation, 30, 8, 7, pool, TrainingListener.NONE);
            Compilation c = NetworkCompiler.compile(r.best(), CompileOptions.defaults().withDt(DT));
            double compiled = new FloatEvaluator(c.chipEquivalent(), SpikeEncoder.DEFAULT, 0.0003, pool)
                    .evaluate(validation).accuracy();
            assertEquals(compiled, r.bestValidationAccuracy(), 1e-12);
            EmulatorDevice device = new EmulatorDevice();
            device.apply(c.config());
            double onChip = new DeviceEvaluator(device, ChipLayout.of(c))
                    .evaluate(LoopData.encode(validation, SpikeEncoder.DEFAULT, DT)).accuracy();
            assertTrue(onChip > 0.6, "the chip classifies (chance is 1/3): " + onChip);
        }
    }
}
