package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.network.spikedata.SpikeTrainDataset;
import dev.spikeloop.runtime.fp.ReadoutScore;
import dev.spikeloop.runtime.fp.ReadoutWindows;
import dev.spikeloop.runtime.loop.ChipAwareTraining;
import dev.spikeloop.runtime.train.FloatEvaluator;
import dev.spikeloop.runtime.train.ForwardModel;
import dev.spikeloop.runtime.train.MembraneRule;
import dev.spikeloop.runtime.train.ReadoutRefit;
import dev.spikeloop.runtime.train.WorkerPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code spikeloop refit}: fits a trained network's membrane readout to convergence with its hidden layers
 * fixed ({@link ReadoutRefit}), on the network the chip computes ({@code --chip-dt}) or the float one.
 */
@Command(name = "refit", mixinStandardHelpOptions = true,
        description = {"Fit the weights of a trained network's membrane readout (mean score, any readout windows) to "
                + "convergence with the hidden layers held fixed: full-batch Adam on the exact gradient of the "
                + "training loss, which is convex in them. With --chip-dt the hidden spikes are those of the "
                + "network the compiler makes (chip-aware), as in train --chip-dt. Prints the training loss and "
                + "accuracy before and after and the validation accuracy of both; writes the refitted model."})
public final class RefitCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "Trained network with a membrane readout.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "TRAIN.h5", description = "Training spike data set.")
    Path data;

    @Option(names = "--validation", paramLabel = "VAL.h5", description = "Validation spike data set (reported only).")
    Path validation;

    @Option(names = "--out", required = true, paramLabel = "OUT.json", description = "The refitted model (written atomically).")
    Path out;

    @Option(names = "--iterations", defaultValue = "2000", description = "Full-batch Adam steps (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--lr", defaultValue = "0.01", description = "Adam step size (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--l2", defaultValue = "0.001", description = "Weight of l2/2 |W|^2 on the readout weights (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--beta", defaultValue = "1.0", description = "Softmax temperature of the loss, as in train (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--chip-dt", paramLabel = "SECONDS",
            description = "Fit for the chip at this step: hidden spikes of the compiled network (as train --chip-dt).")
    Double chipDt;

    @Option(names = "--chip", paramLabel = "PROFILE", description = "Chip profile for --chip-dt (default: xylo-audio2).")
    String chip;

    @Option(names = "--threads", description = "Worker threads (default: the available cores, at most 2).")
    Integer threads;

    @Override
    public Integer call() {
        FloatNetwork net = NetworkJson.read(model);
        if (net.outputLayer().isSpiking()) {
            throw new IllegalArgumentException(model + ": the output layer spikes; refit needs a membrane readout "
                    + "(train --loss membrane)");
        }
        SpikeTrainDataset train = SpikeDataFiles.read(data, "--data");
        SpikeDataChecks.requireEvaluable(train, data, ReadoutScoreChoice.classes(net), model.toString());
        SpikeTrainDataset val = validation == null ? null : SpikeDataFiles.read(validation, "--validation");
        if (val != null) {
            SpikeDataChecks.requireEvaluable(val, validation, ReadoutScoreChoice.classes(net), model.toString());
        }
        ForwardModel forward = ForwardModel.FLOAT;
        if (chipDt != null) {
            ChipProfile profile = chip == null ? ChipProfile.XYLO_AUDIO2 : ChipProfile.require(chip);
            forward = new ChipAwareTraining(CompileOptions.defaults().withDt(chipDt).withProfile(profile.name()))
                    .forwardModel();
        }
        ReadoutRefit refit = new ReadoutRefit(iterations, lr, l2, beta);
        MembraneRule rule = new MembraneRule(beta, 0, 1, ReadoutScore.of(net.outputLayer()),
                ReadoutWindows.of(net.outputLayer()));
        int n = threads != null ? threads : Math.min(2, Runtime.getRuntime().availableProcessors());
        long t0 = System.nanoTime();
        try (WorkerPool pool = new WorkerPool(n)) {
            ReadoutRefit.Result r = refit.fit(net, forward, train, pool);
            System.out.printf(Locale.ROOT, "readout refit on %d samples (%s hidden spikes, %d iterations, lr %s, l2 %s): "
                            + "training loss %.4f -> %.4f, accuracy %.2f%% -> %.2f%%%n", train.size(), forward.name(),
                    iterations, lr, l2, r.lossBefore(), r.lossAfter(), 100 * r.accuracyBefore(), 100 * r.accuracyAfter());
            if (val != null) {
                for (String which : new String[] {"before", "after"}) {
                    FloatNetwork m = which.equals("before") ? net : r.network();
                    double flt = new FloatEvaluator(m, SpikeEncoder.DEFAULT, rule, pool).evaluate(val).accuracy();
                    double onChip = forward == ForwardModel.FLOAT ? Double.NaN
                            : new FloatEvaluator(forward.apply(m), SpikeEncoder.DEFAULT, rule, pool).evaluate(val).accuracy();
                    System.out.printf(Locale.ROOT, "validation %s: float %.2f%%%s%n", which, 100 * flt,
                            Double.isNaN(onChip) ? "" : String.format(Locale.ROOT, ", compiled network (quantised forward "
                                    + "pass) %.2f%%", 100 * onChip));
                }
            }
            NetworkJson.write(r.network(), out);
        }
        System.out.printf(Locale.ROOT, "wrote %s (%.1f s)%n", out, (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
