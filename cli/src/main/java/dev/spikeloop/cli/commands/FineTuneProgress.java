package dev.spikeloop.cli.commands;

import dev.spikeloop.runtime.loop.ChipCalibration;
import dev.spikeloop.runtime.loop.FineTuneEpoch;
import dev.spikeloop.runtime.loop.FineTuneListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows a fine-tuning run on the console: a progress bar per epoch (on stderr) with the running
 * loss and accuracy of the device on the training batches, and one summary line per epoch (stdout).
 */
final class FineTuneProgress implements FineTuneListener {
    private final PrintStream out;
    private final String label;
    private int epochs;
    private int batches;
    private ProgressBar bar;

    FineTuneProgress(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    @Override
    public void calibrated(ChipCalibration.Result calibration) {
        out.println("calibrated from the device's spikes: " + calibration.describe());
    }

    @Override
    public void started(int firstEpoch, int epochs, int batchesPerEpoch) {
        this.epochs = epochs;
        this.batches = batchesPerEpoch;
        if (firstEpoch > 0) {
            out.printf(Locale.ROOT, "resuming after epoch %d of %d%n", firstEpoch, epochs);
        }
    }

    @Override
    public void batchDone(int epoch, int batch, double loss, double accuracy) {
        if (bar == null) {
            bar = ProgressBars.build(new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "%s %d/%d", label, epoch + 1, epochs))
                    .setInitialMax(batches).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                    .setMaxRenderedLength(100));
        }
        bar.stepTo(batch + 1);
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.3f acc %.1f%%", loss, 100 * accuracy));
    }

    @Override
    public void epochDone(FineTuneEpoch e, boolean best) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        out.printf(Locale.ROOT, "epoch %3d  train loss %.4f acc %5.1f%%  device validation loss %.4f acc %5.1f%%%s"
                        + "  (%d writes, guards: %d clamped, %d dropped, %.1f s)%n",
                e.stats().epoch() + 1, e.stats().trainLoss(), 100 * e.stats().trainAccuracy(),
                e.stats().validationLoss(), 100 * e.stats().validationAccuracy(), best ? " *" : "  ",
                e.flashes(), e.guards().clampedSlopes(), e.guards().droppedSpikes(), e.stats().seconds());
    }
}
