package dev.spikeloop.tests.rockpool;

import dev.spikeloop.tests.CommandRun;
import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.io.ChipConfigFiles;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.emulator.bench.ProfileNetwork;
import dev.spikeloop.emulator.bench.SyntheticNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code export-rockpool} then {@code import-rockpool} gives back every golden configuration: the
 * example chip, the shipped models compiled for every profile they fit, and full-size networks of
 * every profile. Bad input is named and nothing is written.
 */
class RockpoolCommandsTest {
    @TempDir
    Path dir;

    private String err;

    private int run(String... args) {
        CommandRun r = CommandRun.run(args);
        err = r.err();
        return r.code();
    }

    private List<Path> goldenConfigs() throws Exception {
        List<Path> configs = new ArrayList<>();
        configs.add(Path.of("../examples/emulator/tiny-chip.json"));
        for (String model : List.of("../models/yinyang-5-120-3.json", "../models/yinyang-5-120-3-chip.json")) {
            for (String chip : List.of("xylo-audio2", "xylo-audio3", "xylo-imu")) {
                Path out = dir.resolve(Path.of(model).getFileName() + "-" + chip + ".pb");
                assertEquals(0, run("compile", "--model", model, "--dt", "auto", "--chip", chip, "--out", out.toString()), err);
                configs.add(out);
            }
        }
        for (ChipProfile p : ChipProfile.all()) {
            Path out = dir.resolve("full-" + p.name() + ".pb");
            ChipConfigFiles.write(ProfileNetwork.build(p, p.maxHidden(), 1), out);
            configs.add(out);
        }
        Path bench = dir.resolve("bench.pb");
        ChipConfigFiles.write(SyntheticNetwork.fullSize(1).build(), bench);
        configs.add(bench);
        return configs;
    }

    @Test
    void exportThenImportIsTheIdentityOnEveryGoldenConfiguration() throws Exception {
        for (Path config : goldenConfigs()) {
            ChipConfig original = ChipConfigFiles.read(config);
            Path spec = dir.resolve("spec.npz");
            Path back = dir.resolve("back.pb");
            assertEquals(0, run("export-rockpool", config.toString(), "--out", spec.toString()), err);
            assertEquals(0, run("import-rockpool", spec.toString(), "--chip", original.getProfile(), "--out",
                    back.toString()), err);
            assertEquals(original, ChipConfigFiles.read(back), config.toString());
        }
    }

    @Test
    void badSpecificationsAndNamesAreRefusedAndNothingIsWritten() throws Exception {
        Path bad = dir.resolve("bad.npz");
        Files.writeString(bad, "this is not a zip archive");
        Path out = dir.resolve("chip.pb");
        assertEquals(1, run("import-rockpool", bad.toString(), "--out", out.toString()));
        assertTrue(err.startsWith("spikeloop import-rockpool: error: " + bad + ": not an NPZ archive"), err);

        Path spec = dir.resolve("tiny.npz");
        assertEquals(0, run("export-rockpool", "../examples/emulator/tiny-chip.json", "--out", spec.toString()), err);
        assertEquals(1, run("import-rockpool", spec.toString(), "--chip", "xylo-imu", "--out", out.toString()));
        assertTrue(err.contains("invalid chip configuration " + spec + " (as xylo-imu)"), err);
        assertTrue(err.contains("num_synapses = 2 (allowed: 1..1)"), err);
        assertEquals(1, run("import-rockpool", spec.toString(), "--chip", "xylo-nope", "--out", out.toString()));
        assertTrue(err.contains("unknown chip profile 'xylo-nope'; known: xylo-audio2, xylo-audio3, xylo-imu"), err);
        assertEquals(1, run("export-rockpool", "../examples/emulator/tiny-chip.json", "--out",
                dir.resolve("spec.npy").toString()));
        assertTrue(err.contains("must end in .npz"), err);
        assertFalse(Files.exists(out) || Files.exists(dir.resolve("spec.npy")), "nothing written");
    }
}
