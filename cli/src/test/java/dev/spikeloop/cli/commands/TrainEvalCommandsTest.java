package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.io.ChipConfigFiles;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.Decays;
import dev.spikeloop.compiler.quantize.DtAdvisor;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.data.DatasetCsv;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.data.YinYang;
import dev.spikeloop.network.io.NetworkJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The dataset, train and eval commands end to end on tiny inputs (seconds). */
class TrainEvalCommandsTest {

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void datasetWritesAReproducibleBalancedFile(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        assertEquals(0, run("dataset", "yinyang", "--seed", "5", "--size", "90", "--out", a.toString()).code());
        assertEquals(0, run("dataset", "yinyang", "--seed", "5", "--size", "90", "--out", b.toString()).code());
        assertEquals(Files.readString(a), Files.readString(b));
        assertTrue(Files.readString(a).startsWith("x,y,label\n"));
        assertEquals(YinYang.generate(90, 5), DatasetCsv.read(a));

        CliRun bad = run("dataset", "moons", "--out", a.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("spikeloop dataset: error: unknown data set 'moons'"), bad.err());
    }

    @Test
    void trainForTheChipUsesItsTimeConstantsAndRejectsABadStep(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("train.csv");
        DatasetCsv.write(YinYang.generate(100, 42), train);
        Path model = dir.resolve("chip.json");
        CliRun t = run("train", "--data", train.toString(), "--hidden", "20", "--epochs", "1", "--batch", "25",
                "--chip-dt", "0.0005", "--out", model.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("chip-aware: dt = 0.5000 ms"), t.out());
        assertTrue(t.out().contains("input jitter 0.250 ms"), t.out());
        FloatNetwork net = NetworkJson.read(model);
        // 5 ms and 10 ms at 0.5 ms: dashes 3 and 4 (3.74 ms and 7.75 ms)
        int maxDash = CompileOptions.defaults().chipProfile().maxDash();
        for (int l = 0; l < net.layerCount(); l++) {
            assertEquals(Decays.tau(3, 0.0005), net.layer(l).tauSyn(), 1e-15);
            assertEquals(Decays.tau(4, 0.0005), net.layer(l).tauMem(), 1e-15);
        }
        assertEquals(0, DtAdvisor.maxTauError(net, 0.0005, maxDash), 1e-12,
                "the chip realises the trained time constants at the step exactly");

        CliRun bad = run("train", "--data", train.toString(), "--epochs", "1", "--chip-dt", "fast", "--out",
                model.toString());
        assertEquals(2, bad.code()); // a usage error, from the shared step option type
        assertTrue(bad.err().contains("--chip-dt") && bad.err().contains("expected a time step in seconds (e.g. 0.001) "
                + "or 'auto', got 'fast'"), bad.err());
    }

    @Test
    void trainThenEvalOnTheFloatModelAndOnTheEmulator(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("train.csv");
        Path test = dir.resolve("test.csv");
        DatasetCsv.write(YinYang.generate(200, 42), train);
        DatasetCsv.write(YinYang.generate(150, 40), test);
        Path model = dir.resolve("m.json");
        Path plots = dir.resolve("plots");
        CliRun t = run("train", "--data", train.toString(), "--validation", test.toString(), "--hidden", "20",
                "--epochs", "3", "--batch", "25", "--seed", "3", "--out", model.toString(), "--plots", plots.toString());
        assertEquals(0, t.code(), t.err());
        FloatNetwork net = NetworkJson.read(model);
        assertEquals(5, net.inputs());
        assertEquals(20, net.layer(0).size());
        assertEquals(3, net.outputLayer().size());
        assertTrue(Files.exists(dir.resolve("m.json.ckpt")));
        for (String f : new String[] {"curves.png", "plane.png", "raster.png"}) {
            assertTrue(Files.size(plots.resolve(f)) > 1000, f);
        }

        CliRun e = run("eval", "--model", model.toString(), "--data", test.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("accuracy:") && e.out().contains("of 150)"), e.out());
        assertTrue(e.out().contains("0:yin"), e.out());

        Path chip = dir.resolve("chip.json");
        ChipConfigFiles.write(NetworkCompiler.compile(net, CompileOptions.defaults()).config(), chip);
        CliRun c = run("eval", "--config", chip.toString(), "--data", test.toString());
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("on the emulator") && c.out().contains("of 150)"), c.out());
        CliRun cm = run("eval", "--config", chip.toString(), "--model", model.toString(), "--data", test.toString());
        assertEquals(0, cm.code(), cm.err());
    }

    @Test
    void evalExplainsBadInput(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("d.csv");
        Files.writeString(data, "f0,f1,label\n0.1,0.2,0\n");
        Path model = dir.resolve("m.json");
        LabelledDataset yy = YinYang.generate(10, 1);
        DatasetCsv.write(yy, dir.resolve("yy.csv"));
        NetworkJson.write(new FloatNetwork(5, 0.04, java.util.List.of(
                new dev.spikeloop.network.LayerSpec("hidden", 2, 0.005, 0.01, 1, new double[2][5], null),
                new dev.spikeloop.network.LayerSpec("output", 3, 0.005, 0.01, 1, new double[3][2], null))), model);
        CliRun r = run("eval", "--model", model.toString(), "--data", data.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("3 input channels") && r.err().contains("5 inputs"), r.err());
        CliRun none = run("eval", "--data", data.toString());
        assertEquals(1, none.code());
        assertTrue(none.err().contains("--model"), none.err());
        CliRun silent = run("eval", "--model", model.toString(), "--data", dir.resolve("yy.csv").toString());
        assertEquals(0, silent.code(), silent.err());
        assertTrue(silent.out().contains("accuracy: 0.00%") && silent.out().contains("silent samples: 10"), silent.out());
    }
}
