package dev.spikeloop.compiler.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.VariableLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer's files read back through jhdf (an independent reader, which also checks the version-2
 * checksums). During development every file shape here was also opened with h5py 3.7.0 / HDF5
 * 1.10.8 (values, {@code string_dtype} strings, {@code h5dump} showing {@code STRSIZE H5T_VARIABLE},
 * and adding members in {@code r+} mode); the tests themselves need no Python.
 */
class Hdf5WriterTest {
    @TempDir
    Path dir;

    @Test
    void everyTypeAndShapeReadsBackThroughJhdf() throws Exception {
        Hdf5Group root = new Hdf5Group();
        root.putString("version", "1.0.7");
        Hdf5Group g = root.group("node");
        g.putFloat64("m", new double[][] {{1.5, -2.25, 3}, {4, Double.MIN_VALUE, -0.0}});
        g.putFloat32("cube", new long[] {2, 1, 2}, new float[] {1.5f, 2, 3, 4});
        g.putInt64("shape", new long[] {5, -1L << 40});
        g.putInt64("scalar", new long[0], new long[] {-7});
        g.putFloat64("one", new long[0], new double[] {0.125});
        g.putFloat64("none", new double[0]);
        g.putStrings("edges", new String[][] {{"a", "b"}, {"h\u00e9llo", "\u4e2d"}, {"lif1.lif", "x/y"}});
        Hdf5Group deeper = g.group("n\u00f6des").group("lif1.lif");
        deeper.putString("type", "CubaLIF");

        try (HdfFile f = read(root)) {
            assertEquals(java.util.Map.of(), f.getAttributes());
            assertEquals("1.0.7", f.getDatasetByPath("version").getData());
            assertArrayEquals(new double[] {1.5, -2.25, 3}, ((double[][]) f.getDatasetByPath("node/m").getData())[0]);
            assertArrayEquals(new double[] {4, Double.MIN_VALUE, -0.0},
                    ((double[][]) f.getDatasetByPath("node/m").getData())[1]);
            Dataset cube = f.getDatasetByPath("node/cube");
            assertArrayEquals(new int[] {2, 1, 2}, cube.getDimensions());
            assertEquals(4, ((FloatingPoint) cube.getDataType()).getSize());
            assertArrayEquals(new float[] {3, 4}, ((float[][][]) cube.getData())[1][0]);
            assertArrayEquals(new long[] {5, -1L << 40}, (long[]) f.getDatasetByPath("node/shape").getData());
            assertTrue(f.getDatasetByPath("node/scalar").isScalar());
            assertEquals(-7L, f.getDatasetByPath("node/scalar").getData());
            assertEquals(0.125, f.getDatasetByPath("node/one").getData());
            assertEquals(0, f.getDatasetByPath("node/none").getSize());
            String[][] edges = (String[][]) f.getDatasetByPath("node/edges").getData();
            assertArrayEquals(new String[] {"h\u00e9llo", "\u4e2d"}, edges[1]);
            assertArrayEquals(new String[] {"lif1.lif", "x/y"}, edges[2]);
            assertEquals("CubaLIF", f.getDatasetByPath("node/n\u00f6des/lif1.lif/type").getData());
            assertEquals(List.of("m", "cube", "shape", "scalar", "one", "none", "edges", "n\u00f6des"),
                    List.copyOf(((Group) f.getChild("node")).getChildren().keySet()));
        }
    }

    @Test
    void stringsAreScalarVariableLengthUtf8AsH5pyWritesThem() throws Exception {
        Hdf5Group root = new Hdf5Group();
        root.putString("type", "NIRGraph");
        root.putStrings("edges", new String[][] {{"in", "out"}});
        try (HdfFile f = read(root)) {
            Dataset type = f.getDatasetByPath("type");
            assertTrue(type.isScalar());
            VariableLength vlen = (VariableLength) type.getDataType(); // class 9, not fixed-length class 3
            assertTrue(vlen.isVariableLengthString());
            assertEquals(StandardCharsets.UTF_8, vlen.getEncoding());
            assertEquals(16, vlen.getSize()); // length + global heap address + index
            assertTrue(((VariableLength) f.getDatasetByPath("edges").getDataType()).isVariableLengthString());
        }
        byte[] bytes = Hdf5Writer.encode(root);
        // the datatype message body exactly as HDF5/h5py encode string_dtype(): class 9 version 1, string,
        // null-terminated, UTF-8, size 16, base type unsigned 8-bit integer
        byte[] h5pyStringType = {0x19, 0x01, 0x01, 0x00, 0x10, 0, 0, 0, 0x10, 0, 0, 0, 0x01, 0, 0, 0, 0, 0, 0x08, 0};
        assertTrue(indexOf(bytes, h5pyStringType) > 0);
        // the text lives in a global heap collection, unterminated, as its own heap object
        int heap = indexOf(bytes, "GCOL".getBytes(StandardCharsets.US_ASCII));
        assertEquals(48, heap); // right after the superblock
        assertTrue(indexOf(bytes, "NIRGraph".getBytes(StandardCharsets.US_ASCII)) > heap);
    }

