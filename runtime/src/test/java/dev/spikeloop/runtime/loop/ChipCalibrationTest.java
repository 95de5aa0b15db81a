package dev.spikeloop.runtime.loop;

import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.encode.SpikeEncoder;
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
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ChipCalibration(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new ChipCalibration(1, 0));
        assertFalse(calibrate("none", false).describe().isEmpty());
    }
}
