package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.io.OutputSet;
import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.driver.board.BoardClient;
import dev.spikeloop.driver.board.RunResult;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code spikeloop run}: runs input spikes on a flashed board; the same files as {@code emulate}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run input spikes on the configuration flashed on a board and write the output and hidden "
                + "spikes, in the same files as 'spikeloop emulate'.",
                "The network state is reset first (as the emulator starts from zero) unless --continue is given."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    BoardLinkOptions link;

    @Mixin
    RasterFileOptions files;

    @Option(names = "--continue", description = "Continue from the board's current state instead of resetting it.")
    boolean continueState;

    @Override
    public Integer call() throws IOException {
        files.checkSteps();
        try (OutputSet outputs = new OutputSet(); BoardClient board = open(outputs)) {
            int channels = ChipProfile.byName(board.info().chipProfile()).map(ChipProfile::maxInputs)
                    .orElse(ChipProfile.XYLO_AUDIO2.maxInputs());
            SpikeRaster in = files.readInput(channels);
            int n = files.stepsFor(in);
            board.digest(); // fails with a clear message when nothing is flashed
            if (!continueState) {
                board.reset();
            }
            long start = System.nanoTime();
            RunResult result = board.run(in, n);
            double seconds = (System.nanoTime() - start) / 1e9;
            files.writeSpikes(result.outputs(), result.hidden());
            outputs.commit();
            System.out.printf("ran %d step(s) on %s in %.2f s: %d output spike(s), %d hidden spike(s) -> %s%n", n,
                    board.port(), seconds, result.outputs().totalCount(), result.hidden().totalCount(), files.out);
        }
        return 0;
    }

    /** Declares the output files (checked before the port is opened), then connects. */
    private BoardClient open(OutputSet outputs) throws IOException {
        files.declare(outputs);
        return BoardClient.open(link.port, link.toLinkOptions());
    }
}
