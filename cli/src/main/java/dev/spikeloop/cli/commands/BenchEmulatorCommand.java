package dev.spikeloop.cli.commands;

import dev.spikeloop.emulator.bench.EmulatorBench;
import dev.spikeloop.emulator.bench.SyntheticNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code spikeloop bench emulator}: the event-driven emulator against the dense reference loop on
 * issue 2's full-size network, both timed in this run on one thread.
 */
@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = {"Time the event-driven emulator against the dense reference loop (same network, same input, "
                + "one thread): 16 inputs, 1000 hidden x 2 synapses, 8 outputs, 2.8%% recurrent weights (within Audio 2 fan-out).",
                "Reports steps/s, synaptic events/s, times real time at the network's dt, and the speed-up."})
public final class BenchEmulatorCommand implements Callable<Integer> {
    @Option(names = "--steps", defaultValue = "50000",
            description = "Steps per timed run of the fast emulator (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--dense-steps", defaultValue = "300",
            description = "Steps per timed run of the dense reference (default: ${DEFAULT-VALUE}).")
    int denseSteps;

    @Option(names = "--repeats", defaultValue = "5",
            description = "Timed runs of each; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--rate", defaultValue = "100",
            description = "Mean input rate per channel in Hz (default: ${DEFAULT-VALUE}).")
    double rateHz;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of network and input (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--write-files", paramLabel = "DIR",
            description = "Instead of timing: write the full-size network (seed 1) as DIR/full.json and DIR/full.pb and "
                    + "1000 steps of 100 Hz input as DIR/in.csv, the files of the whole-process timing in docs/benchmarks.md.")
    java.nio.file.Path writeFiles;

    @Override
    public Integer call() throws java.io.IOException {
        if (writeFiles != null) {
            System.out.println(dev.spikeloop.emulator.bench.FullSizeFiles.write(writeFiles));
            return 0;
        }
        EmulatorBench.Result r = EmulatorBench.run(new EmulatorBench.Settings(steps, denseSteps, repeats, rateHz, seed),
                line -> System.err.println("bench emulator: " + line));
        SyntheticNetwork n = r.network();
        System.out.println(String.format(Locale.ROOT,
                "network: %d inputs, %d hidden x %d synapses, %d outputs, %.0f%% recurrent; dt = %.3g s; "
                        + "inputs %.0f Hz/channel; hidden rate %.1f Hz", n.inputs(), n.hidden(), n.synapses(),
                n.outputs(), n.recurrentDensity() * 100, r.dtSeconds(), r.inputRateHz(), r.hiddenRateHz()));
        System.out.println(String.format(Locale.ROOT, "%-24s %11s %11s %14s %12s %10s %10s", "implementation",
                "steps/s", "steps/cpu-s", "syn. events/s", "x real time", "median s", "cpu s"));
        System.out.println(String.format(Locale.ROOT, "%-24s %11.0f %11.0f %14.3e %12.1f %10.3f %10.3f",
                "XyloEmulator (event)", r.fastStepsPerSecond(), r.fastStepsPerCpuSecond(), r.fastEventsPerSecond(),
                r.fastRealTimeFactor(), r.fastSeconds(), r.fastCpuSeconds()));
        System.out.println(String.format(Locale.ROOT, "%-24s %11.0f %11.0f %14.3e %12.2f %10.3f %10.3f",
                "DenseReferenceEmulator", r.denseStepsPerSecond(), r.denseStepsPerCpuSecond(), r.denseEventsPerSecond(),
                r.denseRealTimeFactor(), r.denseSeconds(), r.denseCpuSeconds()));
        System.out.println(String.format(Locale.ROOT, "speed-up (event / dense): %.1fx wall, %.1fx cpu; "
                        + "x real time on one core (cpu): %.1f; same spikes over the first %d steps: %s",
                r.speedup(), r.cpuSpeedup(), r.fastStepsPerCpuSecond() * r.dtSeconds(), r.denseSteps(),
                r.identical() ? "yes" : "NO"));
        return r.identical() ? 0 : 1;
    }
}
