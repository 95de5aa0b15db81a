package dev.spikeloop.cli.commands;

import dev.spikeloop.driver.bench.LinkBench;
import dev.spikeloop.emulator.bench.SyntheticNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code spikeloop bench link}: spike events per second and round-trip latency of {@code run}
 * against a virtual board over TCP and over pseudo-terminals (one unpaced, one paced like a UART
 * at the serial line rate), against the in-process emulator timed in the same run.
 */
@Command(name = "link", mixinStandardHelpOptions = true,
        description = {"Time 'run' through the board driver to a virtual board over TCP, a pty, and a pty paced "
                + "like a UART at --baud (8N1), against the in-process emulator (no link) in the same run.",
                "Events are input + output + hidden (step, neuron, count) triples; the paced link's figure is "
                        + "also given as a fraction of the line rate. pty links need socat."})
public final class BenchLinkCommand implements Callable<Integer> {
    @Option(names = "--steps", defaultValue = "3000",
            description = "Steps per timed run on TCP, the unpaced pty and the baseline (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--paced-steps", defaultValue = "1000",
            description = "Steps of the timed run on the paced pty (default: ${DEFAULT-VALUE}).")
    int pacedSteps;

    @Option(names = "--repeats", defaultValue = "5",
            description = "Timed runs per unpaced link; the fastest counts (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--rate", defaultValue = "200",
            description = "Mean input rate per channel in Hz (default: ${DEFAULT-VALUE}).")
    double rateHz;

    @Option(names = "--baud", defaultValue = "921600",
            description = "Line rate of the paced pty (default: ${DEFAULT-VALUE}).")
    int baud;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of network and input (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        if (steps < 1 || pacedSteps < 1 || pacedSteps > steps || repeats < 1 || baud < 1) {
            throw new IllegalArgumentException("need --steps >= --paced-steps >= 1, --repeats >= 1 and --baud >= 1");
        }
        LinkBench.Result r = LinkBench.run(new LinkBench.Settings(steps, pacedSteps, repeats, 300, rateHz, baud, seed),
                line -> System.err.println("bench link: " + line));
        SyntheticNetwork n = r.network();
        System.out.println(String.format(Locale.ROOT, "network: %d inputs, %d hidden x %d synapses, %d outputs; "
                + "inputs %.0f Hz/channel", n.inputs(), n.hidden(), n.synapses(), n.outputs(), rateHz));
        System.out.println(String.format(Locale.ROOT, "%-28s %7s %10s %12s %10s %11s %10s %12s", "link", "steps",
                "events", "events/s", "vs base", "MB/s to host", "line use", "RTT median"));
        System.out.println(String.format(Locale.ROOT, "%-28s %7d %10s %12.3e %10s %11s %10s %10.1f us",
                "in-process emulator (base)", steps, "-", r.baselineEventsPerSec(), "1", "-", "-",
                r.baselineLatencyMicros()));
        for (LinkBench.LinkResult l : r.links()) {
            System.out.println(String.format(Locale.ROOT, "%-28s %7d %10d %12.3e %10.3f %11.3f %10s %10.1f us",
                    l.link(), l.steps(), l.events(), l.eventsPerSecond(), l.eventsPerSecond() / r.baselineEventsPerSec(),
                    l.bytesPerSecond() / 1e6, Double.isNaN(l.lineFraction()) ? "-"
                            : String.format(Locale.ROOT, "%.1f%%", 100 * l.lineFraction()), l.latencyMicros()));
        }
        if (r.ptySkipped() != null) {
            System.out.println("pty links skipped: " + r.ptySkipped());
        }
        return 0;
    }
}
