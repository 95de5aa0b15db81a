package dev.spikeloop.network.data;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Data sets of any size are generated and written sample by sample, with the same bytes as in memory. */
class StreamedDatasetTest {
    @Test
    void streamedGenerationWritesWhatTheInMemoryPathWrites() throws IOException {
        LabelledDataset inMemory = YinYang.generate(500, 7);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DatasetCsv.RowWriter w = DatasetCsv.rowWriter(bytes, LabelledDataset.PLANE_COLUMNS);
        YinYang.stream(500, 7, (x, y, label) -> {
            try {
                w.row(new double[] {x, y}, label);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        w.flush();
        assertEquals(DatasetCsv.format(inMemory), bytes.toString(StandardCharsets.UTF_8));
    }
}
