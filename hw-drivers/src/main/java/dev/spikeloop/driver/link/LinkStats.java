package dev.spikeloop.driver.link;

import dev.spikeloop.driver.protocol.FrameError;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters of one end of a link: bytes, frames, every rejected block by reason, and the recovery
 * actions taken. Thread-safe; the fault tests compare these counts with what the relay did.
 */
public final class LinkStats {
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong framesReceived = new AtomicLong();
    private final AtomicLongArray rejected = new AtomicLongArray(FrameError.values().length);
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong staleFrames = new AtomicLong();
    private final AtomicLong busyFrames = new AtomicLong();
    private final AtomicLong linkFailures = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong cachedReplies = new AtomicLong();

    public void sent(int bytes) {
        bytesSent.addAndGet(bytes);
        framesSent.incrementAndGet();
    }

    public void bytesReceived(int bytes) {
        bytesReceived.addAndGet(bytes);
    }

    public void frameReceived() {
        framesReceived.incrementAndGet();
    }

    public void rejected(FrameError error) {
        rejected.incrementAndGet(error.ordinal());
    }

    public void timeout() {
        timeouts.incrementAndGet();
    }

    public void retry() {
        retries.incrementAndGet();
    }

    public void stale() {
        staleFrames.incrementAndGet();
    }

    public void busy() {
        busyFrames.incrementAndGet();
    }

    public void linkFailure() {
        linkFailures.incrementAndGet();
    }

    public void reconnect() {
        reconnects.incrementAndGet();
    }

    public void cachedReply() {
        cachedReplies.incrementAndGet();
    }

    /** A consistent-enough copy of the counters. */
    public Snapshot snapshot() {
        Map<FrameError, Long> byReason = new EnumMap<>(FrameError.class);
        for (FrameError e : FrameError.values()) {
            byReason.put(e, rejected.get(e.ordinal()));
        }
        return new Snapshot(bytesSent.get(), bytesReceived.get(), framesSent.get(), framesReceived.get(),
                Map.copyOf(byReason), timeouts.get(), retries.get(), staleFrames.get(), busyFrames.get(),
                linkFailures.get(), reconnects.get(), cachedReplies.get());
    }

    /**
     * Counter values.
     *
     * @param rejected      rejected blocks by reason (every corrupted frame lands here)
     * @param timeouts      waits for a reply that ran out
     * @param retries       requests sent again (after a timeout, a rejected block or a broken link)
     * @param staleFrames   valid frames that answered an earlier attempt and were ignored
     * @param busyFrames    BUSY keep-alives
     * @param linkFailures  times the link broke
     * @param reconnects    times it was reopened
     * @param cachedReplies (board) retried requests answered from the reply cache, not executed again
     */
    public record Snapshot(long bytesSent, long bytesReceived, long framesSent, long framesReceived,
                           Map<FrameError, Long> rejected, long timeouts, long retries, long staleFrames,
                           long busyFrames, long linkFailures, long reconnects, long cachedReplies) {
        /** All rejected blocks. */
        public long rejectedTotal() {
            return rejected.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public String toString() {
            return "sent " + framesSent + " frames/" + bytesSent + " B, received " + framesReceived + " frames/"
                    + bytesReceived + " B, rejected " + rejectedTotal() + " " + rejected + ", timeouts " + timeouts
                    + ", retries " + retries + ", stale " + staleFrames + ", busy " + busyFrames + ", link failures "
                    + linkFailures + ", reconnects " + reconnects + ", cached replies " + cachedReplies;
        }
    }
}
