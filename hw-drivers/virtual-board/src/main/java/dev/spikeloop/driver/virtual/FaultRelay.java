package dev.spikeloop.driver.virtual;

import dev.spikeloop.driver.protocol.Protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A TCP relay between a host and a board that damages the traffic as a {@link FaultPlan} says:
 * it splits each direction's byte stream at the 0x00 frame delimiters and drops, corrupts,
 * truncates, duplicates or delays whole frames, injects garbage and oversize blocks, stalls, or
 * cuts the connection. It counts everything it did ({@link #counts()}), so a test can check that
 * each damaged block was rejected by the other end.
 */
public final class FaultRelay implements AutoCloseable {
    /** Which way a frame travels. */
    public enum Direction { TO_BOARD, TO_HOST }

    /** What the relay did to the traffic. */
    public enum Action { PASSED, DROPPED, CORRUPTED, TRUNCATED, DUPLICATED, DELAYED, GARBAGE, OVERSIZE, STALLED }

    private final String boardHost;
    private final int boardPort;
    private final FaultPlan plan;
    private final ServerSocket server;
    private final Map<Direction, AtomicLongArray> counts = new EnumMap<>(Direction.class);
    private final AtomicLong frames = new AtomicLong();
    private final AtomicInteger cutsDone = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;
    private volatile Socket[] current = new Socket[0];

    private FaultRelay(String boardHost, int boardPort, FaultPlan plan, ServerSocket server) {
        this.boardHost = boardHost;
        this.boardPort = boardPort;
        this.plan = plan;
        this.server = server;
        for (Direction d : Direction.values()) {
            counts.put(d, new AtomicLongArray(Action.values().length));
        }
    }

    /** Starts a relay on a free loopback port in front of the board at {@code boardHost:boardPort}. */
    public static FaultRelay start(String boardHost, int boardPort, FaultPlan plan) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        FaultRelay relay = new FaultRelay(boardHost, boardPort, plan, server);
        Thread t = new Thread(relay::acceptLoop, "fault-relay-accept");
        t.setDaemon(true);
        t.start();
        return relay;
    }

    /** Where the host connects: {@code tcp://127.0.0.1:PORT}. */
    public String address() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** How often the relay did {@code action} to frames going {@code direction}. */
    public long count(Direction direction, Action action) {
        return counts.get(direction).get(action.ordinal());
    }

    /** Blocks that arrive damaged or injected going {@code direction}: each must be rejected by the receiver. */
    public long damagedBlocks(Direction direction) {
        return count(direction, Action.CORRUPTED) + count(direction, Action.TRUNCATED)
                + count(direction, Action.GARBAGE) + count(direction, Action.OVERSIZE);
    }

    /** All counters, for messages. */
    public String counts() {
        StringBuilder sb = new StringBuilder();
        for (Direction d : Direction.values()) {
            sb.append(d).append(':');
            for (Action a : Action.values()) {
                long n = count(d, a);
                if (n > 0) {
                    sb.append(' ').append(a.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(n);
                }
            }
            sb.append("; ");
        }
        return sb.append("connections=").append(connections.get()).append(", cuts=").append(cutsDone.get()).toString();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket host;
            try {
                host = server.accept();
            } catch (IOException e) {
                return;
            }
            try {
                Socket board = new Socket(boardHost, boardPort);
                host.setTcpNoDelay(true);
                board.setTcpNoDelay(true);
                if (!register(host, board)) {
                    return;
                }
                int id = connections.incrementAndGet();
                SplittableRandom rnd = new SplittableRandom(plan.seed() * 31 + id);
                AtomicLong connFrames = new AtomicLong();
                pump(host, board, Direction.TO_BOARD, rnd.split(), connFrames, "fault-relay-to-board-" + id);
                pump(board, host, Direction.TO_HOST, rnd.split(), connFrames, "fault-relay-to-host-" + id);
            } catch (IOException e) {
                closeQuietly(host);
            }
        }
    }

    private void pump(Socket from, Socket to, Direction dir, SplittableRandom rnd, AtomicLong connFrames, String name) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                ByteArrayOutputStream block = new ByteArrayOutputStream();
                byte[] buf = new byte[16 * 1024];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    for (int i = 0; i < n; i++) {
                        if (buf[i] != 0) {
                            block.write(buf[i]);
                        } else if (block.size() > 0) {
                            byte[] b = block.toByteArray();
                            block.reset();
                            if (!forward(b, out, dir, rnd, connFrames)) {
                                cut(from, to);
                                return;
                            }
                        }
                    }
                    out.flush();
                }
            } catch (IOException e) {
                // One side went away: end the other side too, as a broken cable would.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    /** Passes one block on (or not); returns false when the connection is to be cut now. */
    private boolean forward(byte[] block, OutputStream out, Direction dir, SplittableRandom rnd, AtomicLong connFrames)
            throws IOException {
        AtomicLongArray c = counts.get(dir);
        long total = frames.incrementAndGet();
        long inConn = connFrames.incrementAndGet();
        if (plan.cutAfter() >= 0 && inConn > plan.cutAfter() && cutsDone.get() < plan.cuts()) {
            if (cutsDone.incrementAndGet() == plan.cuts() && plan.refuseAfterCut()) {
                closeQuietly(server);
            }
            return false;
        }
        if (plan.stallAfter() >= 0 && total > plan.stallAfter()) {
            c.incrementAndGet(Action.STALLED.ordinal());
            return true;
        }
        if (rnd.nextDouble() < plan.garbage()) {
            byte[] g = nonZero(rnd, 1 + rnd.nextInt(64));
            writeBlock(out, g);
            c.incrementAndGet(Action.GARBAGE.ordinal());
        }
        if (rnd.nextDouble() < plan.oversize()) {
            writeBlock(out, nonZero(rnd, Protocol.MAX_ENCODED_FRAME + 1 + rnd.nextInt(256)));
            c.incrementAndGet(Action.OVERSIZE.ordinal());
        }
        double r = rnd.nextDouble();
        double p = plan.drop();
        if (r < p) {
            c.incrementAndGet(Action.DROPPED.ordinal());
            return true;
        }
        if (r < (p += plan.corrupt())) {
            byte[] b = block.clone();
            int i = rnd.nextInt(b.length);
            int bit = rnd.nextInt(8);
            if ((b[i] ^ (1 << bit)) == 0) {
                bit = (bit + 1) % 8; // b[i] had that single bit set: flip another, or the block would split in two
            }
            b[i] ^= (byte) (1 << bit);
            writeBlock(out, b);
            c.incrementAndGet(Action.CORRUPTED.ordinal());
            return true;
        }
        if (r < (p += plan.truncate())) {
            if (block.length == 1) {
                c.incrementAndGet(Action.DROPPED.ordinal()); // removing the only byte leaves nothing to arrive
                return true;
            }
            int i = rnd.nextInt(block.length);
            byte[] b = new byte[block.length - 1];
            System.arraycopy(block, 0, b, 0, i);
            System.arraycopy(block, i + 1, b, i, block.length - i - 1);
            writeBlock(out, b);
            c.incrementAndGet(Action.TRUNCATED.ordinal());
            return true;
        }
        if (r < (p += plan.duplicate())) {
            writeBlock(out, block);
            writeBlock(out, block);
            c.incrementAndGet(Action.DUPLICATED.ordinal());
            return true;
        }
        if (r < p + plan.delay()) {
            out.flush();
            try {
                Thread.sleep(plan.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("relay interrupted", e);
            }
            writeBlock(out, block);
            c.incrementAndGet(Action.DELAYED.ordinal());
            return true;
        }
        writeBlock(out, block);
        c.incrementAndGet(Action.PASSED.ordinal());
        return true;
    }

    private static void writeBlock(OutputStream out, byte[] block) throws IOException {
        // One write per block, so the receiver sees it arrive as a whole, as from the board itself.
        byte[] wire = new byte[block.length + 2];
        System.arraycopy(block, 0, wire, 1, block.length);
        out.write(wire);
    }

    private static byte[] nonZero(SplittableRandom rnd, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (1 + rnd.nextInt(255));
        }
        return b;
    }

    private void cut(Socket a, Socket b) {
        closeQuietly(a);
        closeQuietly(b);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    /** Stops accepting and cuts the current connection. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        closeQuietly(server);
        for (Socket s : current) {
            closeQuietly(s);
        }
    }

    /**
     * Makes {@code host}/{@code board} the current connection, unless the relay was closed meanwhile
     * (a client's connect completes in the backlog before the accept thread gets here, so a close
     * can fall in between): then both are closed and false returned, so no connection outlives close().
     */
    private synchronized boolean register(Socket host, Socket board) {
        if (closed) {
            closeQuietly(host);
            closeQuietly(board);
            return false;
        }
        current = new Socket[]{host, board};
        return true;
    }
}
