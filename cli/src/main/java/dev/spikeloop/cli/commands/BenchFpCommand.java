package dev.spikeloop.cli.commands;

import dev.spikeloop.runtime.fp.FpBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code spikeloop bench fp}: forward simulation vs adjoint vs FP vs central finite differences on a
 * 5-120-3 network with Yin-Yang inputs, one thread, in one run; then a batch in parallel.
 */
@Command(name = "fp", mixinStandardHelpOptions = true,
        description = {"Time one forward simulation, one exact gradient in each order (adjoint, fp) and the",
                "central finite-difference gradient on a 5-120-3 network with Yin-Yang inputs (one thread,",
                "same run), then a batch sequentially and in parallel across cores."})
public final class BenchFpCommand implements Callable<Integer> {
    @Option(names = "--hidden", defaultValue = "120", description = "Hidden layer size (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--samples", defaultValue = "200", description = "Samples per timing round (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--fd-samples", defaultValue = "3",
            description = "Samples for the finite-difference gradient (default: ${DEFAULT-VALUE}).")
    int fdSamples;

    @Option(names = "--rounds", defaultValue = "12", description = "Timing rounds, best counts (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of network and data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        FpBenchmark.Figures f = new FpBenchmark(hidden, samples, fdSamples, rounds, seed).run();
        System.out.printf(Locale.ROOT, "network 5-%d-3, %d parameters, %d Yin-Yang samples, %.0f spikes per sample"
                + " (inputs included)%n", f.hidden(), f.parameters(), f.samples(), f.spikesPerSample());
        System.out.printf(Locale.ROOT, "%-34s %12s %10s%n", "per sample, one thread", "CPU us", "ratio");
        System.out.printf(Locale.ROOT, "%-34s %12.1f %10s%n", "forward simulation (baseline)", f.simulateMicros(), "1.0x");
        System.out.printf(Locale.ROOT, "%-34s %12.1f %9.2fx  (target <= 3x)%n", "gradient, adjoint order",
                f.adjointMicros(), f.adjointOverSimulate());
        System.out.printf(Locale.ROOT, "%-34s %12.1f %9.2fx  (target <= 30x)%n", "gradient, fp (forward) order",
                f.fpMicros(), f.fpOverSimulate());
        System.out.printf(Locale.ROOT, "%-34s %12.1f %9.1fx  (%d samples)%n", "central finite differences",
                f.finiteDifferenceMicros(), f.finiteDifferenceMicros() / f.simulateMicros(), f.fdSamples());
        System.out.printf(Locale.ROOT, "finite differences / adjoint = %.0fx, finite differences / fp = %.0fx"
                + " (target >= 100x)%n", f.finiteDifferenceOverAdjoint(), f.finiteDifferenceOverFp());
        System.out.printf(Locale.ROOT, "batch of %d adjoint gradients: sequential %.1f ms, parallel %.1f ms on %d cores"
                + " (%.2fx)%n", f.samples(), f.batchSequentialMillis(), f.batchParallelMillis(), f.cores(),
                f.parallelSpeedup());
        System.out.printf(Locale.ROOT, "largest relative difference between the two orders: %.1e%n", f.maxOrderDifference());
        boolean ok = f.adjointOverSimulate() <= 3 && f.fpOverSimulate() <= 30
                && f.finiteDifferenceOverAdjoint() >= 100 && f.finiteDifferenceOverFp() >= 100;
        System.out.println(ok ? "all targets met" : "TARGETS NOT MET");
        return 0;
    }
}
