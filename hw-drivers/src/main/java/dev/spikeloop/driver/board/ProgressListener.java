package dev.spikeloop.driver.board;

/** Told how far a long transfer (flashing) has come. Called on the caller's thread. */
@FunctionalInterface
public interface ProgressListener {
    /** Ignores progress. */
    ProgressListener NONE = (done, total) -> {
    };

    /** {@code done} of {@code total} bytes are through. */
    void progress(long done, long total);
}
