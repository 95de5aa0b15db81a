package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.io.ChipConfigFiles;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.driver.board.BoardClient;
import dev.spikeloop.driver.board.ConfigStatus;
import dev.spikeloop.driver.board.ProgressListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code spikeloop flash}: writes a chip configuration to a board and verifies its digest. */
@Command(name = "flash", mixinStandardHelpOptions = true,
        description = {"Write a chip configuration to a board, then read back its SHA-256 digest and compare it "
                + "with the file's. A transfer that does not complete leaves the board without a configuration."})
public final class FlashCommand implements Callable<Integer> {
    /** Configurations at least this large get a progress bar. */
    private static final int PROGRESS_BAR_BYTES = 32 * 1024;

    @Mixin
    BoardLinkOptions link;

    @Parameters(index = "0", paramLabel = "CHIP.(pb|json)", description = "Chip configuration to flash.")
    Path config;

    @Override
    public Integer call() throws IOException {
        ChipConfig chip = ChipConfigFiles.read(config);
        int size = chip.getSerializedSize();
        try (BoardClient board = BoardClient.open(link.port, link.toLinkOptions())) {
            System.out.println(board.info());
            if (size >= PROGRESS_BAR_BYTES) {
                try (ProgressBar bar = ProgressBars.build(new ProgressBarBuilder().setTaskName("flash").setInitialMax(size)
                        .setUnit(" KiB", 1024).setStyle(ProgressBarStyle.ASCII).continuousUpdate()
                        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)))) {
                    board.flash(chip, (done, total) -> bar.stepTo(done));
                }
            } else {
                board.flash(chip, ProgressListener.NONE);
            }
            ConfigStatus status = board.configStatus();
            System.out.println("flashed " + config + " (" + size + " bytes) to " + board.port() + "; verified sha256 "
                    + status.digestHex());
        }
        return 0;
    }
}
