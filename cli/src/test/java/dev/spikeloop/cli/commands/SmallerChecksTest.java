package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.io.ChipConfigFiles;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.data.DatasetCsv;
import dev.spikeloop.network.data.YinYang;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.runtime.train.NetworkShape;
import dev.spikeloop.runtime.train.WeightInit;
import dev.spikeloop.runtime.train.WorkerPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The smaller checks of issue 18: empty data, stray labels, mismatched models, late spikes, resume. */
class SmallerChecksTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    private FloatNetwork net(int hidden) {
        try (WorkerPool pool = new WorkerPool(1)) {
            return WeightInit.calibrated(NetworkShape.of(5, new int[] {hidden}, 3),
                    SpikeEncoder.DEFAULT.encodeAll(YinYang.generate(32, 3)), 1, WeightInit.Settings.DEFAULT, pool);
        }
    }

    @Test
    void aHeaderOnlyDataFileIsAnError() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "x,y,label\n");
        Path model = dir.resolve("m.json");
        NetworkJson.write(net(4), model);
        CliRun r = run("eval", "--model", model.toString(), "--data", empty.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(empty + ": no samples after the header"), r.err());
    }

    @Test
    void aStrayLabelIsNamedAndClassesRefusesIt() throws Exception {
        Path data = Files.writeString(dir.resolve("d.csv"), "x,y,label\n0.2,0.3,0\n0.6,0.1,1\n0.5,0.5,7\n0.1,0.9,0\n");
        CliRun r = run("train", "--data", data.toString(), "--hidden", "4", "--epochs", "1", "--batch", "2",
                "--threads", "1", "--out", dir.resolve("t.json").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("note: labels 0..7 of " + data + " make 8 output neurons, but label(s) 2, 3, 4, 5, "
                + "6 have no sample; give --classes N to set the number of classes"), r.out());
        r = run("train", "--data", data.toString(), "--classes", "3", "--out", dir.resolve("u.json").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(data + " has label 7, but --classes 3 allows labels 0..2"), r.err());
    }

    @Test
    void evalFlagsAModelThatIsNotTheConfigurationsNetwork() throws Exception {
        Path chip = dir.resolve("c.pb");
        ChipConfigFiles.write(NetworkCompiler.compile(net(6), CompileOptions.defaults()).config(), chip);
        Path other = dir.resolve("other.json");
        NetworkJson.write(net(4), other);
        Path data = dir.resolve("d.csv");
        DatasetCsv.write(YinYang.generate(10, 1), data);
        CliRun r = run("eval", "--config", chip.toString(), "--model", other.toString(), "--data", data.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--model " + other + " has 5 inputs, 4 hidden and 3 output neurons, but --config "
                + chip + " has 5, 6 and 3"), r.err());
    }

    @Test
    void inputSpikesAfterTEndAreCounted() throws Exception {
        Path model = dir.resolve("m.json");
        FloatNetwork net = net(4);
        NetworkJson.write(net, model);
        Path in = Files.writeString(dir.resolve("in.csv"), "time,channel\n0.001,0\n" + (net.tEnd() + 0.01) + ",1\n"
                + (net.tEnd() + 1) + ",2\n");
        CliRun r = run("simulate", "--model", model.toString(), "--input", in.toString(), "--out",
                dir.resolve("s.csv").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("note: 2 input spike(s) after the network's tEnd = " + net.tEnd() + " s are ignored"),
                r.out());
    }

    @Test
    void resumeWithoutACheckpointSaysItStartsOver() throws Exception {
        Path data = dir.resolve("d.csv");
        DatasetCsv.write(YinYang.generate(20, 1), data);
        Path out = dir.resolve("t.json");
        CliRun r = run("train", "--data", data.toString(), "--hidden", "4", "--epochs", "1", "--batch", "10",
                "--threads", "1", "--out", out.toString(), "--resume");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("--resume: there is no checkpoint " + dir.resolve("t.json.ckpt")
                + "; starting from epoch 1"), r.out());
    }
}
