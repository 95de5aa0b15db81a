package dev.spikeloop.tests.compiler;

import dev.spikeloop.tests.CommandRun;
import dev.spikeloop.chipconfig.io.ChipConfigFiles;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.io.NetworkJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompileCommandTest {
    @TempDir
    Path dir;

    private String err;

    private int run(String... args) {
        CommandRun r = CommandRun.run(args);
        err = r.err();
        return r.code();
    }

    @Test
    void compilesJsonAndTheExportedNirToTheSameConfiguration() throws Exception {
        FloatNetwork net = CompiledYinYangAgreementTest.trained();
        Path model = dir.resolve("net.json");
        NetworkJson.write(net, model);
        Path pb = dir.resolve("chip.pb");
        Path report = dir.resolve("report.md");
        Path nir = dir.resolve("net.nir");
        assertEquals(0, run("compile", "--model", model.toString(), "--dt", "0.001", "--out", pb.toString(),
                "--report", report.toString(), "--export-nir", nir.toString()), err);
        var expected = NetworkCompiler.compile(net, CompileOptions.defaults()).config();
        assertEquals(expected, ChipConfigFiles.read(pb));
        String md = Files.readString(report);
        assertTrue(md.contains("| h0.weights | weights_in |") || md.contains("weights_in"), md);

        Path json = dir.resolve("chip.json");
        assertEquals(0, run("compile", "--model", nir.toString(), "--dt", "0.001", "--out", json.toString()), err);
        assertEquals(expected, ChipConfigFiles.read(json));

        Path other = dir.resolve("chip-0.5ms.pb");
        assertEquals(0, run("compile", "--model", model.toString(), "--dt", "0.0005", "--match-psp",
                "--out", other.toString()), err);
        assertEquals(NetworkCompiler.compile(net, CompileOptions.defaults().withDt(0.0005).withMatchPsp(true)).config(),
                ChipConfigFiles.read(other));
    }

    @Test
    void nirWithBiasAndPerNeuronThresholdsCompilesWithItsResetReported() throws Exception {
        FloatNetwork plain = CompiledYinYangAgreementTest.trained();
        var h = plain.layer(0);
        double[] bias = new double[h.size()];
        double[] threshold = new double[h.size()];
        for (int i = 0; i < h.size(); i++) {
            bias[i] = 0.02 * (i % 3);
            threshold[i] = h.threshold() * (1 + 0.01 * (i % 5));
        }
        var detail = new dev.spikeloop.network.LayerDetail(null, null, threshold, bias, false, true, false);
        FloatNetwork net = plain.withLayer(0, new dev.spikeloop.network.LayerSpec(h.name(), h.size(), h.tauSyn(),
                h.tauMem(), threshold[0], h.weights(), h.recurrent(), detail));
        Path nir = dir.resolve("extended.nir");
        dev.spikeloop.compiler.nir.NirExporter.write(net, nir);
        Path pb = dir.resolve("extended.pb");
        Path report = dir.resolve("extended.md");
        assertEquals(0, run("compile", "--model", nir.toString(), "--dt", "auto", "--out", pb.toString(),
                "--report", report.toString()), err);
        var config = ChipConfigFiles.read(pb);
        assertEquals(config.getNumHidden(), config.getBiasCount());
        assertTrue(config.getBias(2) > config.getBias(1) && config.getBias(1) > 0, config.getBiasList().toString());
        String md = Files.readString(report);
        assertTrue(md.contains("reset semantics: the source resets to v_reset"), md);
        assertTrue(md.contains("spikes per layer"), md);
    }

    @Test
    void everyProblemIsListedAndNothingIsWritten() throws Exception {
        String bad = """
                {"format": "spikeloop-network/1", "inputs": 17, "tEnd": 0.04, "layers": [
                  {"name": "h", "size": 2, "tauSyn": 0.005, "tauMem": 100.0, "threshold": 1.0,
                   "weights": [[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1], [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,NaN]]},
                  {"name": "o", "size": 9, "tauSyn": 0.005, "tauMem": 0.01, "threshold": 1.0,
                   "weights": [[1,1],[1,1],[1,1],[1,1],[1,1],[1,1],[1,1],[1,1],[1,1]]}]}
                """;
        Path model = dir.resolve("bad.json");
        Files.writeString(model, bad);
        Path out = dir.resolve("chip.pb");
        Path report = dir.resolve("r.md");
        assertEquals(1, run("compile", "--model", model.toString(), "--out", out.toString(), "--report", report.toString()));
        assertTrue(err.startsWith("spikeloop compile: error: the chip cannot hold " + model + ": 4 problem(s)"), err);
        assertTrue(err.contains("network: input channels = 17 (allowed: 1..16 on xylo-audio2)"), err);
        assertTrue(err.contains("layer 1 'o' (output layer): output neurons = 9 (allowed: 1..8 on xylo-audio2)"), err);
        assertTrue(err.contains("layer 0 'h': tauMem = 100 s (allowed: "), err);
        assertTrue(err.contains("layer 0 'h' weights row 1 column 16: weight = NaN (allowed: a finite number)"), err);
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(report));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the model is there");
        }
    }

    @Test
    void badFileNamesAreRefusedBeforeAnyWork() throws Exception {
        Path model = dir.resolve("net.json");
        NetworkJson.write(CompiledYinYangAgreementTest.trained(), model);
        assertEquals(1, run("compile", "--model", model.toString(), "--out", dir.resolve("chip.txt").toString()));
        assertTrue(err.contains("--out " + dir.resolve("chip.txt") + ": the file name must end in .pb or .json"), err);
        assertEquals(1, run("compile", "--model", dir.resolve("net.onnx").toString(), "--out", dir.resolve("c.pb").toString()));
        assertTrue(err.contains("expected a .json (spikeloop network) or .nir file"), err);
        assertEquals(1, run("compile", "--model", dir.resolve("missing.nir").toString(), "--out", dir.resolve("c.pb").toString()));
        assertTrue(err.contains("missing.nir: no such file"), err);
        assertFalse(Files.exists(dir.resolve("c.pb")));
    }
}
