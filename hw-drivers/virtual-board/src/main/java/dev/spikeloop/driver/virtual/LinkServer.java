package dev.spikeloop.driver.virtual;

import dev.spikeloop.driver.link.Link;
import dev.spikeloop.driver.link.LinkStats;
import dev.spikeloop.driver.protocol.Frame;
import dev.spikeloop.driver.protocol.FrameDecoder;
import dev.spikeloop.driver.protocol.FrameEncoder;
import dev.spikeloop.driver.protocol.FrameError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves {@link BoardFirmware} on one link until the link breaks or {@link #stop()} is called: the
 * board's receive loop. Rejected blocks are counted and otherwise ignored, as firmware must: the
 * host notices the missing reply and sends the request again.
 */
final class LinkServer {
    private static final int POLL_MS = 50;

    private final Link link;
    private final BoardFirmware firmware;
    private final LinkStats stats;
    private final FrameDecoder decoder = new FrameDecoder();
    private volatile boolean running = true;
    /** When the paced transmitter is free again (System.nanoTime). */
    private long txBusyUntil;

    LinkServer(Link link, BoardFirmware firmware, LinkStats stats) {
        this.link = link;
        this.firmware = firmware;
        this.stats = stats;
    }

    /** Runs the loop on the calling thread; returns when the link broke or {@link #stop()} was called. */
    void serve() {
        byte[] buffer = new byte[16 * 1024];
        List<Frame> frames = new ArrayList<>();
        FrameDecoder.Listener listener = new FrameDecoder.Listener() {
            @Override
            public void onFrame(Frame frame) {
                stats.frameReceived();
                frames.add(frame);
            }

            @Override
            public void onError(FrameError error, int length) {
                stats.rejected(error);
            }
        };
        try {
            while (running) {
                int n = link.read(buffer, POLL_MS);
                if (n <= 0) {
                    continue;
                }
                stats.bytesReceived(n);
                decoder.feed(buffer, 0, n, listener);
                for (Frame f : frames) {
                    firmware.handle(f, this::send);
                }
                frames.clear();
            }
        } catch (IOException | UncheckedIOException e) {
            stats.linkFailure();
            firmware.linkDropped();
        } finally {
            link.close();
        }
    }

    private void send(Frame frame) {
        byte[] wire = FrameEncoder.encode(frame);
        pace(wire.length);
        try {
            link.write(wire);
            stats.sent(wire.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until a UART of the configured speed would have sent the last byte of {@code bytes}
     * more, so that the frame arrives when it would from a real board (whole, since a host
     * cannot use part of a frame anyway).
     */
    private void pace(int bytes) {
        double rate = firmware.settings().txBytesPerSecond();
        if (rate <= 0) {
            return;
        }
        long now = System.nanoTime();
        txBusyUntil = Math.max(now, txBusyUntil) + (long) (bytes * 1e9 / rate);
        long wait = txBusyUntil - now;
        // parkNanos, not Thread.sleep(ms, ns), which rounds up to whole milliseconds.
        while (wait > 0 && running) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
            wait = txBusyUntil - System.nanoTime();
        }
    }

    /** Ends the loop within one poll interval and closes the link. */
    void stop() {
        running = false;
    }
}
