package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.io.ChipConfigFiles;
import dev.spikeloop.cli.SpikeloopCli;
import dev.spikeloop.driver.link.LinkOptions;
import dev.spikeloop.driver.virtual.BoardSettings;
import dev.spikeloop.driver.virtual.SocatPty;
import dev.spikeloop.driver.virtual.VirtualBoard;
import dev.spikeloop.emulator.bench.SyntheticInput;
import dev.spikeloop.emulator.bench.SyntheticNetwork;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The "done when": flash + run against a virtual board give exactly emulate's files. */
class BoardCommandsTest {
    /**
     * The virtual board commits a configuration in milliseconds, but on a loaded 2-core machine its
     * first commit (cold JIT) has taken over the default second; the retry logic is tested elsewhere.
     */
    private static final String SLOW_MACHINE_TIMEOUT_MS = "5000";

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = SpikeloopCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private void flashRunAndCompareWithEmulate(String port) throws IOException {
        Path chip = dir.resolve("chip.pb");
        ChipConfigFiles.write(new SyntheticNetwork(16, 120, 2, 6, 0.15, 3).build(), chip);
        SpikeRaster input = SyntheticInput.poisson(16, 600, 200, 1e-3, 4);
        StringBuilder csv = new StringBuilder("step,channel,count\n");
        input.events().forEach(e -> csv.append(e.step()).append(',').append(e.neuron()).append(',')
                .append(e.count()).append('\n'));
        Path in = dir.resolve("in.csv");
        Files.writeString(in, csv);
        assertEquals(0, run("flash", "--port", port, "--timeout-ms", SLOW_MACHINE_TIMEOUT_MS, chip.toString()), err.toString());
        assertEquals(0, run("run", "--port", port, "--timeout-ms", SLOW_MACHINE_TIMEOUT_MS, "--input", in.toString(), "--steps", "600",
                "--out", dir.resolve("out.csv").toString(), "--hidden-out", dir.resolve("hid.csv").toString()),
                err.toString());
        assertEquals(0, run("emulate", "--config", chip.toString(), "--input", in.toString(), "--steps", "600",
                "--out", dir.resolve("eout.csv").toString(), "--hidden-out", dir.resolve("ehid.csv").toString()),
                err.toString());
        byte[] hidden = Files.readAllBytes(dir.resolve("hid.csv"));
        assertTrue(hidden.length > 1000, "the network must spike");
        assertArrayEquals(Files.readAllBytes(dir.resolve("eout.csv")), Files.readAllBytes(dir.resolve("out.csv")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("ehid.csv")), hidden);
    }

    @Test
    void flashAndRunOverPtyEqualEmulate() {
        assumeTrue(SocatPty.available(), "socat is not installed: pty command test skipped (install socat)");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (SocatPty pty = SocatPty.start(dir.resolve("tty-host"), dir.resolve("tty-board"));
                 VirtualBoard board = VirtualBoard.startSerial(pty.boardDevice(), LinkOptions.defaults(),
                         BoardSettings.defaults())) {
                assertTrue(board.serving());
                flashRunAndCompareWithEmulate(pty.hostDevice());
            }
        });
    }

    @Test
    void flashAndRunOverTcpEqualEmulate() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (VirtualBoard board = VirtualBoard.startTcp(0)) {
                flashRunAndCompareWithEmulate(board.address());
            }
        });
    }

    @Test
    void missingPortIsAClearError() throws IOException {
        Path chip = dir.resolve("chip.pb");
        ChipConfigFiles.write(new SyntheticNetwork(16, 10, 1, 2, 0.1, 3).build(), chip);
        assertEquals(1, run("flash", "--port", dir.resolve("no-such-tty").toString(), chip.toString()));
        assertTrue(err.toString().contains("spikeloop flash: error:") && err.toString().contains("no-such-tty")
                && err.toString().contains("does not exist"), err.toString());
        assertEquals(1, run("run", "--port", "tcp://nohost", "--input", "x.csv", "--out", "y.csv"));
        assertTrue(err.toString().contains("tcp://host:port"), err.toString());
    }
}
