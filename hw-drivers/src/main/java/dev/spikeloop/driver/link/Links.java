package dev.spikeloop.driver.link;

import java.io.IOException;

/** Opens the right kind of link for a {@code --port} value. */
public final class Links {
    private Links() {
    }

    /** Opens a serial device or connects to {@code tcp://host:port}. */
    public static Link open(String port, LinkOptions options) throws IOException {
        return open(PortAddress.parse(port), options);
    }

    /** Opens a parsed address. */
    public static Link open(PortAddress address, LinkOptions options) throws IOException {
        if (address instanceof PortAddress.Tcp tcp) {
            return TcpLink.connect(tcp.host(), tcp.port(), (int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis()));
        }
        return SerialLink.open(((PortAddress.Serial) address).device(), options);
    }
}
