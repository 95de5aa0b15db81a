package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.io.ChipConfigFiles;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.network.spikedata.SpikeSample;
import dev.spikeloop.network.spikedata.SpikeTrainDataset;
import dev.spikeloop.runtime.loop.ChipLayout;
import dev.spikeloop.runtime.loop.DeviceEvaluator;
import dev.spikeloop.runtime.loop.EmulatorDevice;
import dev.spikeloop.runtime.loop.LoopData;
import dev.spikeloop.runtime.train.DecisionRule;
import dev.spikeloop.runtime.train.Evaluation;
import dev.spikeloop.runtime.train.FirstSpikeReadout;
import dev.spikeloop.runtime.train.FloatEvaluator;
import dev.spikeloop.runtime.train.GroupAccuracy;
import dev.spikeloop.runtime.train.WorkerPool;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * {@code eval --data DATA.h5}: the float model or the chip configuration on a spike data set, decided
 * by the rule of {@code --loss} (default for spike data: the temporal count rule, computed from the
 * output spike times the simulator or the device returns), with accuracy per speaker from the data
 * set's metadata. On the chip the spikes go to the nearest step of the configuration's dt; a sample
 * with more spikes in one step and channel than the chip takes is an error naming it. Sizes are
 * checked before anything runs.
 */
final class EvalOnSpikeData {
    private EvalOnSpikeData() {
    }

    static int run(EvalCommand c) throws IOException {
        SpikeTrainDataset d = SpikeDataFiles.read(c.data, "--data");
        SpikeDataChecks.requireNotEmpty(d, c.data);
        FloatNetwork net = c.model == null ? null : NetworkJson.read(c.model);
        ChipConfig given = c.config == null ? null : ChipConfigFiles.read(c.config);
        DecisionRule rule = TemporalTrainingOptions.forEval(c.loss, true, net != null ? !net.outputLayer().isSpiking()
                : MembraneReadouts.looksLikeReadout(given), ReadoutScoreChoice.resolve(c.readoutScore, net, c.model));
        rule = ReadoutScoreChoice.withWindows(rule, net, c.readoutWindows, c.model);
        if (rule.readsMembranes() && net == null && c.readoutScore == null) {
            System.out.println("note: without --model the membrane readout's score is assumed mean; give --model "
                    + "MODEL.json (its recorded score) or --readout-score max for a model trained with max");
        }
        if (rule.readsMembranes() && net != null && net.outputLayer().isSpiking()) {
            throw new IllegalArgumentException("--loss membrane: the output layer of " + c.model + " spikes; the membrane "
                    + "rule needs a model trained with a membrane readout (train --loss membrane)");
        }
        FirstSpikeReadout.Decision[] decisions;
        String what;
        int classes;
        if (c.config != null) {
            ChipConfig chip = given;
            if (d.channels() > chip.getNumInputs()) {
                throw new IllegalArgumentException(c.data + ": " + d.channels() + " channels exceed the "
                        + chip.getNumInputs() + " inputs of " + c.config);
            }
            if (d.channels() != chip.getNumInputs()) {
                throw new IllegalArgumentException(c.data + ": " + d.channels() + " channels, but the configuration has "
                        + chip.getNumInputs() + " inputs");
            }
            classes = rule.classes(chip.getNumOutputs());
            SpikeDataChecks.requireEvaluable(d, c.data, classes, c.config.toString());
            ChipLayout layout;
            if (net != null) {
                layout = ChipLayout.of(net, chip.getDtSeconds());
            } else {
                // Without the model the trained window (and the count rule's deadline) is unknown: cover the
                // longest sample plus --t-end, so no sample is cut short, and say so.
                double window = SpikeDataFiles.endTime(0, c.tEnd, d);
                layout = c.singleHiddenLayer(chip, window);
                System.out.printf(Locale.ROOT, "note: without --model the window is the longest sample plus --t-end "
                        + "(%.3f s); give --model MODEL.json for the window and deadline the model was trained with%n",
                        window);
            }
            int limit = ChipProfile.byName(chip.getProfile()).orElse(ChipProfile.XYLO_AUDIO2).maxInputCount();
            try (EmulatorDevice device = new EmulatorDevice()) {
                device.apply(chip);
                decisions = new DeviceEvaluator(device, layout, rule)
                        .decisions(LoopData.encode(d, chip.getDtSeconds(), limit));
            }
            what = String.format(Locale.ROOT, "%s on the emulator (dt %s s, %d steps per sample)", c.config,
                    chip.getDtSeconds(), layout.steps());
        } else {
            if (d.channels() > net.inputs()) {
                throw new IllegalArgumentException(c.data + ": " + d.channels() + " channels exceed the " + net.inputs()
                        + " inputs of " + c.model);
            }
            if (d.channels() != net.inputs()) {
                throw new IllegalArgumentException(c.data + ": " + d.channels() + " channels, but " + c.model + " has "
                        + net.inputs() + " inputs");
            }
            classes = rule.classes(net.outputLayer().size());
            SpikeDataChecks.requireEvaluable(d, c.data, classes, c.model.toString());
            int n = c.threads != null ? c.threads : Math.min(2, Runtime.getRuntime().availableProcessors());
            try (WorkerPool pool = new WorkerPool(n)) {
                decisions = new FloatEvaluator(net, SpikeEncoder.DEFAULT, rule, pool).decisions(d);
            }
            what = c.model + " (float model)";
        }
        int[] labels = new int[d.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = d.label(i);
        }
        Evaluation e = GroupAccuracy.evaluation(classes, labels, decisions);
        System.out.println(what + ", " + c.data + " (" + rule.name() + " decision):");
        if (rule instanceof dev.spikeloop.runtime.train.MembraneRule m) {
            System.out.println("membrane readout score: " + m.score()
                    + (m.windows().count() > 1 ? ", " + m.windows().count() + " windows per class over each sample's span"
                    : "") + (net == null ? "" : " (as recorded in " + c.model + ")"));
        }
        System.out.print(e.format(d.classNames()));
        List<String> speakers = d.samples().stream().map(SpikeSample::speaker).toList();
        System.out.print(GroupAccuracy.of(speakers, labels, decisions).format("speaker"));
        return 0;
    }
}
