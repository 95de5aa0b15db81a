package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.driver.board.BoardClient;
import dev.spikeloop.driver.board.RunResult;
import dev.spikeloop.emulator.io.SpikeCsv;
import dev.spikeloop.emulator.xylo.SpikeRaster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code spikeloop run}: runs input spikes on a flashed board; the same files as {@code emulate}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run input spikes on the configuration flashed on a board and write the output and hidden "
                + "spikes, in the same files as 'spikeloop emulate'.",
                "The network state is reset first (as the emulator starts from zero) unless --continue is given."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    BoardLinkOptions link;

    @Option(names = "--input", required = true, paramLabel = "IN.csv", description = "Input spikes: step,channel,count.")
    Path input;

    @Option(names = "--steps", paramLabel = "N",
            description = "Number of steps to run (default: up to the last input step).")
    Integer steps;

    @Option(names = "--out", required = true, paramLabel = "OUT.csv", description = "Output spikes: step,neuron,count.")
    Path out;

    @Option(names = "--hidden-out", paramLabel = "HID.csv", description = "Hidden spikes: step,neuron,count.")
    Path hiddenOut;

    @Option(names = "--continue", description = "Continue from the board's current state instead of resetting it.")
    boolean continueState;

    @Override
    public Integer call() throws IOException {
        if (steps != null && steps < 0) {
            throw new IllegalArgumentException("--steps must be >= 0, got " + steps);
        }
        try (BoardClient board = BoardClient.open(link.port, link.toLinkOptions())) {
            int channels = ChipProfile.byName(board.info().chipProfile()).map(ChipProfile::maxInputs)
                    .orElse(ChipProfile.XYLO_AUDIO2.maxInputs());
            SpikeRaster in = SpikeCsv.readInput(input, channels, steps == null ? Integer.MAX_VALUE : steps);
            int n = steps != null ? steps : in.endStep();
            if (n == 0 && steps == null) {
                throw new IllegalArgumentException(input + " has no input events; give the number of steps with "
                        + "--steps N");
            }
            board.digest(); // fails with a clear message when nothing is flashed
            if (!continueState) {
                board.reset();
            }
            long start = System.nanoTime();
            RunResult result = board.run(in, n);
            double seconds = (System.nanoTime() - start) / 1e9;
            SpikeCsv.writeSpikes(result.outputs(), out);
            if (hiddenOut != null) {
                SpikeCsv.writeSpikes(result.hidden(), hiddenOut);
            }
            System.out.printf("ran %d step(s) on %s in %.2f s: %d output spike(s), %d hidden spike(s) -> %s%n", n,
                    board.port(), seconds, result.outputs().totalCount(), result.hidden().totalCount(), out);
        }
        return 0;
    }
}
