package dev.spikeloop.emulator.bench;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.emulator.xylo.DenseReferenceEmulator;
import dev.spikeloop.chipconfig.spikes.EmulationResult;
import dev.spikeloop.emulator.xylo.SparseSynapses;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.emulator.xylo.XyloCore;
import dev.spikeloop.emulator.xylo.XyloEmulator;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Measures the event-driven {@link XyloEmulator} against the {@link DenseReferenceEmulator} on the
 * same full-size network and input in one run (single thread), after a JIT warm-up, and checks that
 * both produce the same spikes over the steps they share.
 */
public final class EmulatorBench {
    private EmulatorBench() {
    }

    /**
     * @param fastSteps   steps per timed run of the fast emulator
     * @param denseSteps  steps per timed run of the dense reference (it is ~100x slower)
     * @param repeats     timed runs of each; the median is reported
     * @param inputRateHz mean input rate per channel
     * @param seed        seed of network and input
     */
    public record Settings(int fastSteps, int denseSteps, int repeats, double inputRateHz, long seed) {
        public Settings {
            if (fastSteps < 1 || denseSteps < 1 || repeats < 1) {
                throw new IllegalArgumentException("steps and repeats must be >= 1");
            }
            if (denseSteps > fastSteps) {
                throw new IllegalArgumentException("dense steps (" + denseSteps + ") must not exceed fast steps ("
                        + fastSteps + "), the dense run is checked against the fast one's first steps");
            }
        }

        /** 50 000 fast steps, 300 dense steps, 5 repeats, 100 Hz inputs, seed 1. */
        public static Settings defaults() {
            return new Settings(50_000, 300, 5, 100.0, 1L);
        }
    }

    /**
     * @param network            the network measured
     * @param dtSeconds          time step
     * @param fastSteps          steps per fast run
     * @param fastSeconds        median wall time of a fast run
     * @param fastSynapticEvents synaptic events (spike count x fan-out) in a fast run
     * @param denseSteps         steps per dense run
     * @param denseSeconds       median wall time of a dense run
     * @param denseSynapticEvents synaptic events in a dense run
     * @param hiddenRateHz       mean hidden firing rate in the fast run
     * @param inputRateHz        mean input rate per channel
     * @param identical          whether the dense run's spikes equal the fast run's first steps
     * @param fastCpuSeconds     median CPU time of the benchmark thread in a fast run
     * @param denseCpuSeconds    median CPU time of the benchmark thread in a dense run
     */
    public record Result(SyntheticNetwork network, double dtSeconds, int fastSteps, double fastSeconds,
                         long fastSynapticEvents, int denseSteps, double denseSeconds, long denseSynapticEvents,
                         double hiddenRateHz, double inputRateHz, boolean identical, double fastCpuSeconds,
                         double denseCpuSeconds) {
        public double fastStepsPerSecond() {
            return fastSteps / fastSeconds;
        }

        public double denseStepsPerSecond() {
            return denseSteps / denseSeconds;
        }

        public double fastEventsPerSecond() {
            return fastSynapticEvents / fastSeconds;
        }

        public double denseEventsPerSecond() {
            return denseSynapticEvents / denseSeconds;
        }

        /** Fast over dense, in steps per second. */
        public double speedup() {
            return fastStepsPerSecond() / denseStepsPerSecond();
        }

        /** Simulated time over wall time for the fast emulator. */
        public double fastRealTimeFactor() {
            return fastStepsPerSecond() * dtSeconds;
        }

        /** Simulated time over wall time for the dense reference. */
        public double denseRealTimeFactor() {
            return denseStepsPerSecond() * dtSeconds;
        }

        /** Fast steps per second of the thread's CPU time: the one-core rate even on a busy machine. */
        public double fastStepsPerCpuSecond() {
            return fastSteps / fastCpuSeconds;
        }

        /** Dense steps per second of the thread's CPU time. */
        public double denseStepsPerCpuSecond() {
            return denseSteps / denseCpuSeconds;
        }

        /** Fast over dense, in steps per CPU second. */
        public double cpuSpeedup() {
            return fastStepsPerCpuSecond() / denseStepsPerCpuSecond();
        }
    }

