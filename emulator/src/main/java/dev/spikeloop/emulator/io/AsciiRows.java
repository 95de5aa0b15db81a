package dev.spikeloop.emulator.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Buffered ASCII output of CSV rows made of integers and fixed text, written straight into a byte
 * buffer. A run's spike and state files have millions of rows; going through {@code StringBuilder}
 * and a charset encoder per row cost more than the emulation, and in a short command-line run the
 * JIT compiled all of that machinery into the emulator's step loop. The digits are those of
 * {@link Integer#toString(int)}. I/O errors surface as {@link UncheckedIOException}.
 */
final class AsciiRows {
    /** Room for the longest int, "-2147483648". */
    private static final int MAX_INT_CHARS = 11;

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;

    AsciiRows(OutputStream out) {
        this.out = out;
    }

    /** Appends an ASCII text (a header or a fixed field). */
    AsciiRows text(String ascii) {
        for (int k = 0; k < ascii.length(); k++) {
            ascii(ascii.charAt(k));
        }
        return this;
    }

    /** Appends one ASCII character. */
    AsciiRows ascii(char c) {
        if (pos == buf.length) {
            drain();
        }
        buf[pos++] = (byte) c;
        return this;
    }

    /** Appends {@code v} in decimal, as {@link Integer#toString(int)} writes it. */
    AsciiRows number(int v) {
        if (buf.length - pos < MAX_INT_CHARS) {
            drain();
        }
        if (v < 0) {
            buf[pos++] = '-';
        } else {
            v = -v; // digits from the negative value, which also holds Integer.MIN_VALUE
        }
        int end = pos + digits(v);
        for (int k = end - 1; k >= pos; k--) {
            buf[k] = (byte) ('0' - v % 10);
            v /= 10;
        }
        pos = end;
        return this;
    }

    /** Number of decimal digits of {@code v <= 0} (1 for 0). */
    private static int digits(int v) {
        int n = 1;
        while (v <= -10) {
            v /= 10;
            n++;
        }
        return n;
    }

    /** Writes out what is buffered and flushes the stream. */
    void flush() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
        out.flush();
    }

    private void drain() {
        try {
            out.write(buf, 0, pos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pos = 0;
    }
}
