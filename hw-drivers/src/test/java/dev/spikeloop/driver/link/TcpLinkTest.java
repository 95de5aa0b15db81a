package dev.spikeloop.driver.link;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TcpLinkTest {
    @Test
    void aConnectTimeoutIsNamedNotNull() {
        // the JDK's connect timeout may have no message; flash --timeout-ms 1 printed "null"
        assertEquals("cannot connect to tcp://h:7: no connection within 1 ms (the timeout; raise --timeout-ms)",
                TcpLink.connectFailure("h", 7, 1, new SocketTimeoutException()).getMessage());
        assertEquals("cannot connect to tcp://h:7: ConnectException",
                TcpLink.connectFailure("h", 7, 1, new ConnectException()).getMessage());
    }

    @Test
    void aRefusedConnectionSaysRefused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int closed = port;
        String m = assertThrows(IOException.class, () -> TcpLink.connect("127.0.0.1", closed, 1000).close()).getMessage();
        assertEquals("cannot connect to tcp://127.0.0.1:" + closed + ": Connection refused", m);
    }
}