    /** Runs the benchmark; {@code progress} receives one line per phase. */
    public static Result run(Settings settings, Consumer<String> progress) {
        SyntheticNetwork network = SyntheticNetwork.fullSize(settings.seed());
        ChipConfig config = network.build();
        double dt = config.getDtSeconds();
        SpikeRaster input = SyntheticInput.poisson(config.getNumInputs(), settings.fastSteps(), settings.inputRateHz(),
                dt, settings.seed() + 1);
        XyloEmulator fast = new XyloEmulator(config);
        DenseReferenceEmulator dense = new DenseReferenceEmulator(config);

        progress.accept("warming up the JIT");
        timed(fast, input, Math.min(settings.fastSteps(), 20_000));
        timed(dense, input, Math.min(settings.denseSteps(), 200));

        progress.accept("timing the fast emulator: " + settings.repeats() + " x " + settings.fastSteps() + " steps");
        double[] fastTimes = new double[settings.repeats()];
        double[] fastCpu = new double[settings.repeats()];
        EmulationResult fastResult = null;
        for (int r = 0; r < settings.repeats(); r++) {
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            fastResult = timed(fast, input, settings.fastSteps());
            fastTimes[r] = (System.nanoTime() - t0) / 1e9;
            fastCpu[r] = (cpuNanos() - c0) / 1e9;
        }
        progress.accept("timing the dense reference: " + settings.repeats() + " x " + settings.denseSteps() + " steps");
        double[] denseTimes = new double[settings.repeats()];
        double[] denseCpu = new double[settings.repeats()];
        EmulationResult denseResult = null;
        for (int r = 0; r < settings.repeats(); r++) {
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            denseResult = timed(dense, input, settings.denseSteps());
            denseTimes[r] = (System.nanoTime() - t0) / 1e9;
            denseCpu[r] = (cpuNanos() - c0) / 1e9;
        }
        int ds = settings.denseSteps();
        boolean identical = fastResult.outputs().window(0, ds).equals(denseResult.outputs())
                && fastResult.hidden().window(0, ds).equals(denseResult.hidden());
        double hiddenRate = fastResult.hidden().totalCount() / (double) config.getNumHidden()
                / (settings.fastSteps() * dt);
        return new Result(network, dt, settings.fastSteps(), median(fastTimes),
                synapticEvents(fast, input, fastResult.hidden(), settings.fastSteps()),
                ds, median(denseTimes), synapticEvents(fast, input, denseResult.hidden(), ds),
                hiddenRate, settings.inputRateHz(), identical, median(fastCpu), median(denseCpu));
    }

    /**
     * CPU time of this thread, so that the figures mean "on one core" even when other processes
     * share the machine; wall time is reported too.
     */
    private static long cpuNanos() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        return bean.isCurrentThreadCpuTimeSupported() ? bean.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Runs {@code steps} steps from reset on the first {@code steps} of {@code input}. */
    private static EmulationResult timed(XyloCore core, SpikeRaster input, int steps) {
        core.reset();
        return core.run(input.window(0, steps), steps, false);
    }

    /**
     * The synaptic additions a run performed: each input spike (count clipped to 15) times its
     * channel's fan-out, each hidden spike of steps {@code 0..steps-2} times its recurrent plus output
     * fan-out (the last step's spikes are delivered in the next run).
     */
    static long synapticEvents(XyloEmulator fast, SpikeRaster input, SpikeRaster hidden, int steps) {
        SparseSynapses in = fast.inputSynapses();
        SparseSynapses rec = fast.recurrentSynapses();
        SparseSynapses out = fast.outputSynapses();
        long events = 0;
        for (int k = 0; k < input.size(); k++) {
            if (input.step(k) < steps) {
                events += (long) Math.min(input.count(k), ChipProfile.XYLO_AUDIO2.maxInputCount()) * in.rowLength(input.neuron(k));
            }
        }
        for (int k = 0; k < hidden.size(); k++) {
            if (hidden.step(k) < steps - 1) {
                int j = hidden.neuron(k);
                events += (long) hidden.count(k) * (rec.rowLength(j) + out.rowLength(j));
            }
        }
        return events;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
