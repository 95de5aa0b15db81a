package dev.spikeloop.chipconfig.npy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NPY/NPZ against files written by NumPy (fixtures from make_fixtures.py, values by its formulas). */
class NpyTest {
    @TempDir
    Path dir;

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = NpyTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return in.readAllBytes();
        }
    }

    static Path fixturePath(String name) throws URISyntaxException {
        return Path.of(NpyTest.class.getResource(name).toURI());
    }

    private static NpyArray read(String name) throws IOException {
        return Npy.read(fixture(name), name);
    }

    private static long[] longs(NpyArray a) {
        long[] v = new long[a.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = a.longAt(k);
        }
        return v;
    }

    private static long[] formula(int n, long step, long offset) {
        long[] v = new long[n];
        for (int k = 0; k < n; k++) {
            v[k] = k * step + offset;
        }
        return v;
    }

    @ParameterizedTest
    @CsvSource({"int8.npy,INT8,6,1,-3", "uint8.npy,UINT8,6,50,0", "int16.npy,INT16,6,13000,-32768",
            "uint16.npy,UINT16,6,13000,0", "int32-big-endian.npy,INT32,6,1000003,-2000000",
            "uint32.npy,UINT32,4,1000000000,0", "int64.npy,INT64,4,3000000000,-5000000000", "uint64.npy,UINT64,4,7,0"})
    void readsEveryIntegerTypeNumpyWrites(String file, NpyDtype dtype, int n, long step, long offset) throws IOException {
        NpyArray a = read(file);
        assertEquals(dtype, a.dtype());
        assertArrayEquals(formula(n, step, offset), longs(a));
    }

    @Test
    void shapesFloatsBooleansAndScalars() throws IOException {
        assertArrayEquals(new int[] {2, 3}, read("int8.npy").shape());
        assertArrayEquals(new int[] {3, 2}, read("int32-big-endian.npy").shape());
        NpyArray f32 = read("float32.npy");
        assertEquals(NpyDtype.FLOAT32, f32.dtype());
        for (int k = 0; k < 5; k++) {
            assertEquals(k * 0.25 - 0.5, f32.doubleAt(k));
        }
        NpyArray f64 = read("float64.npy");
        for (int k = 0; k < 5; k++) {
            assertEquals(k / 3.0, f64.doubleAt(k));
        }
        assertArrayEquals(new long[] {1, 0, 1}, longs(read("bool.npy")));
        NpyArray s = read("scalar-float64.npy");
        assertEquals(0, s.ndim());
        assertEquals(0.00032, s.doubleAt(0));
        assertEquals("()", s.shapeText());
        assertEquals(-7, read("scalar-int64.npy").longAt(0));
        NpyArray empty = read("empty.npy");
        assertArrayEquals(new int[] {0, 4}, empty.shape());
        assertEquals(0, empty.size());
        NpyArray three = read("three-d.npy");
        assertArrayEquals(new int[] {2, 3, 2}, three.shape());
        assertArrayEquals(formula(12, 1, -6), longs(three));
    }

    @Test
    void fortranOrderComesBackInCOrder() throws IOException {
        NpyArray a = read("fortran-int16.npy");
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(formula(6, 7, 0), longs(a));
    }

    @ParameterizedTest
    @CsvSource({"unicode.npy,<U2", "complex.npy,<c16", "object.npy,|O"})
    void unsupportedTypesAreNamed(String file, String dtype) {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> read(file));
        assertTrue(e.getMessage().startsWith(file + ": dtype '" + dtype + "' is not supported"), e.getMessage());
    }

    @Test
    void truncatedOrForeignBytesAreRefused() throws IOException {
        byte[] good = fixture("int16.npy");
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 1);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(cut, "cut.npy"));
        assertEquals("cut.npy: truncated data: shape (6,) of int16 needs 12 bytes, the file has 11", e.getMessage());
        NpyFormatException f = assertThrows(NpyFormatException.class, () -> Npy.read("hello world".getBytes(), "x.npy"));
        assertEquals("x.npy: not an NPY array (no \\x93NUMPY magic)", f.getMessage());
    }

    @Test
    void writerMatchesNumpyByteForByte() throws IOException {
        assertArrayEquals(fixture("int8.npy"), Npy.write(NpyArray.ofLongs(NpyDtype.INT8, new int[] {2, 3},
                formula(6, 1, -3))));
        assertArrayEquals(fixture("int16.npy"), Npy.write(NpyArray.ofLongs(NpyDtype.INT16, new int[] {6},
                formula(6, 13000, -32768))));
        assertArrayEquals(fixture("scalar-float64.npy"), Npy.write(NpyArray.scalar(0.00032)));
        assertArrayEquals(fixture("scalar-int64.npy"), Npy.write(NpyArray.scalar(NpyDtype.INT64, -7)));
    }

    @Test
    void writeThenReadIsTheIdentity() throws IOException {
        List<NpyArray> arrays = List.of(
                NpyArray.ofLongs(NpyDtype.UINT8, new int[] {3, 1}, new long[] {0, 128, 255}),
                NpyArray.ofLongs(NpyDtype.INT32, new int[] {2, 0, 3}, new long[0]),
                NpyArray.ofLongs(NpyDtype.BOOL, new int[] {2}, new long[] {1, 0}),
                NpyArray.ofDoubles(NpyDtype.FLOAT32, new int[] {2}, new double[] {0.1, -3}),
                NpyArray.ofLongs(NpyDtype.INT64, new int[] {1}, new long[] {Long.MIN_VALUE}));
        for (NpyArray a : arrays) {
            assertEquals(a, Npy.read(Npy.write(a), "a.npy"));
        }
        assertThrows(IllegalArgumentException.class, () -> NpyArray.ofLongs(NpyDtype.INT8, new int[] {1}, new long[] {128}));
    }

    @Test
    void npzStoredAndCompressedFromNumpy() throws Exception {
        for (String name : List.of("stored.npz", "compressed.npz")) {
            Map<String, NpyArray> m = Npz.read(fixturePath(name));
            assertEquals(List.of("a", "b"), List.copyOf(m.keySet()));
            assertArrayEquals(formula(4, 1, -2), longs(m.get("a")));
            assertEquals(1.5, m.get("b").doubleAt(0));
        }
    }

    @Test
    void npzRoundTripAndBadArchives() throws IOException {
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put("weights", NpyArray.ofLongs(NpyDtype.INT8, new int[] {2, 2}, new long[] {1, -2, 3, -4}));
        m.put("dt", NpyArray.scalar(1e-3));
        Path p = dir.resolve("x.npz");
        Npz.write(m, p);
        assertEquals(m, Npz.read(p));

        Path notZip = dir.resolve("bad.npz");
        Files.writeString(notZip, "not a zip");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npz.read(notZip));
        assertTrue(e.getMessage().startsWith(notZip + ": not an NPZ archive"), e.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Npz.read(dir.resolve("missing.npz")));
    }
}