    @Test
    void manyLinksAndManyStringsFitInOneGroupAndSeveralHeapCollections() throws Exception {
        Hdf5Group root = new Hdf5Group();
        Hdf5Group nodes = root.group("nodes");
        for (int i = 0; i < 40; i++) {
            nodes.group("n" + i).putString("type", "Linear" + i);
        }
        int n = GlobalHeap.MAX_OBJECTS + 10;
        String[][] rows = new String[n][1];
        for (int i = 0; i < n; i++) {
            rows[i][0] = "s" + i;
        }
        root.putStrings("many", rows);
        byte[] bytes = Hdf5Writer.encode(root);
        assertEquals(2, count(bytes, "GCOL".getBytes(StandardCharsets.US_ASCII)));
        try (HdfFile f = read(bytes)) {
            assertEquals(40, ((Group) f.getChild("nodes")).getChildren().size());
            assertEquals("Linear39", f.getDatasetByPath("nodes/n39/type").getData());
            String[][] back = (String[][]) f.getDatasetByPath("many").getData();
            assertEquals("s0", back[0][0]);
            assertEquals("s65534", back[GlobalHeap.MAX_OBJECTS - 1][0]);
            assertEquals("s" + (n - 1), back[n - 1][0]); // in the second collection
        }
    }

    @Test
    void jhdfVerifiesTheChecksumsSoTheReadsAboveCheckThem() throws Exception {
        byte[] good = Hdf5Writer.encode(sample());
        try (HdfFile f = read(good)) {
            assertEquals(1, f.getChildren().get("node") instanceof Group g ? g.getChildren().size() : 0);
        }
        byte[] rootChecksum = good.clone();
        rootChecksum[rootChecksum.length - 1] ^= 1; // the root group's header is written last
        assertThrows(Exception.class, () -> {
            try (HdfFile f = read(rootChecksum)) {
                f.getChildren();
            }
        });
        byte[] superblockChecksum = good.clone();
        superblockChecksum[47] ^= 1;
        assertThrows(Exception.class, () -> read(superblockChecksum).close());
    }

    @Test
    void theSameTreeGivesTheSameBytes() {
        assertArrayEquals(Hdf5Writer.encode(sample()), Hdf5Writer.encode(sample()));
    }

    @Test
    void namesHdf5CannotHoldAreRefusedWithTheReason() {
        Hdf5Group g = new Hdf5Group();
        g.putString("a", "x");
        assertMessage(() -> g.group(""), "'': an HDF5 name cannot be empty");
        assertMessage(() -> g.group("fc/1"), "'fc/1': an HDF5 name cannot contain '/'");
        assertMessage(() -> g.putString(".", "x"), "'.': an HDF5 name cannot be '.'");
        assertMessage(() -> g.putString("a\0b", "x"), "NUL");
        assertMessage(() -> g.putString("\ud800", "x"), "unpaired surrogate");
        assertMessage(() -> g.putString("a", "y"), "'a' already exists in this group");
        assertMessage(() -> g.putFloat64("bad", new double[][] {{1, 2}, {3}}), "row 1 has 1 elements");
        assertMessage(() -> g.putFloat64("bad", new long[] {2, 2}, new double[3]), "holds 4 elements, got 3");
        assertMessage(() -> g.putStrings("bad", new String[][] {{null}}), "string element 0 is null");
    }

    private static Hdf5Group sample() {
        Hdf5Group root = new Hdf5Group();
        root.putString("version", "1.0.7");
        root.group("node").putFloat64("w", new double[][] {{1, 2}, {3, 4}});
        return root;
    }

    private HdfFile read(Hdf5Group root) throws Exception {
        return read(Hdf5Writer.encode(root));
    }

    private HdfFile read(byte[] bytes) throws Exception {
        Path file = Files.createTempFile(dir, "w", ".h5");
        Files.write(file, bytes);
        return new HdfFile(file);
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String part) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(part), x.getMessage());
    }

    static int indexOf(byte[] hay, byte[] needle) {
        List<Integer> at = positions(hay, needle);
        return at.isEmpty() ? -1 : at.get(0);
    }

    private static int count(byte[] hay, byte[] needle) {
        return positions(hay, needle).size();
    }

    private static List<Integer> positions(byte[] hay, byte[] needle) {
        List<Integer> at = new ArrayList<>();
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            at.add(i);
        }
        return at;
    }
}
