package dev.spikeloop.tests.loop;

import dev.spikeloop.cli.SpikeloopCli;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.DtAdvisor;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerDetail;
import dev.spikeloop.network.SecondSynapse;
import dev.spikeloop.network.data.DatasetCsv;
import dev.spikeloop.network.data.YinYang;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.runtime.sim.EventSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A network with a second synaptic time constant on its hidden layer (Rockpool SynNet-style; none of
 * the shared NIR files has one, so it is constructed, {@link SecondSynapseProbe}): its float simulation agrees with the compiled
 * chip on the emulator on a probe, and {@code finetune --device emulator} runs on it and keeps (and
 * trains) the second synapse.
 */
class SecondSynapseFinetuneTest {
    @TempDir
    Path dir;

    @Test
    void floatSimulationAgreesWithTheCompiledChipOnAProbe() {
        FloatNetwork net = SecondSynapseProbe.network(0.02);
        double dt = DtAdvisor.auto(net, CompileOptions.defaults().chipProfile().maxDash());
        SecondSynapseProbe.Counts c = SecondSynapseProbe.counts(net, dt);
        // Without the second synapse the same network loses most of its hidden activity: the comparison
        // is about the second synapse, not a side effect of the first.
        FloatNetwork withoutSecond = net.withLayer(0, net.layer(0).withDetail(LayerDetail.PLAIN));
        long floatHiddenWithout = 0;
        for (InputSpikes in : SecondSynapseProbe.probe()) {
            floatHiddenWithout += new EventSimulator().simulate(withoutSecond, in).count(0);
        }
        String text = c + " (float without synapse2: hidden " + floatHiddenWithout + ")";
        assertTrue(c.floatHidden() > 200, text);
        assertTrue(floatHiddenWithout < 0.5 * c.floatHidden(), text);
        // Tolerance, measured (docs/compiler.md "Current resolution"): hidden 605 vs 582, outputs 676 vs 659
        // at dt = 0.32 ms. Before the compiler raised the scale for the slow synapse's currents (at most
        // 2.3 x 2^6 integer units), the chip gave ~20% more (696 and 807).
        assertTrue(Math.abs(c.chipHidden() - c.floatHidden()) <= 0.08 * c.floatHidden(), text);
        assertTrue(Math.abs(c.chipOut() - c.floatOut()) <= 0.08 * c.floatOut(), text);
    }

    @Test
    void withEqualSynapticTimeConstantsTheSecondStateCarriesWhatTheFirstWould() {
        FloatNetwork net = SecondSynapseProbe.network(0.005);
        double dt = DtAdvisor.auto(net, CompileOptions.defaults().chipProfile().maxDash());
        SecondSynapseProbe.Counts two = SecondSynapseProbe.counts(net, dt);
        SecondSynapseProbe.Counts one = SecondSynapseProbe.counts(SecondSynapseProbe.summed(net), dt);
        String text = "two synapses: " + two + "; summed weights: " + one;
        assertEquals(one.floatHidden(), two.floatHidden(), text);   // the float model: the same spikes (SecondSynapseSimulationTest)
        assertEquals(one.floatOut(), two.floatOut(), text);
        // on the chip: the same decays, gains and scale, only the weights are rounded separately and each
        // state decays on its own (measured 304 vs 291 hidden, +4.5%; 214 vs 204 outputs)
        assertTrue(Math.abs(two.chipHidden() - one.chipHidden()) <= 0.08 * one.chipHidden(), text);
        assertTrue(Math.abs(two.chipOut() - one.chipOut()) <= 0.08 * one.chipOut(), text);
    }

    @Test
    void finetuneOnTheEmulatorRunsAndKeepsTheSecondSynapse() throws Exception {
        Path train = dir.resolve("train.csv");
        Path val = dir.resolve("val.csv");
        DatasetCsv.write(YinYang.generate(40, 11), train);
        DatasetCsv.write(YinYang.generate(30, 12), val);
        FloatNetwork net = SecondSynapseProbe.network(0.02);
        Path model = dir.resolve("net.json");
        NetworkJson.write(net, model);
        assertNotNull(NetworkJson.read(model).layer(0).detail().synapse2());

        PrintStream saved = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = SpikeloopCli.commandLine().execute("finetune", "--model", model.toString(), "--device", "emulator",
                    "--data", train.toString(), "--val", val.toString(), "--epochs", "1", "--batch", "20",
                    "--lr", "0.01", "--out", dir.resolve("tuned.json").toString(),
                    "--config-out", dir.resolve("tuned.pb").toString());
        } finally {
            System.setOut(saved);
            System.setErr(savedErr);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("epoch   1  train loss"), out);
        assertTrue(out.contains("device validation accuracy"), out);
        assertTrue(Files.size(dir.resolve("tuned.pb")) > 0);
        SecondSynapse tuned = NetworkJson.read(dir.resolve("tuned.json")).layer(0).detail().synapse2();
        assertNotNull(tuned, "the tuned network lost its second synapse");
        assertArrayEquals(net.layer(0).detail().synapse2().tauSyn(), tuned.tauSyn());
    }
}
