package dev.spikeloop.cli.plot;

import dev.spikeloop.chipconfig.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** Writes XChart charts as PNG files, atomically. */
final class Png {
    static {
        // Plots are drawn off-screen; without this a server without a display fails in AWT.
        System.setProperty("java.awt.headless", "true");
    }

    private Png() {
    }

    static void write(Chart<?, ?> chart, Path file) {
        try {
            AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e); // names the file and the reason
        }
    }

    /** Writes {@code charts} one above the other into one PNG. */
    static void writeColumn(List<Chart<?, ?>> charts, Path file) {
        try {
            AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(charts, charts.size(), 1, out,
                    BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + file + ": " + e.getMessage(), e);
        }
    }

    static <C extends Chart<?, ?>> void writeRow(List<C> charts, Path file) {
        try {
            AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(charts, 1, charts.size(), out,
                    BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e); // names the file and the reason
        }
    }
}
