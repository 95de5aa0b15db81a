package dev.spikeloop.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spikeloop.cli.SpikeloopCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bench fp --model --inputs [--json]} on a user's files, and {@code grad}'s automatic order. */
class BenchFpInputsTest {
    private static final String NET = GradSimulateCommandsTest.NET;

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void captureOut() {
        originalOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOut() {
        System.setOut(originalOut);
    }

    private int run(String... args) {
        CommandLine cl = SpikeloopCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path inputs() throws IOException {
        Path in = Files.createDirectories(dir.resolve("inputs"));
        Files.writeString(in.resolve("a.csv"), "time,channel\n0.001,0\n0.002,1\n");
        Files.writeString(in.resolve("b.csv"), "time,channel\n0.003,0\n0.001,1\n0.006,0\n");
        Files.writeString(in.resolve("notes.txt"), "not an input file");
        return in;
    }

    @Test
    void jsonReportsTheFourTimesPerSample() throws IOException {
        Path net = Files.writeString(dir.resolve("net.json"), NET);
        assertEquals(0, run("bench", "fp", "--model", net.toString(), "--inputs", inputs().toString(), "--json",
                "--rounds", "2", "--fd-samples", "1"), err.toString());
        JsonNode j = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        for (String key : new String[] {"forwardMsPerSample", "adjointMsPerSample", "fpMsPerSample", "fdMsPerSample",
                "adjointFullSolveMsPerSample", "fpFullSolveMsPerSample"}) {
            assertTrue(j.get(key).isNumber() && j.get(key).asDouble() > 0, key + " in " + j);
        }
        assertEquals(2, j.get("samples").asInt(), "both .csv files, not the .txt");
        assertEquals(6 + 9 + 1 + 6 + 1, j.get("parameters").asInt(), "weights, recurrent weights, thresholds");
        assertTrue(j.get("maxOrderDifference").asDouble() < 1e-9, j.toString());
        assertTrue(j.get("maxDifferenceToFullSolve").asDouble() < 1e-9, j.toString());
        assertTrue(j.get("targetsMet").isBoolean());
    }

    @Test
    void tableNamesTheNetworkAndTheRows() throws IOException {
        Path net = Files.writeString(dir.resolve("net.json"), NET);
        assertEquals(0, run("bench", "fp", "--model", net.toString(), "--inputs", inputs().toString(),
                "--rounds", "1", "--fd-samples", "1"), err.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("network net.json"), text);
        assertTrue(text.contains("gradient, fp order, full solve (before)"), text);
        assertTrue(text.contains("central finite differences"), text);
    }

    @Test
    void badInputsGiveOneLineErrors() throws IOException {
        Path net = Files.writeString(dir.resolve("net.json"), NET);
        assertEquals(1, run("bench", "fp", "--model", net.toString()));
        assertTrue(err.toString().contains("--model and --inputs go together"), err.toString());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(1, run("bench", "fp", "--model", net.toString(), "--inputs", empty.toString()));
        assertTrue(err.toString().contains("no .csv input spike files"), err.toString());
        assertEquals(1, run("bench", "fp", "--model", net.toString(), "--inputs", net.toString()));
        assertTrue(err.toString().contains("not a directory"), err.toString());
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(bad.resolve("x.csv"), "time,channel\n0.001,7\n");
        assertEquals(1, run("bench", "fp", "--model", net.toString(), "--inputs", bad.toString()));
        assertTrue(err.toString().contains("x.csv"), err.toString());
    }

    @Test
    void gradRunsTheCheaperOrderByDefaultAndSaysSo() throws IOException {
        Path net = Files.writeString(dir.resolve("net.json"), NET);
        Path in = Files.writeString(dir.resolve("in.csv"), "time,channel\n0.001,0\n0.002,1\n");
        Path g = dir.resolve("g.json");
        assertEquals(0, run("grad", "--model", net.toString(), "--input", in.toString(), "--label", "0",
                "--out", g.toString()), err.toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("adjoint order (auto: the cheaper exact order)"),
                out.toString(StandardCharsets.UTF_8));
        assertEquals("adjoint", new ObjectMapper().readTree(g.toFile()).get("mode").asText());
    }
}
