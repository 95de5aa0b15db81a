package dev.spikeloop.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spikeloop.cli.SpikeloopCli;
import dev.spikeloop.network.io.InputSpikesCsv;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.runtime.fp.GradientEngine;
import dev.spikeloop.runtime.fp.GradientMode;
import dev.spikeloop.runtime.fp.Gradients;
import dev.spikeloop.runtime.fp.TtfsLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code grad} on a network with per-neuron values and a bias: it runs, and writes the bias gradient. */
class GradBiasCommandTest {
    private static final String NET = """
            {"format":"spikeloop-network/1","inputs":2,"tEnd":0.04,"layers":[
             {"name":"hidden","size":3,"tauSyn":[0.005,0.004,0.006],"tauMem":[0.01,0.012,0.009],
              "threshold":[1.0,0.9,1.1],"bias":[0.2,-0.1,0.0],
              "weights":[[3.0,2.0],[4.0,-1.0],[2.5,2.5]]},
             {"name":"output","size":2,"tauSyn":0.005,"tauMem":0.01,"threshold":1.0,
              "weights":[[3.0,2.0,1.0],[1.0,3.0,2.0]]}]}
            """;

    @TempDir
    Path dir;

    @Test
    void gradWritesBiasGradientsForLayersWithABias() throws IOException {
        Path net = dir.resolve("net.json");
        Files.writeString(net, NET);
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "time,channel\n0.001,0\n0.002,1\n0.004,0\n");
        Gradients reference = new GradientEngine(GradientMode.ADJOINT)
                .simulateAndGradient(NetworkJson.read(net), InputSpikesCsv.read(in, 2), new TtfsLoss(1, 0.004));
        Path out = dir.resolve("grad.json");
        StringWriter err = new StringWriter();
        CommandLine cl = SpikeloopCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(0, cl.execute("grad", "--model", net.toString(), "--input", in.toString(), "--label", "1",
                "--tau0", "0.004", "--mode", "fp", "--out", out.toString()), err.toString());
        JsonNode bias = new ObjectMapper().readTree(out.toFile()).get("gradBias");
        assertEquals(2, bias.size());
        assertTrue(bias.get(1).isNull());
        assertEquals(3, bias.get(0).size());
        boolean nonZero = false;
        for (int i = 0; i < 3; i++) {
            double expected = reference.biases().get(0)[i];
            assertEquals(expected, bias.get(0).get(i).doubleValue(), 1e-10 * (1e-9 + Math.abs(expected)));
            nonZero |= expected != 0;
        }
        assertTrue(nonZero, "no bias gradient");
    }
}
