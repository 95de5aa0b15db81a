package dev.spikeloop.driver.link;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a board is: a serial device path ({@code /dev/ttyACM0}, {@code COM3}) or a TCP endpoint
 * ({@code tcp://host:port}, e.g. a ser2net server or a virtual board).
 */
public sealed interface PortAddress {
    /** A serial device. */
    record Serial(String device) implements PortAddress {
        @Override
        public String toString() {
            return device;
        }
    }

    /** A TCP endpoint. */
    record Tcp(String host, int port) implements PortAddress {
        @Override
        public String toString() {
            return "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** Parses a {@code --port} value; the message of the exception says what is wrong. */
    static PortAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("port is empty: give a serial device such as /dev/ttyACM0 "
                    + "or tcp://host:port");
        }
        String t = text.trim();
        if (t.regionMatches(true, 0, "tcp://", 0, 6)) {
            URI uri;
            try {
                uri = new URI(t);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("port '" + text + "' is not a valid tcp://host:port address: "
                        + e.getReason());
            }
            String host = uri.getHost();
            int port = uri.getPort();
            if (host == null || port < 0) {
                throw new IllegalArgumentException("port '" + text + "' must be tcp://host:port with a host and a "
                        + "port number 1..65535");
            }
            if (port == 0 || port > 65535) {
                throw new IllegalArgumentException("port '" + text + "': TCP port " + port + " outside 1..65535");
            }
            if ((uri.getPath() != null && !uri.getPath().isEmpty()) || uri.getQuery() != null) {
                throw new IllegalArgumentException("port '" + text + "' must be just tcp://host:port, without a path");
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return new Tcp(host, port);
        }
        if (t.contains("://")) {
            throw new IllegalArgumentException("port '" + text + "': only tcp:// addresses and serial device paths "
                    + "are supported");
        }
        return new Serial(t);
    }
}
