package dev.spikeloop.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spikeloop.cli.SpikeloopCli;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.io.InputSpikesCsv;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.runtime.fp.GradientEngine;
import dev.spikeloop.runtime.fp.GradientMode;
import dev.spikeloop.runtime.fp.Gradients;
import dev.spikeloop.runtime.fp.TtfsLoss;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.SpikeRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradSimulateCommandsTest {
    /** A 2-3-2 network with a recurrent hidden layer; also the bench fp tests' network. */
    static final String NET = """
            {"format":"spikeloop-network/1","inputs":2,"tEnd":0.04,"layers":[
             {"name":"hidden","size":3,"tauSyn":0.005,"tauMem":0.01,"threshold":1.0,
              "weights":[[3.0,2.0],[4.0,-1.0],[2.5,2.5]],
              "recurrent":[[0,0.5,0],[0.3,0,0.2],[0,0,0]]},
             {"name":"output","size":2,"tauSyn":0.005,"tauMem":0.01,"threshold":1.0,
              "weights":[[3.0,2.0,1.0],[1.0,3.0,2.0]]}]}
            """;

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = SpikeloopCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void simulateWritesEverySpikeInTimeOrder() throws IOException {
        Path net = write("net.json", NET);
        Path in = write("in.csv", "time,channel\n0.004,0\n0.001,0\n0.002,1\n");
        Path out = dir.resolve("spikes.csv");
        assertEquals(0, run("simulate", "--model", net.toString(), "--input", in.toString(), "--out", out.toString()),
                err.toString());
        List<String> lines = Files.readAllLines(out);
        assertEquals("layer,neuron,time", lines.get(0));
        SpikeRecord expected = new EventSimulator().simulate(NetworkJson.read(net), InputSpikesCsv.read(in, 2));
        assertEquals(expected.count() + 1, lines.size());
        double previous = -1;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            double t = Double.parseDouble(c[2]);
            assertTrue(t >= previous);
            previous = t;
            double[] times = expected.times(Integer.parseInt(c[0]), Integer.parseInt(c[1]));
            assertTrue(java.util.Arrays.stream(times).anyMatch(x -> x == t), "exact round trip of " + c[2]);
        }
    }

    @Test
    void gradWritesTheIssueFormatInBothModes() throws IOException {
        Path net = write("net.json", NET);
        Path in = write("in.csv", "time,channel\n0.001,0\n0.002,1\n0.004,0\n");
        FloatNetwork network = NetworkJson.read(net);
        InputSpikes spikes = InputSpikesCsv.read(in, 2);
        Gradients reference = new GradientEngine(GradientMode.ADJOINT)
                .simulateAndGradient(network, spikes, new TtfsLoss(1, 0.004));
        ObjectMapper mapper = new ObjectMapper();
        for (String mode : new String[] {"fp", "adjoint"}) {
            Path out = dir.resolve("grad-" + mode + ".json");
            assertEquals(0, run("grad", "--model", net.toString(), "--input", in.toString(), "--label", "1",
                    "--tau0", "0.004", "--mode", mode, "--out", out.toString()), err.toString());
            JsonNode root = mapper.readTree(out.toFile());
            assertEquals(reference.loss(), root.get("loss").doubleValue(), 0.0);
            assertEquals(2, root.get("spikes").size());
            assertEquals(3, root.get("spikes").get(0).size());
            JsonNode w = root.get("gradWeights");
            assertEquals(3, w.get(0).size());
            assertEquals(2, w.get(0).get(0).size());
            assertEquals(3, w.get(1).get(0).size());
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    double expected = reference.weights().get(1)[i][j];
                    assertEquals(expected, w.get(1).get(i).get(j).doubleValue(), 1e-12 * (1 + Math.abs(expected)));
                }
            }
            assertTrue(root.get("gradRecurrent").get(0).isArray());
            assertTrue(root.get("gradRecurrent").get(1).isNull());
            assertEquals(2, root.get("gradThreshold").size());
        }
    }

    @Test
    void badInputsGiveOneLineErrors() throws IOException {
        Path net = write("net.json", NET);
        Path in = write("in.csv", "time,channel\n0.001,0\n");
        Path bad = write("bad.csv", "time,channel\n0.001,5\n");
        Path out = dir.resolve("g.json");
        assertEquals(1, run("grad", "--model", net.toString(), "--input", in.toString(), "--label", "2",
                "--out", out.toString()));
        assertTrue(err.toString().contains("--label 2 is out of range: the output layer has 2 neurons"), err.toString());
        assertEquals(1, run("grad", "--model", net.toString(), "--input", bad.toString(), "--label", "0",
                "--out", out.toString()));
        assertTrue(err.toString().contains("bad.csv:2: channel 5 is out of range"), err.toString());
        assertEquals(2, run("grad", "--model", net.toString(), "--input", in.toString(), "--label", "0",
                "--mode", "sideways", "--out", out.toString())); // a usage error: picocli lists the candidates
        assertTrue(err.toString().contains("--mode") && err.toString().contains("auto, fp, adjoint"), err.toString());
        Path broken = write("broken.json", NET.replace("\"tauMem\":0.01,\"threshold\":1.0,\n  \"weights\":[[3.0,2.0,1.0]",
                "\"tauMem\":-0.01,\"threshold\":1.0,\n  \"weights\":[[3.0,2.0,1.0]"));
        assertEquals(1, run("simulate", "--model", broken.toString(), "--input", in.toString(), "--out",
                dir.resolve("s.csv").toString()));
        assertTrue(err.toString().contains("tauMem"), err.toString());
        assertTrue(!Files.exists(out), "no output after an error");
    }
}
