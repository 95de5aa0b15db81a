package dev.spikeloop.tests.compiler;

import dev.spikeloop.tests.CommandRun;
import dev.spikeloop.chipconfig.io.ChipConfigFiles;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.network.io.NetworkJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code compile --chip} and {@code --prune-fanout} end to end. */
class ChipProfilesCommandTest {
    @TempDir
    Path dir;

    private String err;

    private int run(String... args) {
        CommandRun r = CommandRun.run(args);
        err = r.err();
        return r.code();
    }

    private static double[][] gaussian(Random r, int rows, int cols, double sd) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = sd * r.nextGaussian();
            }
        }
        return m;
    }

    private Path net16x100x10() throws Exception {
        Random r = new Random(3);
        FloatNetwork net = new FloatNetwork(16, 0.05, List.of(
                new LayerSpec("hidden", 100, 0.005, 0.01, 1.0, gaussian(r, 100, 16, 1.5), null),
                new LayerSpec("out", 10, 0.005, 0.01, 1.0, gaussian(r, 10, 100, 0.8), null)));
        Path model = dir.resolve("net-16-100-10.json");
        NetworkJson.write(net, model);
        return model;
    }

    @Test
    void sixteenHundredTenCompilesForAudio3AndImuButNotAudio2() throws Exception {
        Path model = net16x100x10();
        for (String chip : List.of("xylo-audio3", "xylo-imu")) {
            Path out = dir.resolve(chip + ".pb");
            assertEquals(0, run("compile", "--model", model.toString(), "--chip", chip, "--out", out.toString()), err);
            ChipConfig c = ChipConfigFiles.read(out);
            assertEquals(chip, c.getProfile());
            assertEquals(10, c.getNumOutputs());
        }
        Path refused = dir.resolve("audio2.pb");
        assertEquals(1, run("compile", "--model", model.toString(), "--out", refused.toString()));
        assertTrue(err.contains("layer 1 'out' (output layer): output neurons = 10 (allowed: 1..8 on xylo-audio2)"), err);
        assertFalse(Files.exists(refused), "nothing written");
    }

    @Test
    void unknownProfileIsNamedAndNothingWritten() throws Exception {
        Path out = dir.resolve("x.pb");
        assertEquals(1, run("compile", "--model", net16x100x10().toString(), "--chip", "xylo-audio9", "--out", out.toString()));
        assertEquals("spikeloop compile: error: unknown chip profile 'xylo-audio9'; known: xylo-audio2, xylo-audio3,"
                + " xylo-imu", err.strip());
        assertFalse(Files.exists(out));
    }

    @Test
    void fanOutIsRefusedThenPrunedWhenAskedAndReported() throws Exception {
        Random r = new Random(5);
        int n = 1000;
        double[][] rec = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int k = 1; k <= 100; k++) {
                rec[(j + k * 7) % n][j] = 0.05 * r.nextGaussian();
            }
        }
        FloatNetwork net = new FloatNetwork(16, 0.05, List.of(
                new LayerSpec("h", n, 0.005, 0.01, 1.0, gaussian(r, n, 16, 1.5), rec),
                new LayerSpec("out", 8, 0.005, 0.01, 1.0, gaussian(r, 8, n, 0.8), null)));
        Path model = dir.resolve("fanout.json");
        NetworkJson.write(net, model);
        Path out = dir.resolve("chip.pb");
        Path report = dir.resolve("report.md");
        assertEquals(1, run("compile", "--model", model.toString(), "--out", out.toString(), "--report", report.toString()));
        assertTrue(err.contains("1001 problem(s)"), err);
        assertTrue(err.contains("layer 0 'h' neuron 0: fan-out = 108 non-zero outgoing weights (allowed: 0..64 on"
                + " xylo-audio2 (compile with --prune-fanout to keep the strongest))"), err);
        assertFalse(Files.exists(out) || Files.exists(report), "nothing written");

        assertEquals(0, run("compile", "--model", model.toString(), "--prune-fanout", "--out", out.toString(),
                "--report", report.toString()), err);
        ChipConfigFiles.read(out); // validated against xylo-audio2, fan-out included
        String md = Files.readString(report);
        assertTrue(md.contains("fan-out pruning to xylo-audio2"), md);
        assertTrue(md.contains("pruned layer 0 'h' recurrent: removed 68000 of 100000 non-zero weights"), md);
    }
}
