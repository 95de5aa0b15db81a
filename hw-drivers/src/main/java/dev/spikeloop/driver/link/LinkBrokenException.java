package dev.spikeloop.driver.link;

import java.io.IOException;

/** The link is gone (device removed, pty closed, connection reset): reopen it to go on. */
public final class LinkBrokenException extends IOException {
    public LinkBrokenException(String message) {
        super(message);
    }

    public LinkBrokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
