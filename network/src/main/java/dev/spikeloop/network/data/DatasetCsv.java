package dev.spikeloop.network.data;

import dev.spikeloop.chipconfig.io.AtomicFiles;
import dev.spikeloop.chipconfig.io.TextFiles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads and writes labelled data set CSV (network-format.md): a header {@code x,y,label} (plane
 * layout) or {@code f0,f1,...,label} (general layout), then one sample per line. Values are
 * decimal numbers, labels non-negative integers. Blank lines are ignored; anything else that does
 * not fit is an error naming the file, line and column.
 */
public final class DatasetCsv {
    private DatasetCsv() {
    }

    /** Reads a data set file. */
    public static LabelledDataset read(Path path) {
        if (!Files.exists(path) && !path.toString().isEmpty()) {
            throw new InvalidDatasetException(path + ": file not found");
        }
        String text = TextFiles.readUtf8Unchecked(path, "data set");
        return parse(text, path.toString());
    }

    /** Parses data set CSV text; {@code source} names it in error messages. */
    public static LabelledDataset parse(String text, String source) {
        String[] lines = text.split("\r?\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first == lines.length) {
            throw new InvalidDatasetException(source + ": empty file, expected a header 'x,y,label' or 'f0,...,label'");
        }
        List<String> columns = header(lines[first], source, first + 1);
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int n = first + 1; n < lines.length; n++) {
            String line = lines[n];
            if (line.isBlank()) {
                continue;
            }
            String where = source + ":" + (n + 1);
            String[] fields = line.split(",", -1);
            if (fields.length != columns.size() + 1) {
                throw new InvalidDatasetException(where + ": expected " + (columns.size() + 1)
                        + " comma-separated fields, got " + fields.length);
            }
            double[] row = new double[columns.size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = number(fields[c].trim(), where, columns.get(c));
            }
            rows.add(row);
            labels.add(label(fields[columns.size()].trim(), where));
        }
        if (rows.isEmpty()) {
            throw new InvalidDatasetException(source + ": no samples after the header (a data set needs at least one row)");
        }
        int[] l = labels.stream().mapToInt(Integer::intValue).toArray();
        return new LabelledDataset(columns, rows.toArray(new double[0][]), l);
    }

    private static List<String> header(String line, String source, int lineNo) {
        List<String> names = Arrays.stream(line.split(",", -1)).map(String::trim).toList();
        String where = source + ":" + lineNo;
        if (names.size() < 2 || !names.get(names.size() - 1).equals("label")) {
            throw new InvalidDatasetException(where + ": header must be 'x,y,label' or 'f0,f1,...,label', got '"
                    + line.trim() + "'");
        }
        List<String> features = names.subList(0, names.size() - 1);
        if (features.equals(LabelledDataset.PLANE_COLUMNS)) {
            return features;
        }
        for (int c = 0; c < features.size(); c++) {
            if (!features.get(c).equals("f" + c)) {
                throw new InvalidDatasetException(where + ": header column " + (c + 1) + " must be 'f" + c
                        + "' (header 'x,y,label' or 'f0,f1,...,label'), got '" + features.get(c) + "'");
            }
        }
        return features;
    }

    private static double number(String s, String where, String column) {
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InvalidDatasetException(where + ": column '" + column + "': not a number: '" + s + "'");
        }
        if (!Double.isFinite(v)) {
            throw new InvalidDatasetException(where + ": column '" + column + "': value must be finite, got '" + s + "'");
        }
        return v;
    }

    private static int label(String s, String where) {
        try {
            int l = Integer.parseInt(s);
            if (l >= 0) {
                return l;
            }
        } catch (NumberFormatException e) {
            // reported below with the rule
        }
        throw new InvalidDatasetException(where + ": column 'label': must be an integer >= 0, got '" + s + "'");
    }

    /** The CSV text of {@code data}; every double round-trips exactly. */
    public static String format(LabelledDataset data) {
        StringBuilder sb = new StringBuilder(32 * (data.size() + 1));
        sb.append(String.join(",", data.columns())).append(",label\n");
        for (int i = 0; i < data.size(); i++) {
            for (double v : data.rows()[i]) {
                sb.append(v).append(',');
            }
            sb.append(data.label(i)).append('\n');
        }
        return sb.toString();
    }

    /** Writes {@code data} to {@code path} atomically. */
    public static void write(LabelledDataset data, Path path) {
        try {
            AtomicFiles.write(path, out -> {
                RowWriter w = rowWriter(out, data.columns());
                for (int i = 0; i < data.size(); i++) {
                    w.row(data.rows()[i], data.label(i));
                }
                w.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Writes the header for {@code columns} to {@code out}, then rows as they come, in the format of {@link #format}. */
    public static RowWriter rowWriter(OutputStream out, List<String> columns) throws IOException {
        return new RowWriter(out, columns);
    }

    /** Streams data set rows, so a data set of any size is written without holding it in memory. */
    public static final class RowWriter {
        private final Writer writer;
        private final StringBuilder row = new StringBuilder(64);

        private RowWriter(OutputStream out, List<String> columns) throws IOException {
            writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            writer.write(String.join(",", columns) + ",label\n");
        }

        /** One sample: its features (every double round-trips exactly) and its label. */
        public void row(double[] features, int label) throws IOException {
            row.setLength(0);
            for (double v : features) {
                row.append(v).append(',');
            }
            writer.append(row.append(label).append('\n'));
        }

        /** Writes out what is buffered (does not close the stream). */
        public void flush() throws IOException {
            writer.flush();
        }
    }
}
