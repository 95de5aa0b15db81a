package dev.spikeloop.driver.board;

import dev.spikeloop.driver.link.Link;
import dev.spikeloop.driver.link.LinkOpener;
import dev.spikeloop.driver.link.LinkOptions;
import dev.spikeloop.driver.link.LinkStats;
import dev.spikeloop.driver.protocol.Busy;
import dev.spikeloop.driver.protocol.ErrorReply;
import dev.spikeloop.driver.protocol.Frame;
import dev.spikeloop.driver.protocol.FrameDecoder;
import dev.spikeloop.driver.protocol.FrameEncoder;
import dev.spikeloop.driver.protocol.FrameError;
import dev.spikeloop.driver.protocol.MalformedPayloadException;
import dev.spikeloop.driver.protocol.MessageType;
import dev.spikeloop.driver.protocol.Protocol;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The host's request/reply engine: one request at a time, each with a new sequence number. A
 * request is sent again, with the same number, when no reply comes within the timeout, when a
 * corrupted block arrives instead of it, or when the link broke and was reopened; the board
 * answers a repeated number from its reply cache, so a retried RUN is not executed twice.
 * Every operation ends within {@code (retries + 1) * (timeout + reconnectTimeout)}.
 */
final class RequestChannel implements AutoCloseable {

    private final String port;
    private final LinkOpener opener;
    private final LinkOptions options;
    private final LinkStats stats;
    private final FrameDecoder decoder = new FrameDecoder();
    private final ArrayDeque<Frame> pending = new ArrayDeque<>();
    private final byte[] readBuffer = new byte[16 * 1024];
    private Link link;
    private int nextSeq;
    private int rejectedSinceSend;
    private FrameError lastRejection;
    private final FrameDecoder.Listener listener = new FrameDecoder.Listener() {
        @Override
        public void onFrame(Frame frame) {
            stats.frameReceived();
            pending.add(frame);
        }

        @Override
        public void onError(FrameError error, int length) {
            stats.rejected(error);
            rejectedSinceSend++;
            lastRejection = error;
        }
    };

    RequestChannel(String port, Link initial, LinkOpener opener, LinkOptions options, LinkStats stats) {
        this.port = port;
        this.link = initial;
        this.opener = opener;
        this.options = options;
        this.stats = stats;
        // A random start makes it unlikely that a new session's first number equals the board's cached one.
        this.nextSeq = ThreadLocalRandom.current().nextInt(0x10000);
    }

    /** Handles BUSY keep-alives of a long request. */
    @FunctionalInterface
    interface BusyListener {
        void busy(Busy busy);

        BusyListener NONE = b -> {
        };
    }

    /**
     * Sends a request and returns its reply (of the request's reply type or ERROR).
     *
     * @throws BoardTimeoutException       when every attempt failed
     * @throws BoardDisconnectedException  when the link broke and could not be reopened
     * @throws ProtocolVersionException    when the board answers in another protocol version
     */
    Frame request(MessageType type, byte[] payload, BusyListener busy) {
        int seq = nextSeq;
        nextSeq = (nextSeq + 1) & 0xFFFF;
        byte[] wire = FrameEncoder.encode(Frame.of(type, seq, payload));
        String lastProblem = "no attempt made";
        int attempts = options.retries() + 1;
        for (int attempt = 0; attempt < attempts; attempt++) {
            if (attempt > 0) {
                stats.retry();
            }
            try {
                Link l = ensureLink();
                rejectedSinceSend = 0;
                l.write(wire);
                stats.sent(wire.length);
                Frame reply = await(l, seq, type.reply(), busy);
                if (reply != null) {
                    return reply;
                }
                lastProblem = rejectedSinceSend > 0 ? "the reply was corrupted (" + lastRejection + ")"
                        : "no reply within " + options.timeout().toMillis() + " ms";
            } catch (IOException e) {
                stats.linkFailure();
                dropLink();
                lastProblem = e.getMessage();
            }
        }
        throw new BoardTimeoutException("board on " + port + " did not answer " + type + " (seq " + seq + ") after "
                + attempts + " attempt" + (attempts == 1 ? "" : "s") + "; last problem: " + lastProblem
                + ". Check that the board is connected and powered, runs Spikeloop protocol v" + Protocol.VERSION
                + " firmware" + (port.startsWith("tcp://") ? "" : " and uses " + options.describeSerial()));
    }

    /** Waits for the reply with {@code seq}; returns null on timeout or after a rejected block. */
    private Frame await(Link l, int seq, MessageType expected, BusyListener busy) throws IOException {
        long timeoutNanos = options.timeout().toNanos();
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            Frame f;
            while ((f = pending.poll()) != null) {
                if (f.seq() != seq) {
                    stats.stale(); // the answer to an earlier attempt or request
                    continue;
                }
                if (f.version() != Protocol.VERSION) {
                    throw versionMismatch(f);
                }
                if (f.type() == MessageType.BUSY.code()) {
                    stats.busy();
                    deadline = System.nanoTime() + timeoutNanos;
                    try {
                        busy.busy(Busy.parse(f.payload()));
                    } catch (MalformedPayloadException ignored) {
                        // A keep-alive with a bad body still shows that the board is alive.
                    }
                    continue;
                }
                if (f.type() == expected.code() || f.type() == MessageType.ERROR.code()) {
                    pending.clear();
                    return f;
                }
                stats.stale(); // a reply type that does not belong to this request: ignore it
            }
            if (rejectedSinceSend > 0) {
                // A corrupted block is most likely our reply: ask again now instead of waiting out the timeout.
                return null;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                stats.timeout();
                return null;
            }
            int n = l.read(readBuffer, (int) Math.min(Integer.MAX_VALUE, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
            if (n > 0) {
                stats.bytesReceived(n);
                decoder.feed(readBuffer, 0, n, listener);
            }
        }
    }

    private ProtocolVersionException versionMismatch(Frame f) {
        String detail = "";
        if (f.type() == MessageType.ERROR.code()) {
            try {
                detail = " (board says: " + ErrorReply.parse(f.payload()).message() + ")";
            } catch (MalformedPayloadException ignored) {
                // The version mismatch is the message; the detail is a bonus.
            }
        }
        return new ProtocolVersionException("board on " + port + " speaks Spikeloop protocol v" + f.version()
                + " but this host speaks v" + Protocol.VERSION + detail
                + "; update the host software or the board firmware so that they match");
    }

    private Link ensureLink() throws BoardDisconnectedException {
        if (link != null) {
            return link;
        }
        long deadline = System.nanoTime() + options.reconnectTimeout().toNanos();
        IOException last = null;
        do {
            try {
                link = opener.open();
                stats.reconnect();
                decoder.reset();
                pending.clear();
                return link;
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } while (System.nanoTime() < deadline);
        throw new BoardDisconnectedException("lost the link to the board on " + port + " and could not reopen it within "
                + options.reconnectTimeout().toMillis() + " ms" + (last == null ? "" : ": " + last.getMessage()), last);
    }

    private void dropLink() {
        if (link != null) {
            link.close();
            link = null;
        }
    }

    @Override
    public void close() {
        dropLink();
    }
}
