package dev.spikeloop.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.spikeloop.runtime.bench.FpBenchmark;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the figures of {@code bench fp}: the side-by-side table, or (with {@code --json}) one JSON
 * object with the times per sample in milliseconds, single thread.
 */
final class FpBenchReport {
    /** Issue 19's targets, against one forward simulation (to tEnd) of the same sample. */
    static final double ADJOINT_TARGET = 2.0;
    static final double FP_TARGET = 3.0;
    /** Finite differences must cost at least this many exact gradients (issue 3). */
    static final double FD_TARGET = 100.0;

    private FpBenchReport() {
    }

    static boolean targetsMet(FpBenchmark.Figures f) {
        return f.adjointOverSimulate() <= ADJOINT_TARGET && f.fpOverSimulate() <= FP_TARGET
                && f.finiteDifferenceOverAdjoint() >= FD_TARGET && f.finiteDifferenceOverFp() >= FD_TARGET;
    }

    static void table(FpBenchmark.Figures f, PrintStream out) {
        FpBenchmark.Cone c = f.cone();
        out.printf(Locale.ROOT, "network %s, %d parameters, %d samples, %.0f spikes per sample (inputs included,"
                        + " %.0f of them output spikes); the ttfs loss's cone holds %.1f of them%n", f.network(),
                f.parameters(), f.samples(), f.spikesPerSample(), c.outputSpikesPerSample(), c.spikesSolvedPerSample());
        out.printf(Locale.ROOT, "%-44s %12s %10s%n", "per sample, one thread", "CPU us", "ratio");
        row(out, "forward simulation to tEnd (baseline)", f.simulateMicros(), f.simulateMicros(), "");
        row(out, "forward simulation to the cone's edge", c.coneSimulateMicros(), f.simulateMicros(), "");
        row(out, "gradient, adjoint order", f.adjointMicros(), f.simulateMicros(),
                String.format(Locale.ROOT, "(target <= %.0fx)", ADJOINT_TARGET));
        row(out, "gradient, fp (forward) order", f.fpMicros(), f.simulateMicros(),
                String.format(Locale.ROOT, "(target <= %.0fx)", FP_TARGET));
        row(out, "gradient, adjoint order, full solve (before)", c.adjointFullMicros(), f.simulateMicros(), "");
        row(out, "gradient, fp order, full solve (before)", c.fpFullMicros(), f.simulateMicros(), "");
        out.printf(Locale.ROOT, "%-44s %12.1f %9.1fx  (%d samples)%n", "central finite differences",
                f.finiteDifferenceMicros(), f.finiteDifferenceMicros() / f.simulateMicros(), f.fdSamples());
        out.printf(Locale.ROOT, "cone vs full solve: adjoint %.2fx, fp %.2fx faster%n",
                c.adjointFullMicros() / f.adjointMicros(), c.fpFullMicros() / f.fpMicros());
        out.printf(Locale.ROOT, "finite differences / adjoint = %.0fx, finite differences / fp = %.0fx"
                + " (target >= %.0fx)%n", f.finiteDifferenceOverAdjoint(), f.finiteDifferenceOverFp(), FD_TARGET);
        out.printf(Locale.ROOT, "batch of %d adjoint gradients: sequential %.1f ms, parallel %.1f ms on %d cores"
                + " (%.2fx)%n", f.samples(), f.batchSequentialMillis(), f.batchParallelMillis(), f.cores(),
                f.parallelSpeedup());
        out.printf(Locale.ROOT, "largest relative difference: between the two orders %.1e, cone vs full solve %.1e%n",
                f.maxOrderDifference(), c.maxDifferenceToFullSolve());
        out.println(targetsMet(f) ? "all targets met" : "TARGETS NOT MET");
    }

    private static void row(PrintStream out, String name, double micros, double baseline, String note) {
        out.printf(Locale.ROOT, "%-44s %12.1f %9.2fx  %s%n", name, micros, micros / baseline, note);
    }

    static void json(FpBenchmark.Figures f, PrintStream out) {
        FpBenchmark.Cone c = f.cone();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("network", f.network());
        m.put("parameters", f.parameters());
        m.put("samples", f.samples());
        m.put("spikesPerSample", f.spikesPerSample());
        m.put("outputSpikesPerSample", c.outputSpikesPerSample());
        m.put("spikesSolvedPerSample", c.spikesSolvedPerSample());
        m.put("forwardMsPerSample", f.simulateMicros() / 1e3);
        m.put("adjointMsPerSample", f.adjointMicros() / 1e3);
        m.put("fpMsPerSample", f.fpMicros() / 1e3);
        m.put("fdMsPerSample", f.finiteDifferenceMicros() / 1e3);
        m.put("coneForwardMsPerSample", c.coneSimulateMicros() / 1e3);
        m.put("adjointFullSolveMsPerSample", c.adjointFullMicros() / 1e3);
        m.put("fpFullSolveMsPerSample", c.fpFullMicros() / 1e3);
        m.put("adjointOverForward", f.adjointOverSimulate());
        m.put("fpOverForward", f.fpOverSimulate());
        m.put("maxOrderDifference", f.maxOrderDifference());
        m.put("maxDifferenceToFullSolve", c.maxDifferenceToFullSolve());
        m.put("fdSamples", f.fdSamples());
        m.put("targetsMet", targetsMet(f));
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot print the figures as JSON", e);
        }
    }
}
