package dev.spikeloop.cli;

import dev.spikeloop.cli.commands.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code spikeloop} command: one entry point for compile, emulate, flash, run, train and more. */
@Command(name = "spikeloop", mixinStandardHelpOptions = true, version = "spikeloop 0.1.0",
        description = "From a trained spiking network to a Xylo-class chip, and training on it.",
        subcommands = {
                BenchCommand.class,
                dev.spikeloop.cli.commands.EmulateCommand.class,
                dev.spikeloop.cli.commands.DatasetCommand.class,
                dev.spikeloop.cli.commands.TrainCommand.class,
                dev.spikeloop.cli.commands.EvalCommand.class,
                dev.spikeloop.cli.commands.CompileCommand.class,
                dev.spikeloop.cli.commands.FinetuneCommand.class,
                dev.spikeloop.cli.commands.RefitCommand.class,
                dev.spikeloop.cli.commands.DemoCommand.class,
                dev.spikeloop.cli.commands.PortsCommand.class, dev.spikeloop.cli.commands.FlashCommand.class, dev.spikeloop.cli.commands.RunCommand.class, dev.spikeloop.cli.commands.BoardCommand.class,
                dev.spikeloop.cli.commands.SimulateCommand.class, dev.spikeloop.cli.commands.GradCommand.class,
                dev.spikeloop.cli.commands.ExportRockpoolCommand.class, dev.spikeloop.cli.commands.ImportRockpoolCommand.class,
                dev.spikeloop.cli.commands.PlotCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class SpikeloopCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Builds the command line with the project's error handling. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SpikeloopCli());
        cl.setExecutionExceptionHandler(new ErrorReporter());
        // enum options (--loss, --mode, --task...) accept any case, as their string forms did
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    public static void main(String[] args) {
        System.exit(execute(commandLine(), args));
    }

    /**
     * Runs {@code cl}; an {@link OutOfMemoryError} (which picocli passes on, being no exception) becomes
     * one line with the heap limit instead of a JVM stack trace. Commands refuse what they know will not
     * fit before they start; this is the net under the rest.
     */
    static int execute(CommandLine cl, String... args) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            cl.getErr().printf(java.util.Locale.ROOT, "spikeloop: error: out of memory (this JVM may use %.3g GB; "
                    + "raise it with SPIKELOOP_JAVA_OPTS=-Xmx..., or ask for less)%n",
                    Runtime.getRuntime().maxMemory() / 1e9);
            cl.getErr().flush();
            return 1;
        }
    }
}
