package dev.spikeloop.network.io;

import dev.spikeloop.chipconfig.io.AtomicFiles;
import dev.spikeloop.chipconfig.io.TextFiles;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.InvalidNetworkException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Input spikes in float time as CSV (network-format.md): header {@code time,channel}, one row per
 * spike (seconds, 0-based channel), rows in any order. Errors name the file and line.
 */
public final class InputSpikesCsv {
    /** The header line. */
    public static final String HEADER = "time,channel";

    private InputSpikesCsv() {
    }

    /** Reads a spike file for a network with {@code channels} inputs; a channel outside {@code [0, channels)} is an error. */
    public static InputSpikes read(Path path, int channels) {
        return parse(readText(path), path.toString(), channels);
    }

    /** Reads a spike file; the channel count is one more than the largest channel seen. */
    public static InputSpikes read(Path path) {
        return parse(readText(path), path.toString(), -1);
    }

    private static String readText(Path path) {
        if (!Files.exists(path) && !path.toString().isEmpty()) {
            throw new InvalidNetworkException(path + ": file not found");
        }
        return TextFiles.readUtf8Unchecked(path, "input spikes");
    }

    /**
     * Parses CSV text; {@code source} names it in errors; {@code channels < 0} means "infer from
     * the largest channel".
     */
    public static InputSpikes parse(String text, String source, int channels) {
        String[] lines = text.split("\r?\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first == lines.length) {
            throw new InvalidNetworkException(source + ": empty file, expected the header '" + HEADER + "'");
        }
        String header = stripBom(lines[first]).replace(" ", "").trim();
        if (!header.equals(HEADER)) {
            throw new InvalidNetworkException(source + ":" + (first + 1) + ": expected the header '" + HEADER
                    + "', got '" + lines[first].trim() + "'");
        }
        List<double[]> pairs = new ArrayList<>();
        int maxChannel = -1;
        for (int i = first + 1; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            String at = source + ":" + (i + 1);
            String[] cells = line.split(",", -1);
            if (cells.length != 2) {
                throw new InvalidNetworkException(at + ": expected 2 values 'time,channel', got " + cells.length);
            }
            double time;
            try {
                time = Double.parseDouble(cells[0].trim());
            } catch (NumberFormatException e) {
                throw new InvalidNetworkException(at + ": time '" + cells[0].trim() + "' is not a number");
            }
            if (!Double.isFinite(time) || time < 0) {
                throw new InvalidNetworkException(at + ": time must be a finite number >= 0 seconds, got " + cells[0].trim());
            }
            int channel;
            try {
                channel = Integer.parseInt(cells[1].trim());
            } catch (NumberFormatException e) {
                throw new InvalidNetworkException(at + ": channel '" + cells[1].trim() + "' is not an integer");
            }
            if (channel < 0 || (channels >= 0 && channel >= channels)) {
                throw new InvalidNetworkException(at + ": channel " + channel + " is out of range, the network has "
                        + (channels < 0 ? "channels from 0" : channels + " input channels (0.." + (channels - 1) + ")"));
            }
            maxChannel = Math.max(maxChannel, channel);
            pairs.add(new double[] {time, channel});
        }
        return InputSpikes.of(channels >= 0 ? channels : maxChannel + 1, pairs);
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** Writes the spikes atomically, sorted by time then channel; times round-trip exactly. */
    public static void write(InputSpikes spikes, Path path) {
        AtomicFiles.writeStringUnchecked(path, format(spikes));
    }

    /** The CSV text for {@code spikes}. */
    public static String format(InputSpikes spikes) {
        List<double[]> rows = new ArrayList<>(spikes.count());
        for (int c = 0; c < spikes.channels(); c++) {
            for (double t : spikes.times(c)) {
                rows.add(new double[] {t, c});
            }
        }
        rows.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (double[] r : rows) {
            sb.append(formatTime(r[0])).append(',').append((int) r[1]).append('\n');
        }
        return sb.toString();
    }

    /** Shortest decimal that parses back to the same double, without an exponent. */
    public static String formatTime(double t) {
        return BigDecimal.valueOf(t).toPlainString();
    }
}
