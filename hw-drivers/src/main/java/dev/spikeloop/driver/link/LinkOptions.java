package dev.spikeloop.driver.link;

import java.time.Duration;

/**
 * How to open and use a link. Immutable; change a copy with the {@code with...} methods.
 *
 * @param baud             serial baud rate (ignored for TCP)
 * @param dataBits         5..8 (serial only)
 * @param stopBits         1 or 2 (serial only)
 * @param parity           serial parity
 * @param timeout          longest wait for a reply (or for a BUSY keep-alive) before the request is sent again;
 *                         also the TCP connect timeout. Keep it above the board's BUSY interval
 *                         ({@link dev.spikeloop.driver.protocol.Busy#INTERVAL_MS}) or long runs time out
 * @param retries          how many times a request is sent again after a timeout, a corrupted reply or a broken
 *                         link, before the operation fails
 * @param reconnectTimeout how long a broken link is reopened (every 100 ms) before the operation fails
 */
public record LinkOptions(int baud, int dataBits, int stopBits, Parity parity, Duration timeout, int retries,
                          Duration reconnectTimeout) {
    /** 921600 baud: a common fast rate of USB serial bridges, and the protocol's reference line rate. */
    public static final int DEFAULT_BAUD = 921_600;

    public LinkOptions {
        if (baud <= 0) {
            throw new IllegalArgumentException("baud rate must be positive, got " + baud);
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("data bits must be 5..8, got " + dataBits);
        }
        if (stopBits != 1 && stopBits != 2) {
            throw new IllegalArgumentException("stop bits must be 1 or 2, got " + stopBits);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, got " + retries);
        }
        if (reconnectTimeout.isNegative()) {
            throw new IllegalArgumentException("reconnect timeout must not be negative, got " + reconnectTimeout);
        }
        java.util.Objects.requireNonNull(parity, "parity");
    }

    /** 921600 baud 8N1, 1 s timeout, 3 retries, 5 s to reconnect. */
    public static LinkOptions defaults() {
        return new LinkOptions(DEFAULT_BAUD, 8, 1, Parity.NONE, Duration.ofSeconds(1), 3, Duration.ofSeconds(5));
    }

    public LinkOptions withBaud(int b) {
        return new LinkOptions(b, dataBits, stopBits, parity, timeout, retries, reconnectTimeout);
    }

    public LinkOptions withParity(Parity p) {
        return new LinkOptions(baud, dataBits, stopBits, p, timeout, retries, reconnectTimeout);
    }

    public LinkOptions withFraming(int data, int stop, Parity p) {
        return new LinkOptions(baud, data, stop, p, timeout, retries, reconnectTimeout);
    }

    public LinkOptions withTimeout(Duration t) {
        return new LinkOptions(baud, dataBits, stopBits, parity, t, retries, reconnectTimeout);
    }

    public LinkOptions withRetries(int r) {
        return new LinkOptions(baud, dataBits, stopBits, parity, timeout, r, reconnectTimeout);
    }

    public LinkOptions withReconnectTimeout(Duration t) {
        return new LinkOptions(baud, dataBits, stopBits, parity, timeout, retries, t);
    }

    /** Bits on the wire per byte: start bit, data bits, parity bit if any, stop bits. */
    public int bitsPerByte() {
        return 1 + dataBits + (parity == Parity.NONE ? 0 : 1) + stopBits;
    }

    /** The serial line's capacity in bytes per second and direction. */
    public double lineBytesPerSecond() {
        return (double) baud / bitsPerByte();
    }

    /** "921600 8N1". */
    public String describeSerial() {
        return baud + " " + dataBits + parity.name().charAt(0) + stopBits;
    }
}
