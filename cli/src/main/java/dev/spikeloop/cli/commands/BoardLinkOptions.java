package dev.spikeloop.cli.commands;

import dev.spikeloop.driver.link.LinkOptions;
import dev.spikeloop.driver.link.Parity;
import picocli.CommandLine.Option;

import java.time.Duration;

/** The link options shared by the commands that talk to a board ({@code flash}, {@code run}). */
public final class BoardLinkOptions {
    @Option(names = "--port", required = true, paramLabel = "PORT",
            description = "Serial device (/dev/ttyACM0, see 'spikeloop ports') or tcp://host:port.")
    String port;

    @Option(names = "--baud", paramLabel = "N", defaultValue = "921600",
            description = "Serial baud rate (default: ${DEFAULT-VALUE}).")
    int baud;

    @Option(names = "--parity", paramLabel = "P", defaultValue = "NONE",
            description = "Serial parity: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Parity parity;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "1000",
            description = "Longest wait for a reply before a request is sent again (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "3",
            description = "Times a failed request is sent again before giving up (default: ${DEFAULT-VALUE}).")
    int retries;

    /** The options as the driver takes them; a bad value fails with a message naming the option. */
    LinkOptions toLinkOptions() {
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("--timeout-ms must be > 0, got " + timeoutMs);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("--retries must be >= 0, got " + retries);
        }
        if (baud <= 0) {
            throw new IllegalArgumentException("--baud must be > 0, got " + baud);
        }
        return LinkOptions.defaults().withBaud(baud).withParity(parity).withTimeout(Duration.ofMillis(timeoutMs))
                .withRetries(retries);
    }
}
