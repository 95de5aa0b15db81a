package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.io.OutputSet;
import dev.spikeloop.emulator.io.SpikeCsv;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The input and output spike files that {@code emulate} and {@code run} share, so that a board
 * run and an emulation read and write exactly the same files.
 */
final class RasterFileOptions {
    @Option(names = "--input", required = true, paramLabel = "IN.csv", description = "Input spikes: step,channel,count.")
    Path input;

    @Option(names = "--steps", paramLabel = "N",
            description = "Number of steps to run (default: up to the last input step).")
    Integer steps;

    @Option(names = "--out", required = true, paramLabel = "OUT.csv", description = "Output spikes: step,neuron,count.")
    Path out;

    @Option(names = "--hidden-out", paramLabel = "HID.csv", description = "Hidden spikes: step,neuron,count.")
    Path hiddenOut;

    private Path stagedOut;
    private Path stagedHidden;

    /** Declares the spike files in the command's output set (before any work). */
    void declare(OutputSet outputs) throws IOException {
        stagedOut = outputs.file("--out", out);
        stagedHidden = hiddenOut == null ? null : outputs.file("--hidden-out", hiddenOut);
    }

    /** Where {@code --out} is being written (the staged file, after {@link #declare}). */
    Path stagedOut() {
        return stagedOut;
    }

    /** Where {@code --hidden-out} is being written, or null when it was not given. */
    Path stagedHidden() {
        return stagedHidden;
    }

    /** Fails early on a negative {@code --steps}, before any port or file is opened. */
    void checkSteps() {
        if (steps != null && steps < 0) {
            throw new IllegalArgumentException("--steps must be >= 0, got " + steps);
        }
    }

    /** Reads the input for a chip with {@code channels} inputs; rows at or beyond {@code --steps} are errors. */
    SpikeRaster readInput(int channels) throws IOException {
        checkSteps();
        return SpikeCsv.readInput(input, channels, steps == null ? Integer.MAX_VALUE : steps);
    }

    /** The number of steps to run: {@code --steps}, or one past the last input event. */
    int stepsFor(SpikeRaster in) {
        int n = steps != null ? steps : in.endStep();
        if (n == 0 && steps == null) {
            throw new IllegalArgumentException(input + " has no input events; give the number of steps with --steps N");
        }
        return n;
    }

    /** Writes the output spikes, and the hidden ones when {@code --hidden-out} was given. */
    void writeSpikes(SpikeRaster outputs, SpikeRaster hidden) throws IOException {
        SpikeCsv.writeSpikes(outputs, stagedOut);
        if (stagedHidden != null) {
            SpikeCsv.writeSpikes(hidden, stagedHidden);
        }
    }
}
