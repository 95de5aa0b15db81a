package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.io.OutputSet;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.io.InputSpikesCsv;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.runtime.fp.GradientEngine;
import dev.spikeloop.runtime.fp.GradientMode;
import dev.spikeloop.runtime.fp.GradientsJson;
import dev.spikeloop.runtime.fp.TtfsLoss;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code spikeloop grad --model NET.json --input IN.csv --label K [--loss ttfs] [--tau0 S]
 * [--mode auto|fp|adjoint] --out GRAD.json}: exact spike-time gradients of one sample.
 */
@Command(name = "grad", mixinStandardHelpOptions = true,
        description = {"Exact gradients of a loss with respect to weights, recurrent weights and thresholds,",
                "at the simulated spike times (implicit function theorem; forward or adjoint order).",
                "Writes JSON: loss, spikes, gradWeights, gradRecurrent, gradThreshold."})
public final class GradCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "NET.json", description = "Float network (spikeloop-network/1).")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "IN.csv", description = "Input spikes, CSV 'time,channel'.")
    Path input;

    @Option(names = "--label", required = true, paramLabel = "K", description = "Target class (output neuron index).")
    int label;

    @Option(names = "--loss", defaultValue = "ttfs", paramLabel = "NAME", description = "Loss: ttfs (default).")
    String loss;

    @Option(names = "--tau0", paramLabel = "SECONDS",
            description = "Softmax scale of the ttfs loss (default: tauSyn of the output layer).")
    Double tau0;

    @Option(names = "--gamma", defaultValue = "0", paramLabel = "G",
            description = "Weight of the regulariser gamma*(exp(t_label/tau1)-1) (default: 0, off).")
    double gamma;

    @Option(names = "--tau1", paramLabel = "SECONDS",
            description = "Time scale of the regulariser (default: tauMem of the output layer).")
    Double tau1;

    @Option(names = "--mode", defaultValue = "auto", paramLabel = "MODE",
            description = "Solution order: fp (forward substitution), adjoint, or auto, the cheaper of the two"
                    + " (both exact; one of: ${COMPLETION-CANDIDATES}; default: ${DEFAULT-VALUE}).")
    GradientOrder mode;

    @Option(names = "--out", required = true, paramLabel = "GRAD.json", description = "Output JSON file.")
    Path out;

    @Override
    public Integer call() throws java.io.IOException {
        try (OutputSet outputs = new OutputSet()) {
            Path file = outputs.file("--out", out);
            grad(file);
            outputs.commit();
        }
        return 0;
    }

    private void grad(Path file) {
        boolean auto = mode == GradientOrder.AUTO;
        GradientMode gradientMode = mode.mode();
        if (!loss.equalsIgnoreCase("ttfs")) {
            throw new IllegalArgumentException("--loss: unknown loss '" + loss + "' (known: ttfs)");
        }
        FloatNetwork net = NetworkJson.read(model);
        int outputs = net.outputLayer().size();
        if (label < 0 || label >= outputs) {
            throw new IllegalArgumentException("--label " + label + " is out of range: the output layer has "
                    + outputs + " neurons (0.." + (outputs - 1) + ")");
        }
        double scale = tau0 != null ? tau0 : net.outputLayer().tauSyn();
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("--tau0 must be a finite number > 0 seconds, got " + scale);
        }
        double regulariserScale = tau1 != null ? tau1 : net.outputLayer().tauMem();
        if (!(regulariserScale > 0) || !Double.isFinite(regulariserScale)) {
            throw new IllegalArgumentException("--tau1 must be a finite number > 0 seconds, got " + regulariserScale);
        }
        if (!(gamma >= 0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("--gamma must be a finite number >= 0, got " + gamma);
        }
        InputSpikes in = InputSpikesCsv.read(input, net.inputs());
        SimulateCommand.printIgnored(in, net);
        TtfsLoss ttfs = new TtfsLoss(label, scale, gamma, regulariserScale);
        GradientEngine.Result result = new GradientEngine(gradientMode).simulateWithSpikes(net, in, ttfs);
        GradientsJson.write(file, result.spikes(), result.gradients(), gradientMode);
        System.out.println("wrote " + out + ": loss " + result.gradients().loss() + " (ttfs, label " + label
                + ", tau0 " + scale + " s), " + result.spikes().count() + " spikes, "
                + gradientMode.name().toLowerCase(Locale.ROOT) + " order"
                + (auto ? " (auto: the cheaper exact order)" : ""));
    }
}
