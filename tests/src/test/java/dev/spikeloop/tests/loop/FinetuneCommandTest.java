package dev.spikeloop.tests.loop;

import dev.spikeloop.cli.SpikeloopCli;
import dev.spikeloop.chipconfig.io.ChipConfigFiles;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.driver.virtual.VirtualBoard;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.data.DatasetCsv;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.data.YinYang;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.runtime.loop.ChipLayout;
import dev.spikeloop.runtime.loop.DeviceEvaluator;
import dev.spikeloop.runtime.loop.EmulatorDevice;
import dev.spikeloop.runtime.loop.LoopData;
import dev.spikeloop.runtime.train.NetworkShape;
import dev.spikeloop.runtime.train.WeightInit;
import dev.spikeloop.runtime.train.WorkerPool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code spikeloop finetune} end to end on a small Yin-Yang problem: in-the-loop fine-tuning on the
 * emulator improves the device's accuracy, the virtual board over TCP gives bit-identical results
 * for the same seed, and an interrupted run resumed from its checkpoint ends where the
 * uninterrupted one does.
 */
class FinetuneCommandTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path train;
    static Path val;
    static FloatNetwork net;

    @BeforeAll
    static void data() throws Exception {
        LabelledDataset t = YinYang.generate(300, 1);
        LabelledDataset v = YinYang.generate(200, 2);
        train = dir.resolve("train.csv");
        val = dir.resolve("val.csv");
        DatasetCsv.write(t, train);
        DatasetCsv.write(v, val);
        // An untrained (calibrated) network: the device starts near chance, so learning shows quickly.
        try (WorkerPool pool = new WorkerPool(1)) {
            net = WeightInit.calibrated(NetworkShape.of(5, new int[] {16}, 3),
                    SpikeEncoder.DEFAULT.encodeAll(YinYang.generate(64, 105)), 5, WeightInit.Settings.DEFAULT, pool);
        }
        model = dir.resolve("net.json");
        NetworkJson.write(net, model);
    }

    private static String run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = SpikeloopCli.commandLine().execute(args);
        } finally {
            System.setOut(saved);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, "spikeloop " + String.join(" ", args) + " failed:\n" + out);
        return out;
    }

    private static String[] args(String device, String name, int epochs, String... extra) {
        List<String> a = new ArrayList<>(List.of("finetune", "--model", model.toString(), "--device", device,
                "--data", train.toString(), "--val", val.toString(), "--epochs", String.valueOf(epochs),
                "--batch", "20", "--lr", "0.01", "--seed", "3", "--dt", "0.001", // the step the checks compile at
                "--out", dir.resolve(name + ".json").toString(),
                "--config-out", dir.resolve(name + ".pb").toString(),
                "--checkpoint", dir.resolve(name + ".ckpt").toString()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    private static double deviceAccuracy(ChipConfig config) {
        Compilation c = NetworkCompiler.compile(net, CompileOptions.defaults());
        ChipLayout layout = ChipLayout.of(c);
        try (EmulatorDevice d = new EmulatorDevice()) {
            d.apply(config);
            return new DeviceEvaluator(d, layout).evaluate(LoopData.encode(DatasetCsv.read(val), SpikeEncoder.DEFAULT,
                    layout.dt())).accuracy();
        }
    }

    @Test
    void fineTuningOnTheEmulatorImprovesTheDeviceAndWritesPlots() throws Exception {
        Path plots = dir.resolve("plots");
        String out = run(args("emulator", "emu", 3, "--plots", plots.toString()));
        assertTrue(out.contains("device validation accuracy"), out);
        double before = deviceAccuracy(NetworkCompiler.compile(net, CompileOptions.defaults()).config());
        double after = deviceAccuracy(ChipConfigFiles.read(dir.resolve("emu.pb")));
        assertTrue(after >= before + 0.10, "device accuracy " + before + " -> " + after);
        for (String png : List.of("finetune-accuracy.png", "finetune-curves.png", "finetune-guards.png")) {
            assertTrue(Files.size(plots.resolve(png)) > 1000, png);
        }
        // The tuned float model compiles to the tuned configuration again.
        FloatNetwork tuned = NetworkJson.read(dir.resolve("emu.json"));
        assertEquals(ChipConfigFiles.read(dir.resolve("emu.pb")),
                NetworkCompiler.compile(tuned, CompileOptions.defaults()).config());
    }

    @Test
    void emulatorAndVirtualBoardGiveIdenticalResults() throws Exception {
        run(args("emulator", "same-emu", 2));
        try (VirtualBoard board = VirtualBoard.startTcp(0)) {
            run(args(board.address(), "same-board", 2));
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("same-emu.pb")), Files.readAllBytes(dir.resolve("same-board.pb")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("same-emu.json")),
                Files.readAllBytes(dir.resolve("same-board.json")));
    }

    @Test
    void anInterruptedRunResumesToTheSameResult() throws Exception {
        run(args("emulator", "whole", 3));
        run(args("emulator", "part", 1));
        run(args("emulator", "part", 3, "--resume"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("whole.pb")), Files.readAllBytes(dir.resolve("part.pb")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("whole.json")), Files.readAllBytes(dir.resolve("part.json")));
    }
}
