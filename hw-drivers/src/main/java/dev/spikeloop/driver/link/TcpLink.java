package dev.spikeloop.driver.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A TCP connection, e.g. to a ser2net-style server in front of a board or to a virtual board. */
public final class TcpLink implements Link {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String name;

    /** Wraps a connected socket (the board side uses this for accepted connections). */
    public TcpLink(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.name = "tcp://" + socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    /** Connects to {@code host:port} within {@code timeoutMillis}. */
    public static TcpLink connect(String host, int port, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            return new TcpLink(socket);
        } catch (IOException e) {
            socket.close();
            throw connectFailure(host, port, timeoutMillis, e);
        }
    }

    /** "cannot connect to tcp://HOST:PORT: why"; a connect timeout carries no message, so it is named here. */
    static IOException connectFailure(String host, int port, int timeoutMillis, IOException e) {
        String why = e instanceof java.net.SocketTimeoutException
                ? "no connection within " + timeoutMillis + " ms (the timeout; raise --timeout-ms)"
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return new IOException("cannot connect to tcp://" + host + ":" + port + ": " + why, e);
    }

    @Override
    public void write(byte[] data) throws IOException {
        try {
            out.write(data);
            out.flush();
        } catch (IOException e) {
            throw new LinkBrokenException("connection " + name + " failed on write: " + e.getMessage(), e);
        }
    }

    @Override
    public int read(byte[] buffer, int timeoutMillis) throws IOException {
        try {
            // soTimeout 0 would mean "forever", so the shortest wait is 1 ms.
            socket.setSoTimeout(Math.max(1, timeoutMillis));
            int n = in.read(buffer);
            if (n < 0) {
                throw new LinkBrokenException("connection " + name + " closed by the other end");
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (LinkBrokenException e) {
            throw e;
        } catch (IOException e) {
            throw new LinkBrokenException("connection " + name + " failed on read: " + e.getMessage(), e);
        }
    }

    @Override
    public void discardInput() throws IOException {
        try {
            long skip = in.available();
            if (skip > 0) {
                in.skipNBytes(skip);
            }
        } catch (IOException e) {
            throw new LinkBrokenException("connection " + name + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing to release beyond the socket itself.
        }
    }
}
