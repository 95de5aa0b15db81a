package dev.spikeloop.driver.link;

import jssc.SerialPort;
import jssc.SerialPortException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A serial port through jssc. Reads poll the driver's input count ({@code FIONREAD}) and only ever
 * read bytes that are already there: jssc's own blocking read loops forever in native code on a
 * port that has hung up, and its timed read spins a core, so neither is used.
 */
public final class SerialLink implements Link {
    /** Poll interval right after activity, when a reply is likely imminent. */
    private static final long FAST_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** Poll interval once a wait has gone on for a while. */
    private static final long SLOW_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    private static final long FAST_PHASE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final SerialPort port;
    private final String device;

    private SerialLink(SerialPort port, String device) {
        this.port = port;
        this.device = device;
    }

    /**
     * Opens {@code device} with the options' baud rate, data bits, parity and stop bits.
     *
     * @throws IOException with a message naming the device and the reason (missing, busy, no permission)
     */
    public static SerialLink open(String device, LinkOptions options) throws IOException {
        Path path = Path.of(device);
        if (!device.regionMatches(true, 0, "COM", 0, 3) && !Files.exists(path)) {
            throw new java.nio.file.NoSuchFileException(device, null,
                    "serial port does not exist (list ports with 'spikeloop ports')");
        }
        SerialPort port = new SerialPort(device);
        try {
            port.openPort();
        } catch (SerialPortException e) {
            throw new IOException("cannot open serial port " + device + ": " + describe(e), e);
        }
        try {
            int stop = options.stopBits() == 2 ? SerialPort.STOPBITS_2 : SerialPort.STOPBITS_1;
            boolean applied = port.setParams(options.baud(), options.dataBits(), stop, options.parity().jsscValue(),
                    true, true);
            // jssc reports failure when the modem-control ioctls fail after the line settings were applied.
            // A pseudo-terminal has no modem lines, so there that failure is expected and harmless.
            if (!applied && !isPseudoTerminal(path)) {
                throw new IOException("cannot set " + options.describeSerial() + " on serial port " + device
                        + " (the driver refused these settings)");
            }
            port.purgePort(SerialPort.PURGE_RXCLEAR | SerialPort.PURGE_TXCLEAR);
        } catch (SerialPortException | IOException e) {
            closeQuietly(port);
            throw e instanceof IOException io ? io : new IOException("cannot configure serial port " + device + ": "
                    + describe((SerialPortException) e), e);
        }
        return new SerialLink(port, device);
    }

    /** Whether the device is a Unix pseudo-terminal (as socat creates for tests). */
    static boolean isPseudoTerminal(Path device) {
        try {
            String real = device.toRealPath().toString();
            return real.startsWith("/dev/pts/") || real.startsWith("/dev/pty") || real.startsWith("/dev/ttyp");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void write(byte[] data) throws IOException {
        try {
            if (!port.writeBytes(data)) {
                throw new LinkBrokenException("serial port " + device + " refused a write (device gone?)");
            }
        } catch (SerialPortException e) {
            throw new LinkBrokenException("cannot write to serial port " + device + ": " + describe(e), e);
        }
    }

    @Override
    public int read(byte[] buffer, int timeoutMillis) throws IOException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
        while (true) {
            int available = available();
            if (available > 0) {
                int n = Math.min(available, buffer.length);
                try {
                    byte[] got = port.readBytes(n);
                    System.arraycopy(got, 0, buffer, 0, n);
                    return n;
                } catch (SerialPortException e) {
                    throw new LinkBrokenException("cannot read from serial port " + device + ": " + describe(e), e);
                }
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                return 0;
            }
            long pause = now - start < FAST_PHASE_NANOS ? FAST_POLL_NANOS : SLOW_POLL_NANOS;
            LockSupport.parkNanos(Math.min(pause, deadline - now));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("read from " + device + " interrupted");
            }
        }
    }

    private int available() throws LinkBrokenException {
        try {
            int n = port.getInputBufferBytesCount();
            // jssc returns -1 when the FIONREAD ioctl fails, which is what a hung-up tty (unplugged USB device,
            // closed pty master) does.
            if (n < 0) {
                throw new LinkBrokenException("serial port " + device + " is gone (hung up or removed)");
            }
            return n;
        } catch (SerialPortException e) {
            throw new LinkBrokenException("serial port " + device + " failed: " + describe(e), e);
        }
    }

    @Override
    public void discardInput() throws IOException {
        try {
            port.purgePort(SerialPort.PURGE_RXCLEAR);
        } catch (SerialPortException e) {
            throw new LinkBrokenException("cannot flush serial port " + device + ": " + describe(e), e);
        }
    }

    @Override
    public String describe() {
        return device;
    }

    @Override
    public void close() {
        closeQuietly(port);
    }

    private static void closeQuietly(SerialPort port) {
        try {
            if (port.isOpened()) {
                port.closePort();
            }
        } catch (SerialPortException ignored) {
            // Closing a port that is already gone fails; there is nothing left to release.
        }
    }

    private static String describe(SerialPortException e) {
        String type = e.getExceptionType();
        if (SerialPortException.TYPE_PORT_BUSY.equals(type)) {
            return "port busy (another program has it open)";
        }
        if (SerialPortException.TYPE_PORT_NOT_FOUND.equals(type)) {
            return "port not found";
        }
        if (SerialPortException.TYPE_PERMISSION_DENIED.equals(type)) {
            return "permission denied (add yourself to the 'dialout' group)";
        }
        return type == null ? String.valueOf(e.getMessage()) : type;
    }
}
