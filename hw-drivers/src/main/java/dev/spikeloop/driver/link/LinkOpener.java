package dev.spikeloop.driver.link;

import java.io.IOException;

/** Opens (or reopens, after it broke) a link to the same board. */
@FunctionalInterface
public interface LinkOpener {
    /** A freshly opened link; the caller owns and closes it. */
    Link open() throws IOException;
}
