package dev.spikeloop.network.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class DatasetCsvTest {

    @Test
    void roundTripsExactly(@TempDir Path dir) {
        LabelledDataset d = YinYang.generate(100, 11);
        Path f = dir.resolve("yy.csv");
        DatasetCsv.write(d, f);
        assertEquals(d, DatasetCsv.read(f));
    }

    @Test
    void readsTheGeneralLayout() {
        LabelledDataset d = DatasetCsv.parse("f0,f1,f2,label\n0.1,0.2,0.3,1\r\n\n0.5, 0.6 ,0.7,0\n", "t.csv");
        assertFalse(d.isPlane());
        assertEquals(2, d.size());
        assertEquals(3, d.featureCount());
        assertArrayEquals(new double[] {0.5, 0.6, 0.7}, d.features(1));
        assertEquals(0, d.label(1));
        assertEquals(2, d.classCount());
    }

    @Test
    void errorsNameFileLineAndColumn() {
        var e = assertThrows(InvalidDatasetException.class,
                () -> DatasetCsv.parse("x,y,label\n0.1,0.2,1\n0.3,abc,2\n", "t.csv"));
        assertTrue(e.getMessage().contains("t.csv:3"), e.getMessage());
        assertTrue(e.getMessage().contains("'y'"), e.getMessage());

        e = assertThrows(InvalidDatasetException.class, () -> DatasetCsv.parse("x,y,label\n0.1,0.2\n", "t.csv"));
        assertTrue(e.getMessage().contains("t.csv:2") && e.getMessage().contains("expected 3"), e.getMessage());

        e = assertThrows(InvalidDatasetException.class, () -> DatasetCsv.parse("x,y,label\n0.1,0.2,-1\n", "t.csv"));
        assertTrue(e.getMessage().contains("label"), e.getMessage());

        e = assertThrows(InvalidDatasetException.class, () -> DatasetCsv.parse("f0,f2,label\n", "t.csv"));
        assertTrue(e.getMessage().contains("'f1'"), e.getMessage());

        e = assertThrows(InvalidDatasetException.class, () -> DatasetCsv.parse("x,y,label\n0.1,NaN,1\n", "t.csv"));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());

        assertThrows(InvalidDatasetException.class, () -> DatasetCsv.parse("", "t.csv"));
        assertThrows(InvalidDatasetException.class, () -> DatasetCsv.read(Path.of("/nonexistent/x.csv")));
    }

    @Test
    void featureRangeCheckNamesSample() {
        LabelledDataset d = DatasetCsv.parse("f0,label\n0.5,0\n1.5,1\n", "t.csv");
        var e = assertThrows(InvalidDatasetException.class, () -> d.requireFeatureRange(0, 1));
        assertTrue(e.getMessage().contains("sample 1") && e.getMessage().contains("'f0'"), e.getMessage());
    }
}
