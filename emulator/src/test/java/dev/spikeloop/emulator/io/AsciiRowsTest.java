package dev.spikeloop.emulator.io;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AsciiRowsTest {
    @Test
    void numbersAreWrittenAsIntegerToStringWritesThem() throws IOException {
        int[] values = {0, 1, -1, 9, 10, -10, 99, 100, 32767, -32768, 65535, 999_999_999, 1_000_000_000,
                Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE + 1};
        StringBuilder expected = new StringBuilder();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AsciiRows rows = new AsciiRows(bytes);
        for (int v : values) {
            rows.number(v).ascii(',');
            expected.append(v).append(',');
        }
        Random random = new Random(7);
        for (int k = 0; k < 10_000; k++) {
            int v = random.nextInt();
            rows.number(v).text(";x");
            expected.append(v).append(";x");
        }
        rows.flush();
        assertEquals(expected.toString(), bytes.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void rowsLongerThanTheBufferArriveWholeAndInOrder() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AsciiRows rows = new AsciiRows(bytes);
        StringBuilder expected = new StringBuilder();
        for (int k = 0; k < 200_000; k++) { // several times the 64 KB buffer, numbers crossing its end
            rows.number(k).ascii('\n');
            expected.append(k).append('\n');
        }
        rows.flush();
        assertEquals(expected.toString(), bytes.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void aFailingStreamSurfacesAsUncheckedIoException() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        AsciiRows rows = new AsciiRows(broken);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> {
            for (int k = 0; k < 100_000; k++) {
                rows.number(k).ascii('\n');
            }
        });
        assertEquals("disk full", e.getCause().getMessage());
        assertThrows(IOException.class, rows::flush);
    }
}
