package dev.spikeloop.cli.commands;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code spikeloop bench <area>}: benchmarks that measure a component against a baseline taken in
 * the same run and print the ratios (the figures in docs/benchmarks.md come from here).
 */
@Command(name = "bench", description = "Run a benchmark and print its figures against an in-run baseline.",
        subcommands = {
                BenchFpCommand.class,
                BenchEmulatorCommand.class,
                BenchLinkCommand.class,
                BenchAudioCommand.class,
                BenchTemporalCommand.class,
                BenchMismatchCommand.class,
        })
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
