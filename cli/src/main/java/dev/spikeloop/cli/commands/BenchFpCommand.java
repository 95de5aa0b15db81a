package dev.spikeloop.cli.commands;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.runtime.bench.FpBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code spikeloop bench fp [--model NET.json --inputs DIR] [--json]}: forward simulation vs adjoint vs
 * FP vs central finite differences, one thread, in one run (by default on a 5-120-3 network with Yin-Yang
 * inputs); then a batch in parallel.
 */
@Command(name = "fp", mixinStandardHelpOptions = true,
        description = {"Time one forward simulation, one exact gradient in each order (adjoint, fp; with and without",
                "the loss's causal cone) and the central finite-difference gradient (one thread, same run), then a",
                "batch sequentially and in parallel across cores. Default: a 5-120-3 network with Yin-Yang inputs;",
                "--model/--inputs: your network and input spike files (ttfs loss, label = file index mod outputs)."})
public final class BenchFpCommand implements Callable<Integer> {
    @Option(names = "--hidden", defaultValue = "120", description = "Hidden layer size (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--samples", defaultValue = "200",
            description = "Samples per timing round; with --inputs, at most this many files (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--fd-samples", defaultValue = "3",
            description = "Samples for the finite-difference gradient (default: ${DEFAULT-VALUE}).")
    int fdSamples;

    @Option(names = "--rounds", description = "Timing rounds, best counts (default: 12, or 5 with --inputs).")
    Integer rounds;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of network and data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--model", paramLabel = "NET.json", description = "Float network to measure (needs --inputs).")
    Path model;

    @Option(names = "--inputs", paramLabel = "DIR",
            description = "Directory of input spike files, CSV 'time,channel', one sample per file (needs --model).")
    Path inputs;

    @Option(names = "--tau0", paramLabel = "SECONDS",
            description = "Softmax scale of the ttfs loss with --model (default: tauSyn of the output layer).")
    Double tau0;

    @Option(names = "--json", description = "Print the figures as JSON (times in ms per sample, one thread).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if ((model == null) != (inputs == null)) {
            throw new IllegalArgumentException("--model and --inputs go together: give both or neither");
        }
        if (samples < 1) {
            throw new IllegalArgumentException("--samples must be >= 1, got " + samples);
        }
        FpBenchmark bench;
        if (model != null) {
            FloatNetwork net = NetworkJson.read(model);
            double scale = tau0 != null ? tau0 : net.outputLayer().tauSyn();
            if (!(scale > 0) || !Double.isFinite(scale)) {
                throw new IllegalArgumentException("--tau0 must be a finite number > 0 seconds, got " + scale);
            }
            var work = FpBenchmark.ttfsWorkload(model.getFileName().toString(), net,
                    FpBenchInputs.read(inputs, net, samples), scale);
            bench = new FpBenchmark(work, fdSamples, rounds != null ? rounds : 5);
        } else {
            bench = new FpBenchmark(hidden, samples, fdSamples, rounds != null ? rounds : 12, seed);
        }
        FpBenchmark.Figures f = bench.run();
        if (json) {
            FpBenchReport.json(f, System.out);
        } else {
            FpBenchReport.table(f, System.out);
        }
        return 0;
    }
}
