package dev.spikeloop.driver.virtual;

import dev.spikeloop.driver.link.LinkOptions;
import dev.spikeloop.driver.link.LinkStats;
import dev.spikeloop.driver.link.SerialLink;
import dev.spikeloop.driver.link.TcpLink;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A board made of the emulator and {@link BoardFirmware}, served over TCP (like a ser2net server
 * in front of a board) or on a serial device (one end of a pseudo-terminal pair), in this
 * process on daemon threads. The board keeps its configuration across connections, as a real
 * board keeps it while the USB cable is replugged.
 *
 * <pre>{@code
 * try (VirtualBoard board = VirtualBoard.startTcp(0);
 *      BoardClient client = BoardClient.open(board.address(), LinkOptions.defaults())) { ... }
 * }</pre>
 */
public final class VirtualBoard implements AutoCloseable {
    private final BoardFirmware firmware;
    private final LinkStats stats;
    private final ServerSocket server;
    private final String address;
    private final List<LinkServer> sessions = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private VirtualBoard(BoardFirmware firmware, LinkStats stats, ServerSocket server, String address) {
        this.firmware = firmware;
        this.stats = stats;
        this.server = server;
        this.address = address;
    }

    /** A default board listening on 127.0.0.1:{@code port} (0 picks a free port). */
    public static VirtualBoard startTcp(int port) throws IOException {
        return startTcp(InetAddress.getLoopbackAddress(), port, BoardSettings.defaults());
    }

    /** A board listening on {@code host:port} (0 picks a free port). */
    public static VirtualBoard startTcp(InetAddress host, int port, BoardSettings settings) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + host.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
        }
        LinkStats stats = new LinkStats();
        String hostText = host.getHostAddress().contains(":") ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
        VirtualBoard board = new VirtualBoard(new BoardFirmware(settings, stats), stats, server,
                "tcp://" + hostText + ":" + server.getLocalPort());
        Thread t = new Thread(board::acceptLoop, "virtual-board-accept-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
        return board;
    }

    /**
     * A board on a serial device, e.g. one end of {@code socat pty,raw,echo=0 pty,raw,echo=0};
     * the host opens the other end. Serves until closed or until the device goes away.
     */
    public static VirtualBoard startSerial(String device, LinkOptions options, BoardSettings settings)
            throws IOException {
        LinkStats stats = new LinkStats();
        VirtualBoard board = new VirtualBoard(new BoardFirmware(settings, stats), stats, null, device);
        LinkServer session = new LinkServer(SerialLink.open(device, options), board.firmware, stats);
        board.sessions.add(session);
        Thread t = new Thread(() -> {
            try {
                session.serve();
            } finally {
                board.sessions.remove(session);
            }
        }, "virtual-board-" + device);
        t.setDaemon(true);
        t.start();
        return board;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                LinkServer session = new LinkServer(new TcpLink(socket), firmware, stats);
                sessions.add(session);
                Thread t = new Thread(() -> {
                    try {
                        session.serve();
                    } finally {
                        sessions.remove(session);
                    }
                }, "virtual-board-session");
                t.setDaemon(true);
                t.start();
            } catch (SocketException e) {
                return; // the server socket was closed
            } catch (IOException e) {
                stats.linkFailure();
            }
        }
    }

    /** Where a host reaches this board: {@code tcp://127.0.0.1:PORT} or the serial device. */
    public String address() {
        return address;
    }

    /** The TCP port, or -1 for a board on a serial device. */
    public int port() {
        return server == null ? -1 : server.getLocalPort();
    }

    /**
     * Whether the board still serves: a TCP board until closed, a board on a serial device until
     * closed or until the device went away.
     */
    public boolean serving() {
        return !closed && (server != null || !sessions.isEmpty());
    }

    /** The board's link counters (rejected frames, cached replies for retried requests, ...). */
    public LinkStats.Snapshot stats() {
        return stats.snapshot();
    }

    /** What the board says about itself. */
    public BoardSettings settings() {
        return firmware.settings();
    }

    /** Stops serving and closes every connection (or the serial device). */
    @Override
    public void close() {
        closed = true;
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // Nothing left to release.
            }
        }
        sessions.forEach(LinkServer::stop);
    }
}
