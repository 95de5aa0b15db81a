package dev.spikeloop.cli.commands;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.network.spikedata.SpikeTrainDataset;
import dev.spikeloop.runtime.fp.BurstPenalty;
import dev.spikeloop.runtime.fp.CountLoss;
import dev.spikeloop.runtime.fp.GradientEngine;
import dev.spikeloop.runtime.fp.GradientMode;
import dev.spikeloop.runtime.fp.RegularisedLoss;
import dev.spikeloop.runtime.sim.SpikeRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * {@code spikeloop bench temporal --model NET.json --data DATA.h5}: per-sample cost of simulation plus
 * exact gradient (the temporal count loss with the burst penalty, or a membrane readout's loss) on one thread, for samples at spike-count
 * percentiles of the data set, so that the growth with the number of spikes can be read off
 * (docs/benchmarks.md).
 */
@Command(name = "temporal", mixinStandardHelpOptions = true,
        description = {"Simulation + exact gradient per sample (the model's loss: count, or membrane for a readout; one thread) at spike-count percentiles "
                + "of a spike data set: input spikes, network spikes, time per sample and per 1000 spikes."})
public final class BenchTemporalCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "NET.json", description = "Float network.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "DATA.h5", description = "Spike data set.")
    Path data;

    @Option(names = "--mode", defaultValue = "ADJOINT", description = "Gradient order (default: ${DEFAULT-VALUE}).")
    GradientMode mode;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed runs per sample; the fastest counts (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() {
        FloatNetwork net = NetworkJson.read(model);
        SpikeTrainDataset d = SpikeDataFiles.read(data, "--data");
        SpikeDataChecks.requireEvaluable(d, data, ReadoutScoreChoice.classes(net), model.toString());
        Integer[] order = IntStream.range(0, d.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(i -> d.sample(i).count()));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        GradientEngine engine = new GradientEngine(mode);
        // warm-up: the JIT compiles the hot loops before anything is timed
        for (int k = 0; k < Math.min(40, d.size()); k++) {
            int i = order[k * d.size() / Math.min(40, d.size())];
            engine.simulateAndGradient(net, d.input(i), loss(d, i, net));
        }
        System.out.printf(Locale.ROOT, "%s, %s: %d samples, %s order, one thread, best of %d%n", model, data, d.size(),
                mode, repeats);
        System.out.println("| percentile | input spikes | network spikes | duration (s) | time per sample (ms) | ms per 1000 spikes |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int pct : new int[] {5, 25, 50, 75, 95, 100}) {
            int i = order[Math.min(d.size() - 1, (int) Math.ceil(pct / 100.0 * d.size()) - 1)];
            InputSpikes in = d.input(i);
            double best = Double.POSITIVE_INFINITY;
            SpikeRecord rec = null;
            for (int r = 0; r < repeats; r++) {
                long t0 = mx.getCurrentThreadCpuTime();
                GradientEngine.Result res = engine.simulateWithSpikes(net, in, loss(d, i, net));
                best = Math.min(best, (mx.getCurrentThreadCpuTime() - t0) / 1e6);
                rec = res.spikes();
            }
            int inputs = d.sample(i).count();
            int spikes = rec.count();
            double[] t = d.sample(i).times();
            System.out.printf(Locale.ROOT, "| %d | %d | %d | %.3f | %.2f | %.2f |%n", pct, inputs, spikes,
                    t.length == 0 ? 0 : t[t.length - 1], best, 1000 * best / (inputs + spikes));
        }
        return 0;
    }

    /** The loss the model trains with: the count loss, or for a membrane readout its (windowed) membrane loss. */
    private static dev.spikeloop.runtime.fp.Loss loss(SpikeTrainDataset d, int i, FloatNetwork net) {
        if (!net.outputLayer().isSpiking()) {
            return new dev.spikeloop.runtime.train.MembraneRule(1.0, 0.05, 0.001,
                    dev.spikeloop.runtime.fp.ReadoutScore.of(net.outputLayer()),
                    dev.spikeloop.runtime.fp.ReadoutWindows.of(net.outputLayer())).loss(net, d.label(i), d.input(i));
        }
        return new RegularisedLoss(new CountLoss(d.label(i), 1.0, net.tEnd()), new BurstPenalty(0.05, 0.001));
    }
}
