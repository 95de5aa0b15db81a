package dev.spikeloop.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutOfMemoryTest {
    @CommandLine.Command(name = "greedy")
    static final class Greedy implements Runnable {
        @Override
        public void run() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void anOutOfMemoryErrorIsOneLineWithTheLimit() {
        CommandLine cl = SpikeloopCli.commandLine().addSubcommand(new Greedy());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(1, SpikeloopCli.execute(cl, "greedy"));
        String text = err.toString();
        assertTrue(text.startsWith("spikeloop: error: out of memory (this JVM may use "), text);
        assertEquals(1, text.lines().count(), text);
    }
}
