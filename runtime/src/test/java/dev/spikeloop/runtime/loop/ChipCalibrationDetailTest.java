package dev.spikeloop.runtime.loop;

import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerDetail;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.network.encode.SpikeEncoder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Calibration keeps what a layer has beyond the layer-wide values: a layer with per-neuron time
 * constants stays as compiled (one dash pair cannot stand for them), and a layer with only a bias
 * keeps its bias whatever dashes are found.
 */
class ChipCalibrationDetailTest {
    @Test
    void perNeuronValuesAndBiasesSurviveCalibration() {
        FloatNetwork plain = LoopFixtures.network(3, 12);
        LayerSpec h = plain.layer(0);
        int n = h.size();
        double[] ts = new double[n];
        double[] tm = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = h.tauSyn() * (1 + 0.02 * i);
            tm[i] = h.tauMem() * (1 - 0.02 * i);
            b[i] = 0.05 * h.threshold() * (i % 3 - 1);
        }
        LayerSpec o = plain.layer(1);
        double[] ob = new double[o.size()];
        ob[0] = 0.1 * o.threshold();
        FloatNetwork net = plain
                .withLayer(0, new LayerSpec(h.name(), n, ts[0], tm[0], h.threshold(), h.weights(), h.recurrent(),
                        new LayerDetail(ts, tm, null, b, false, true, false)))
                .withLayer(1, o.withDetail(new LayerDetail(null, null, null, ob, false, true, false)));
        Compilation compiled = NetworkCompiler.compile(net, CompileOptions.defaults());
        LoopData data = LoopData.encode(LoopFixtures.yinYang(40, 7), SpikeEncoder.DEFAULT, compiled.options().dt());
        FloatNetwork start = compiled.chipForm(net);
        // the output synapse runs one dash slower than compiled: calibration changes that layer's values
        try (Device d = new MismatchedDevice(new EmulatorDevice(), Mismatch.parse("dash-syn=+1"))) {
            d.apply(compiled.config());
            ChipCalibration.Result r = new ChipCalibration(1, 40).calibrate(d, compiled, start, ChipLayout.of(compiled),
                    data, false);
            assertEquals(start.layer(0), r.model().layer(0), "the per-neuron layer stays as compiled");
            assertEquals(r.compiledSyn()[0], r.dashSyn()[0]);
            assertArrayEquals(start.layer(1).detail().bias(), r.model().layer(1).detail().bias(), r.describe());
        }
    }
}
