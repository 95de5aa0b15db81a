package dev.spikeloop.runtime.sim;

import dev.spikeloop.chipconfig.io.AtomicFiles;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;

/**
 * Simulated spikes as CSV: header {@code layer,neuron,time}, one row per spike, sorted by time, then
 * layer, then neuron; layer 0 is the first layer after the inputs. Times are written as the shortest
 * decimal that reads back to the same double.
 */
public final class SpikeRecordCsv {
    /** The header line. */
    public static final String HEADER = "layer,neuron,time";

    private SpikeRecordCsv() {
    }

    /** The CSV text of a record. */
    public static String format(SpikeRecord record) {
        List<double[]> rows = new ArrayList<>(record.count());
        for (int p = 0; p < record.layers(); p++) {
            for (int i = 0; i < record.times()[p].length; i++) {
                for (double t : record.times()[p][i]) {
                    rows.add(new double[] {t, p, i});
                }
            }
        }
        rows.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0])
                : a[1] != b[1] ? Double.compare(a[1], b[1]) : Double.compare(a[2], b[2]));
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (double[] r : rows) {
            sb.append((int) r[1]).append(',').append((int) r[2]).append(',')
                    .append(BigDecimal.valueOf(r[0]).toPlainString()).append('\n');
        }
        return sb.toString();
    }

    /** Writes the record atomically. */
    public static void write(SpikeRecord record, Path path) {
        AtomicFiles.writeStringUnchecked(path, format(record));
    }
}
