package dev.spikeloop.network.spikedata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpikeDatasetHdf5Test {
    @TempDir
    Path dir;

    /** The values make_fixtures.py writes. */
    private static final double[][] TIMES = {{0.0012, 0.0012, 0.0305, 0.5, 0.731}, {}, {0.1, 0.2, 0.25}};
    private static final int[][] UNITS = {{0, 699, 350, 43, 44}, {}, {10, 10, 699}};
    private static final int[] LABELS = {3, 0, 19};

    private Path fixture(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/spikedata/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void readsTheHeidelbergLayoutWrittenByH5pyExactly() throws IOException {
        SpikeTrainDataset d = SpikeDatasetHdf5.read(fixture("shd-small.h5"));
        assertEquals(700, d.channels());
        assertEquals(20, d.classNames().size());
        assertEquals("class-19", d.classNames().get(19));
        assertEquals(3, d.size());
        String[] speakers = {"1", "4", "2"};
        for (int i = 0; i < 3; i++) {
            SpikeSample s = d.sample(i);
            double[] expected = new double[TIMES[i].length];
            for (int k = 0; k < expected.length; k++) {
                expected[k] = (float) TIMES[i][k]; // stored as float32
            }
            assertArrayEquals(expected, s.times(), 0.0);
            assertArrayEquals(UNITS[i], s.channels());
            assertEquals(LABELS[i], s.label());
            assertEquals(speakers[i], s.speaker());
        }
    }

    @Test
    void readsHalfPrecisionTimes() throws IOException {
        SpikeTrainDataset d = SpikeDatasetHdf5.read(fixture("shd-float16.h5"));
        assertEquals(0.0011997223, d.sample(0).times()[0], 1e-9);
        assertArrayEquals(UNITS[2], d.sample(2).channels());
    }

    @Test
    void readsTheFlatLayoutWrittenByH5py() throws IOException {
        SpikeTrainDataset d = SpikeDatasetHdf5.read(fixture("flat-small.h5"));
        assertEquals(700, d.channels());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(TIMES[i], d.sample(i).times(), 0.0);
            assertArrayEquals(UNITS[i], d.sample(i).channels());
        }
        assertEquals("bob", d.sample(1).speaker());
        assertEquals("c.wav", d.sample(2).source());
    }

    @Test
    void writeThenReadIsTheIdentity() throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        List<SpikeSample> samples = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = r.nextInt(0, 200);
            double[] t = new double[n];
            int[] c = new int[n];
            double now = 0;
            for (int k = 0; k < n; k++) {
                now += r.nextInt(3) == 0 ? 0 : r.nextDouble() * 0.01; // ties happen
                t[k] = now;
                c[k] = r.nextInt(16);
            }
            samples.add(new SpikeSample(t, c, r.nextInt(10), i % 3 == 0 ? "" : "spk" + (i % 4), "f" + i + ".wav"));
        }
        SpikeTrainDataset d = new SpikeTrainDataset(16, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                samples, Map.of("dt", "0.01", "frontend", "{\"bands\":16}"));
        Path p = dir.resolve("round.h5");
        SpikeDatasetHdf5.write(d, p);
        SpikeTrainDataset back = SpikeDatasetHdf5.read(p);
        assertEquals(d, back);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void roundTripWithoutMetadataOrClassNames() {
        SpikeTrainDataset d = SpikeTrainDataset.of(3, List.of(),
                List.of(SpikeSample.of(new double[] {0.5}, new int[] {2}, 4), SpikeSample.of(new double[0], new int[0], 0)));
        Path p = dir.resolve("plain.h5");
        SpikeDatasetHdf5.write(d, p);
        assertEquals(d, SpikeDatasetHdf5.read(p));
        assertEquals(5, SpikeDatasetHdf5.read(p).classCount());
        SpikeTrainDataset none = SpikeTrainDataset.of(16, List.of("a"), List.of());
        Path q = dir.resolve("none.h5");
        var e = assertThrows(InvalidSpikeDataException.class, () -> SpikeDatasetHdf5.write(none, q));
        assertTrue(e.getMessage().contains("nothing to write, the data set has 0 samples"), e.getMessage());
        assertThrows(InvalidSpikeDataException.class, () -> SpikeDatasetHdf5.write(SpikeTrainDataset.of(2, List.of(),
                List.of(SpikeSample.of(new double[0], new int[0], 0))), q));
        assertFalse(Files.exists(q));
    }

    @Test
    void poolsSevenHundredChannelsToSixteen() throws IOException {
        SpikeTrainDataset d = ChannelPooling.pool(SpikeDatasetHdf5.read(fixture("shd-small.h5")), 16);
        assertEquals(16, d.channels());
        assertArrayEquals(new int[] {0, 15, 8, 0, 1}, d.sample(0).channels());
        assertEquals("700", d.attributes().get("pooled_from_channels"));
        int[] blocks = new int[16];
        for (int c = 0; c < 700; c++) {
            blocks[ChannelPooling.target(c, 700, 16)]++;
        }
        for (int b : blocks) {
            assertTrue(b == 43 || b == 44, "block size " + b);
        }
        assertThrows(InvalidSpikeDataException.class, () -> ChannelPooling.pool(d, 17));
    }

    @Test
    void badDataIsANamedError() {
        var e = assertThrows(InvalidSpikeDataException.class, () -> SpikeTrainDataset.of(16, List.of(),
                List.of(SpikeSample.of(new double[0], new int[0], 0), SpikeSample.of(new double[] {0.1}, new int[] {16}, 0))));
        assertTrue(e.getMessage().contains("sample 1 spike 0: channel 16 is out of range"), e.getMessage());
        e = assertThrows(InvalidSpikeDataException.class, () -> SpikeSample.of(new double[] {-0.1}, new int[] {0}, 0));
        assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
        e = assertThrows(InvalidSpikeDataException.class,
                () -> SpikeSample.of(new double[] {0.2, 0.1}, new int[] {0, 0}, 0));
        assertTrue(e.getMessage().contains("sorted"), e.getMessage());
        e = assertThrows(InvalidSpikeDataException.class, () -> SpikeTrainDataset.of(4, List.of("a", "b"),
                List.of(SpikeSample.of(new double[0], new int[0], 2))));
        assertTrue(e.getMessage().contains("sample 0: label 2 is out of range"), e.getMessage());
    }

    @Test
    void badFilesNameTheFileAndSample() throws IOException {
        Path p = dir.resolve("bad.h5");
        // an h5 written by us, then edited through the API would be valid; build bad content directly
        try (var w = io.jhdf.HdfFile.write(p)) {
            w.putAttribute("format", SpikeDatasetHdf5.FORMAT);
            w.putAttribute("version", 1);
            w.putAttribute("channels", 4);
            var s = w.putGroup("spikes");
            s.putDataset("times", new double[] {0.1, 0.2, 0.05});
            s.putDataset("units", new int[] {0, 1, 2});
            s.putDataset("offsets", new long[] {0, 1, 3});
            w.putDataset("labels", new int[] {0, 1});
        }
        var e = assertThrows(InvalidSpikeDataException.class, () -> SpikeDatasetHdf5.read(p));
        assertTrue(e.getMessage().contains("bad.h5 sample 1: spike 1: times must be sorted"), e.getMessage());

        Path q = dir.resolve("range.h5");
        try (var w = io.jhdf.HdfFile.write(q)) {
            w.putAttribute("format", SpikeDatasetHdf5.FORMAT);
            w.putAttribute("version", 1);
            w.putAttribute("channels", 4);
            var s = w.putGroup("spikes");
            s.putDataset("times", new double[] {0.1, 0.2});
            s.putDataset("units", new int[] {0, 9});
            s.putDataset("offsets", new long[] {0, 1, 2});
            w.putDataset("labels", new int[] {0, 1});
        }
        e = assertThrows(InvalidSpikeDataException.class, () -> SpikeDatasetHdf5.read(q));
        assertTrue(e.getMessage().contains("range.h5: sample 1 spike 0: channel 9 is out of range"), e.getMessage());

        Path l = dir.resolve("labels.h5");
        try (var w = io.jhdf.HdfFile.write(l)) {
            w.putAttribute("format", SpikeDatasetHdf5.FORMAT);
            w.putAttribute("version", 1);
            w.putAttribute("channels", 4);
            var s = w.putGroup("spikes");
            s.putDataset("times", new double[] {0.1});
            s.putDataset("units", new int[] {0});
            s.putDataset("offsets", new long[] {0, 1, 1});
            w.putDataset("labels", new int[] {0, 2});
            w.putGroup("extra").putDataset("keys", new String[] {"yes", "no"});
        }
        e = assertThrows(InvalidSpikeDataException.class, () -> SpikeDatasetHdf5.read(l));
        assertTrue(e.getMessage().contains("labels.h5: sample 1: label 2 is out of range, the data set has 2 classes"),
                e.getMessage());
    }

    @Test
    void aTruncatedFileIsANamedError() throws IOException {
        Path full = fixture("flat-small.h5");
        byte[] bytes = Files.readAllBytes(full);
        for (int cut : new int[] {0, 100, bytes.length / 2, bytes.length - 200}) {
            Path p = dir.resolve("cut" + cut + ".h5");
            Files.write(p, java.util.Arrays.copyOf(bytes, cut));
            var e = assertThrows(InvalidSpikeDataException.class, () -> SpikeDatasetHdf5.read(p), "cut at " + cut);
            assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        }
        var e = assertThrows(InvalidSpikeDataException.class, () -> SpikeDatasetHdf5.read(dir.resolve("none.h5")));
        assertTrue(e.getMessage().contains("file not found"));
        assertFalse(SpikeDatasetHdf5.isHdf5Name(Path.of("a.csv")));
    }
}
