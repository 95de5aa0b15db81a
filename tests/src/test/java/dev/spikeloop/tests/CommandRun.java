package dev.spikeloop.tests;

import dev.spikeloop.cli.SpikeloopCli;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Exit code and stderr of one in-process command line (end-to-end tests). */
public record CommandRun(int code, String err) {

    /** Runs {@code args} through the real command line, capturing what it prints to stderr. */
    public static CommandRun run(String... args) {
        CommandLine cl = SpikeloopCli.commandLine();
        StringWriter sw = new StringWriter();
        cl.setErr(new PrintWriter(sw, true));
        int code = cl.execute(args);
        return new CommandRun(code, sw.toString());
    }
}
