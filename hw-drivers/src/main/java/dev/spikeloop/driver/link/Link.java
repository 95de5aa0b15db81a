package dev.spikeloop.driver.link;

import java.io.Closeable;
import java.io.IOException;

/**
 * A byte pipe to a board or a host: a serial port or a TCP connection. Every read has a timeout,
 * so no caller can hang on a silent peer; a link that is gone for good (device unplugged,
 * connection closed) throws {@link LinkBrokenException} instead of returning nothing forever.
 */
public interface Link extends Closeable {
    /** Writes all of {@code data}. */
    void write(byte[] data) throws IOException;

    /**
     * Reads whatever is available into {@code buffer}, waiting at most {@code timeoutMillis} for the
     * first byte. Returns the number of bytes read, 0 on timeout.
     */
    int read(byte[] buffer, int timeoutMillis) throws IOException;

    /** Drops bytes already received but not read (stale replies after a reconnect). */
    void discardInput() throws IOException;

    /** What this link is connected to, for messages: a device path or tcp://host:port. */
    String describe();

    /** Closes the link; never throws. */
    @Override
    void close();
}
