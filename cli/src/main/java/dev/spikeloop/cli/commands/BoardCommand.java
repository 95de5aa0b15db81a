package dev.spikeloop.cli.commands;

import dev.spikeloop.driver.link.LinkOptions;
import dev.spikeloop.driver.link.PortAddress;
import dev.spikeloop.driver.virtual.BoardSettings;
import dev.spikeloop.driver.virtual.SocatPty;
import dev.spikeloop.driver.virtual.VirtualBoard;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code spikeloop board}: a virtual board (the emulator behind the board protocol), so that
 * {@code flash} and {@code run} can be tried, tested and demonstrated without hardware.
 */
@Command(name = "board", mixinStandardHelpOptions = true,
        description = {"Serve the board protocol with the bit-accurate emulator as the chip, until interrupted.",
                "--port DEVICE serves on an existing serial device (e.g. one end of "
                        + "'socat pty,raw,echo=0,link=/tmp/host pty,raw,echo=0,link=/tmp/board'); --pty LINK makes such "
                        + "a pair itself (needs socat) and prints the device to give 'flash'/'run' as --port; "
                        + "--listen tcp://127.0.0.1:PORT serves over TCP."})
public final class BoardCommand implements Callable<Integer> {
    static final class Where {
        @Option(names = "--port", paramLabel = "DEVICE", description = "Serve on this serial device.")
        String device;

        @Option(names = "--pty", paramLabel = "LINK", description = "Create a socat pty pair; the host end is LINK.")
        Path pty;

        @Option(names = "--listen", paramLabel = "tcp://HOST:PORT", description = "Serve over TCP.")
        String listen;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Where where;

    @Option(names = "--baud", paramLabel = "N", defaultValue = "921600",
            description = "Baud rate of the serial device (default: ${DEFAULT-VALUE}).")
    int baud;

    @Option(names = "--chip", paramLabel = "PROFILE", defaultValue = "xylo-audio2",
            description = "The chip behind the board: xylo-audio2, xylo-audio3 or xylo-imu (default: ${DEFAULT-VALUE}).")
    String chip;

    @Override
    public Integer call() throws IOException, InterruptedException {
        LinkOptions options = LinkOptions.defaults().withBaud(baud);
        BoardSettings settings = BoardSettings.defaults().withProfile(dev.spikeloop.chipconfig.ChipProfile.require(chip));
        SocatPty pty = null;
        VirtualBoard board;
        String hostPort;
        if (where.listen != null) {
            if (!(PortAddress.parse(where.listen) instanceof PortAddress.Tcp tcp)) {
                throw new IllegalArgumentException("--listen wants tcp://HOST:PORT, got '" + where.listen + "'");
            }
            board = VirtualBoard.startTcp(InetAddress.getByName(tcp.host()), tcp.port(), settings);
            hostPort = board.address();
        } else if (where.pty != null) {
            Path host = where.pty.toAbsolutePath();
            pty = SocatPty.start(host, host.resolveSibling(host.getFileName() + ".board"));
            board = VirtualBoard.startSerial(pty.boardDevice(), options, settings);
            hostPort = pty.hostDevice();
        } else {
            board = VirtualBoard.startSerial(where.device, options, settings);
            hostPort = "the other end of " + where.device;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        SocatPty ptyToClose = pty;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            board.close();
            if (ptyToClose != null) {
                ptyToClose.close();
            }
            stopped.countDown();
        }));
        BoardSettings s = board.settings();
        System.out.println("virtual board " + s.boardId() + " (" + s.profile().name() + ", protocol v"
                + s.protocolVersion() + ") ready; use --port " + hostPort + "; Ctrl-C stops it");
        System.out.flush();
        while (!stopped.await(500, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            if (!board.serving()) {
                throw new IOException("serial device " + board.address() + " went away; virtual board stopped");
            }
        }
        return 0;
    }
}
