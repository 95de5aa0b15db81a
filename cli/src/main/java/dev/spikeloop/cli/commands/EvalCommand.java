package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.io.ChipConfigFiles;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.data.DatasetCsv;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.data.YinYang;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.compiler.quantize.ChipMapping;
import dev.spikeloop.runtime.loop.ChipLayout;
import dev.spikeloop.runtime.loop.DeviceEvaluator;
import dev.spikeloop.runtime.loop.EmulatorDevice;
import dev.spikeloop.runtime.loop.LoopData;
import dev.spikeloop.runtime.train.Evaluation;
import dev.spikeloop.runtime.train.FloatEvaluator;
import dev.spikeloop.runtime.train.WorkerPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code spikeloop eval}: accuracy and confusion matrix of a float model ({@code --model}) or of a
 * chip configuration run on the emulator ({@code --config}), on a labelled CSV.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classify a labelled CSV and print the accuracy and the confusion matrix.",
                "--model MODEL.json: the float network, simulated exactly.",
                "--config CHIP.pb|json: the chip configuration on the bit-accurate emulator; input spikes go to "
                        + "the nearest step of the config's dt; the class is the output that fires first; outputs "
                        + "firing first in the same step tie and the lowest index wins (ties are counted).",
                "Both use the project's spike encoder (docs/training.md)."})
public final class EvalCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "MODEL.json",
            description = "Float network; with --config it only supplies the chip layout (layers, tEnd).")
    Path model;

    @Option(names = "--config", paramLabel = "CHIP.pb|CHIP.json", description = "Chip configuration to run on the emulator.")
    Path config;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv|DATA.h5",
            description = "Labelled data: CSV (x,y,label or f0,...,label) or a spike data set (.h5, docs/data.md).")
    Path data;

    @Option(names = "--t-end", defaultValue = "0.040",
            description = "With --config and no --model: the float end time the chip run covers, seconds (default: ${DEFAULT-VALUE}).")
    double tEnd;

    @Option(names = "--loss", defaultValue = "auto", paramLabel = "LOSS",
            description = "Decision rule for a spike data set: count (largest time-weighted spike count), ttfs (first "
                    + "spike), membrane (largest mean output membrane, read from the device); auto = membrane for a "
                    + "model (or configuration) with a membrane readout, else count (one of: ${COMPLETION-CANDIDATES}; "
                    + "default: ${DEFAULT-VALUE}). CSV data always uses ttfs.")
    LossChoice loss;

    @Option(names = "--readout-score", paramLabel = "mean|max",
            description = "Membrane decision: the largest mean or the largest maximum of the output membranes over the "
                    + "window. Default: the score the model file records (train writes it); a contradicting value is "
                    + "refused. With --config and no --model: mean unless given (one of: ${COMPLETION-CANDIDATES}).")
    dev.spikeloop.runtime.fp.ReadoutScore readoutScore;

    @Option(names = "--readout-windows", paramLabel = "W",
            description = "Membrane decision: readout windows per class. Default: what the model file records; a "
                    + "contradicting value is refused. With --config and no --model: 1 unless given.")
    Integer readoutWindows;

    @Option(names = "--threads", description = "Worker threads for --model (default: the available cores, at most 2).")
    Integer threads;

    @Override
    public Integer call() throws java.io.IOException {
        if (model == null && config == null) {
            throw new IllegalArgumentException("give --model MODEL.json or --config CHIP.pb|json");
        }
        if (SpikeDataFiles.isSpikeData(data)) {
            return EvalOnSpikeData.run(this); // a spike data set (docs/data.md)
        }
        LabelledDataset d = DatasetCsv.read(data);
        SpikeEncoder encoder = SpikeEncoder.DEFAULT;
        FloatNetwork net = model == null ? null : NetworkJson.read(model);
        Evaluation e;
        String what;
        if (config != null) {
            ChipConfig chip = ChipConfigFiles.read(config);
            if (net != null) {
                requireSameShape(net, chip);
            }
            ChipLayout layout = net != null ? ChipLayout.of(net, chip.getDtSeconds()) : singleHiddenLayer(chip);
            if (encoder.channels(d.featureCount()) != chip.getNumInputs()) {
                throw new IllegalArgumentException(data + ": " + d.featureCount() + " features are encoded to "
                        + encoder.channels(d.featureCount()) + " input channels, but the configuration has "
                        + chip.getNumInputs() + " inputs");
            }
            try (EmulatorDevice device = new EmulatorDevice()) {
                device.apply(chip);
                e = new DeviceEvaluator(device, layout).evaluate(LoopData.encode(d, encoder, chip.getDtSeconds()));
            }
            what = String.format(Locale.ROOT, "%s on the emulator (dt %s s, %d steps per sample)", config,
                    chip.getDtSeconds(), layout.steps());
        } else {
            if (encoder.channels(d.featureCount()) != net.inputs()) {
                throw new IllegalArgumentException(data + ": " + d.featureCount() + " features are encoded to "
                        + encoder.channels(d.featureCount()) + " input channels, but " + model + " has "
                        + net.inputs() + " inputs");
            }
            int n = threads != null ? threads : Math.min(2, Runtime.getRuntime().availableProcessors());
            try (WorkerPool pool = new WorkerPool(n)) {
                e = new FloatEvaluator(net, encoder, 1.0, pool).evaluate(d);
            }
            what = model + " (float model)";
        }
        List<String> names = d.isPlane() && e.classes() == YinYang.CLASSES ? YinYang.CLASS_NAMES : new ArrayList<>();
        System.out.println(what + ", " + data + ":");
        System.out.print(e.format(names));
        return 0;
    }

    /** A --model that is not the network the configuration holds would map spikes to the wrong layers. */
    private void requireSameShape(FloatNetwork net, ChipConfig chip) {
        int hidden = 0;
        for (int l = 0; l < net.layerCount() - 1; l++) {
            hidden += net.layer(l).size();
        }
        if (net.inputs() != chip.getNumInputs() || hidden != chip.getNumHidden()
                || net.outputLayer().size() != chip.getNumOutputs()) {
            throw new IllegalArgumentException("--model " + model + " has " + net.inputs() + " inputs, " + hidden
                    + " hidden and " + net.outputLayer().size() + " output neurons, but --config " + config + " has "
                    + chip.getNumInputs() + ", " + chip.getNumHidden() + " and " + chip.getNumOutputs()
                    + "; give the model the configuration was compiled from, or leave out --model");
        }
    }

    /**
     * The layout when only a configuration is given: all hidden neurons as one layer, placed as the
     * compiler places a one-hidden-layer network (its {@link ChipMapping}), at the configuration's step.
     */
    ChipLayout singleHiddenLayer(ChipConfig chip) {
        return singleHiddenLayer(chip, tEnd);
    }

    /** The same with the float window {@code window} (seconds). */
    ChipLayout singleHiddenLayer(ChipConfig chip, double window) {
        ChipMapping mapping = new ChipMapping(chip.getNumInputs(), new int[] {0}, new int[] {chip.getNumHidden()},
                chip.getNumOutputs());
        return ChipLayout.of(mapping, chip.getDtSeconds(), window);
    }
}
