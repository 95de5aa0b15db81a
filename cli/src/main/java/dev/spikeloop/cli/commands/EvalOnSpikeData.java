package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.io.ChipConfigFiles;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.network.spikedata.SpikeTrainDataset;
import dev.spikeloop.runtime.loop.ChipLayout;
import dev.spikeloop.runtime.loop.DeviceEvaluator;
import dev.spikeloop.runtime.loop.EmulatorDevice;
import dev.spikeloop.runtime.loop.LoopData;
import dev.spikeloop.runtime.train.Evaluation;
import dev.spikeloop.runtime.train.FloatEvaluator;
import dev.spikeloop.runtime.train.WorkerPool;
import java.io.IOException;
import java.util.Locale;

/**
 * {@code eval --data DATA.h5}: the float model or the chip configuration on a spike data set, with
 * the same first-spike decision as for a CSV (issue 16 brings the temporal readout). On the chip the
 * spikes go to the nearest step of the configuration's dt; a sample with more spikes in one step and
 * channel than the chip takes is an error naming it.
 */
final class EvalOnSpikeData {
    private EvalOnSpikeData() {
    }

    static int run(EvalCommand c) throws IOException {
        SpikeTrainDataset d = SpikeDataFiles.read(c.data, "--data");
        if (d.size() == 0) {
            throw new IllegalArgumentException(c.data + ": the data set is empty");
        }
        FloatNetwork net = c.model == null ? null : NetworkJson.read(c.model);
        Evaluation e;
        String what;
        if (c.config != null) {
            ChipConfig chip = ChipConfigFiles.read(c.config);
            if (d.channels() != chip.getNumInputs()) {
                throw new IllegalArgumentException(c.data + ": " + d.channels() + " channels, but the configuration has "
                        + chip.getNumInputs() + " inputs");
            }
            ChipLayout layout = net != null ? ChipLayout.of(net, chip.getDtSeconds()) : c.singleHiddenLayer(chip);
            int limit = ChipProfile.byName(chip.getProfile()).orElse(ChipProfile.XYLO_AUDIO2).maxInputCount();
            try (EmulatorDevice device = new EmulatorDevice()) {
                device.apply(chip);
                e = new DeviceEvaluator(device, layout).evaluate(LoopData.encode(d, chip.getDtSeconds(), limit));
            }
            what = String.format(Locale.ROOT, "%s on the emulator (dt %s s, %d steps per sample)", c.config,
                    chip.getDtSeconds(), layout.steps());
        } else {
            if (d.channels() != net.inputs()) {
                throw new IllegalArgumentException(c.data + ": " + d.channels() + " channels, but " + c.model + " has "
                        + net.inputs() + " inputs");
            }
            if (d.classCount() > net.outputLayer().size()) {
                throw new IllegalArgumentException(c.data + ": " + d.classCount() + " classes, but " + c.model + " has "
                        + net.outputLayer().size() + " outputs");
            }
            int n = c.threads != null ? c.threads : Math.min(2, Runtime.getRuntime().availableProcessors());
            try (WorkerPool pool = new WorkerPool(n)) {
                e = new FloatEvaluator(net, SpikeEncoder.DEFAULT, 1.0, pool).evaluate(d);
            }
            what = c.model + " (float model)";
        }
        System.out.println(what + ", " + c.data + " (first-spike decision):");
        System.out.print(e.format(d.classNames()));
        return 0;
    }
}
