package dev.spikeloop.tests.loop;

import dev.spikeloop.cli.SpikeloopCli;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerDetail;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.network.data.DatasetCsv;
import dev.spikeloop.network.data.YinYang;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.runtime.train.NetworkShape;
import dev.spikeloop.runtime.train.WeightInit;
import dev.spikeloop.runtime.train.WorkerPool;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code spikeloop finetune --device emulator} runs on a network with per-neuron time constants and
 * thresholds and biases (what NIR import produces, e.g. Rockpool SynNet or LIF with {@code v_leak}):
 * the FP engine models them, so the reset-semantics gap the compile report measures can be closed in
 * the loop. One epoch on a tiny data set (the run keeps the compiled configuration unless the device's
 * validation accuracy improves, so the weights need not change); the tuned network keeps its
 * per-neuron values.
 */
class PerNeuronFinetuneTest {
    @TempDir
    Path dir;

    /** {@code net} with per-neuron time constants and thresholds around the layer's, and small biases. */
    private static FloatNetwork perNeuron(FloatNetwork net) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int p = 0; p < net.layerCount(); p++) {
            LayerSpec l = net.layer(p);
            int n = l.size();
            double[] ts = new double[n];
            double[] tm = new double[n];
            double[] th = new double[n];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                double f = 0.85 + 0.3 * ((i * 7919) % 13) / 12.0;   // deterministic spread, 0.85..1.15
                ts[i] = l.tauSyn() * f;
                tm[i] = l.tauMem() * (2 - f);
                th[i] = l.threshold() * f;
                b[i] = 0.2 * th[i] * (f - 1) / 0.15;               // -0.2..+0.2 of the threshold
            }
            // the layer's scalars are neuron 0's values (NetworkValidator)
            layers.add(new LayerSpec(l.name(), n, ts[0], tm[0], th[0], l.weights(), l.recurrent(),
                    new LayerDetail(ts, tm, th, b, false, true, false)));
        }
        return new FloatNetwork(net.inputs(), net.tEnd(), layers);
    }

    @Test
    void finetuneRunsOnPerNeuronValuesAndBiases() throws Exception {
        Path train = dir.resolve("train.csv");
        Path val = dir.resolve("val.csv");
        DatasetCsv.write(YinYang.generate(40, 11), train);
        DatasetCsv.write(YinYang.generate(30, 12), val);
        FloatNetwork net;
        try (WorkerPool pool = new WorkerPool(1)) {
            net = perNeuron(WeightInit.calibrated(NetworkShape.of(5, new int[] {12}, 3),
                    SpikeEncoder.DEFAULT.encodeAll(YinYang.generate(32, 105)), 5, WeightInit.Settings.DEFAULT, pool));
        }
        Path model = dir.resolve("net.json");
        NetworkJson.write(net, model);
        assertFalse(NetworkJson.read(model).layer(0).isPlain());

        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = SpikeloopCli.commandLine().execute("finetune", "--model", model.toString(), "--device", "emulator",
                    "--data", train.toString(), "--val", val.toString(), "--epochs", "1", "--batch", "20",
                    "--lr", "0.01", "--out", dir.resolve("tuned.json").toString(),
                    "--config-out", dir.resolve("tuned.pb").toString(), "--train-thresholds");
        } finally {
            System.setOut(saved);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("epoch   1  train loss"), out);
        assertTrue(out.contains("device validation accuracy"), out);
        assertTrue(Files.size(dir.resolve("tuned.pb")) > 0);
        FloatNetwork tuned = NetworkJson.read(dir.resolve("tuned.json"));
        for (int p = 0; p < net.layerCount(); p++) {
            LayerSpec a = net.layer(p);
            LayerSpec t = tuned.layer(p);
            assertArrayEquals(a.detail().tauSyn(), t.detail().tauSyn());
            assertArrayEquals(a.detail().tauMem(), t.detail().tauMem());
            assertArrayEquals(a.detail().bias(), t.detail().bias());
            assertEquals(a.size(), t.detail().threshold().length);
        }
    }
}
