package dev.spikeloop.runtime.loop;

import dev.spikeloop.runtime.fp.ParameterVector;
import dev.spikeloop.runtime.train.BatchGradient;
import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.runtime.fp.GuardCounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The calibration finds the decays and threshold factors of a chip that differs from the compiled one. */
class ChipCalibrationTest {
    private static FloatNetwork net;
    private static Compilation compiled;
    private static LoopData data;

    @BeforeAll
    static void setUp() {
        net = LoopFixtures.network(3, 24);
        compiled = NetworkCompiler.compile(net, CompileOptions.defaults());
        data = LoopData.encode(LoopFixtures.yinYang(120, 7), SpikeEncoder.DEFAULT, compiled.options().dt());
    }

    private static ChipCalibration.Result calibrate(String mismatch, boolean thresholds) {
        try (Device d = new MismatchedDevice(new EmulatorDevice(), Mismatch.parse(mismatch))) {
            d.apply(compiled.config());
            return new ChipCalibration(1, 120).calibrate(d, compiled, compiled.chipForm(net), ChipLayout.of(compiled),
                    data, thresholds);
        }
    }

    @Test
    void aChipAsCompiledKeepsTheCompiledDecays() {
        ChipCalibration.Result r = calibrate("none", true);
        assertArrayEquals(r.compiledSyn(), r.dashSyn());
        assertArrayEquals(r.compiledMem(), r.dashMem());
        assertTrue(r.after() <= r.before());
    }

    @Test
    void aSlowerSynapseIsFound() {
        ChipCalibration.Result r = calibrate("dash-syn=+1", true);
        for (int l = 0; l < net.layerCount(); l++) {
            assertEquals(r.compiledSyn()[l] + 1, r.dashSyn()[l], "layer " + l + ": " + r.describe());
            assertEquals(r.compiledMem()[l], r.dashMem()[l], "layer " + l + ": " + r.describe());
        }
        assertTrue(r.changed());
        assertTrue(r.after() < 0.5 * r.before(), r.describe());
        assertEquals(compiled.chipForm(net).layer(0).tauMem(), r.model().layer(0).tauMem());
        assertTrue(r.model().layer(0).tauSyn() > 1.5 * compiled.chipForm(net).layer(0).tauSyn());
    }

    @Test
    void lowThresholdsAreFound() {
        ChipCalibration.Result r = calibrate("threshold=0.85", true);
        for (int l = 0; l < net.layerCount(); l++) {
            assertEquals(0.85, r.thresholdScale()[l], 0.051, r.describe());
            assertEquals(0.85 * net.layer(l).threshold(), r.model().layer(l).threshold(), 0.051 * net.layer(l).threshold());
        }
    }

    @Test
    void thresholdsStayWhenNotFitted() {
        ChipCalibration.Result r = calibrate("threshold=0.85", false);
        for (int l = 0; l < net.layerCount(); l++) {
            assertEquals(1.0, r.thresholdScale()[l]);
            assertEquals(net.layer(l).threshold(), r.model().layer(l).threshold());
        }
    }

    @Test
    void theFineTunerTakesGradientsWithTheIdentifiedTimeConstants() {
        double[] seen = new double[2];
        GradientSource spy = new GradientSource() {
            @Override
            public String name() {
                return "spy";
            }

            @Override
            public BatchGradient gradient(FloatNetwork model, LoopData d, int[] batch, Device device, ParameterVector p) {
                seen[0] = model.layer(0).tauSyn();
                seen[1] = model.layer(1).tauSyn();
                return new BatchGradient(new double[p.size(model)], 0, 0, batch.length, GuardCounts.NONE, 0, 0);
            }
        };
        FineTuneSettings s = FineTuneSettings.defaults().withEpochs(1).withBatchSize(60);
        double compiledTau = compiled.chipForm(net).layer(0).tauSyn();
        for (boolean calibrate : new boolean[] {true, false}) {
            try (Device d = new MismatchedDevice(new EmulatorDevice(), Mismatch.parse("dash-syn=+1"))) {
                FineTuneResult r = new FineTuner(d, net, compiled, s.withCalibrate(calibrate), spy)
                        .run(data, data, FineTuneListener.NONE, null, false);
                if (calibrate) {
                    assertTrue(seen[0] > 1.5 * compiledTau && seen[1] > 1.5 * compiledTau, r.calibration().describe());
                    assertEquals(seen[0], r.calibration().model().layer(0).tauSyn());
                } else {
                    assertEquals(compiledTau, seen[0]);
                    assertEquals(null, r.calibration());
                }
                assertEquals(net.layer(0).tauSyn(), r.model().layer(0).tauSyn(), "the tuned model keeps its own time constants");
            }
        }
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ChipCalibration(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new ChipCalibration(1, 0));
        assertFalse(calibrate("none", false).describe().isEmpty());
    }
}
