package dev.spikeloop.compiler.nir;

import dev.spikeloop.compiler.quantize.Networks;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InvalidNetworkException;
import dev.spikeloop.network.LayerDetail;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.network.SecondSynapse;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.VariableLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NIR export: round trips through {@link NirImporter}, the file's structure as jhdf reads it
 * (variable-length strings, no attributes, names), a golden file, and refused input.
 *
 * <p>The golden file {@code nir-export/golden.nir} was written by {@link NirExporter} for
 * {@link #goldenNetwork()} and checked on 2026-11-30 with h5py 3.7.0 (HDF5 1.10.8): it opens,
 * {@code f['node/nodes/hidden.lif']['type'][()]} is {@code b'CubaLIF'} ({@code bytes}, the same kind
 * of object as in files written by {@code nir.write}), {@code h5py.check_string_dtype} gives
 * {@code string_info(encoding='utf-8', length=None)} for every {@code type}, {@code version} and
 * {@code edges}, and {@code h5dump -H} shows {@code STRSIZE H5T_VARIABLE; CSET H5T_CSET_UTF8} for
 * them. Comparing bytes keeps the writer from changing silently: after an intended change, replace
 * the fixture with {@code target/golden-actual.nir} and repeat that check (docs/compiler.md). The 25
 * files the shared-files round trip writes were checked the same way on the same day: all open in
 * h5py and {@code h5dump}, all 167 node {@code type}s are scalar variable-length UTF-8 strings read
 * as {@code bytes}, as in {@code produced/snntorch_leaky_bias.nir} written by {@code nir.write}.
 */
class NirExportTest {
    /** The LIF/LI synaptic stand-in of the import options, so LIF layers come back with their own tauSyn. */
    private static final double LIF_TAU_SYN = 0.0015;
    private static final NirImportOptions OPTIONS = new NirImportOptions(0.05, LIF_TAU_SYN, 1.0);

    @TempDir
    Path dir;

    @Test
    void recurrentNetworkRoundTrips() throws Exception {
        FloatNetwork net = Networks.random(3, 4, new int[] {9, 5}, 3, true);
        for (int i = 0; i < 9; i++) {
            net.layer(0).recurrent()[i][i] = 0; // not counted: written as 0
        }
        assertRoundTrip(net);
    }

    @Test
    void perNeuronValuesBiasesAndSelfConnectionsRoundTrip() throws Exception {
        assertRoundTrip(goldenNetwork());
    }

    @Test
    void lifLayersAndAnLiReadoutRoundTripAsLifAndLi() throws Exception {
        Random rnd = new Random(7);
        int n = 6;
        LayerSpec lif = new LayerSpec("lif1.lif", n, LIF_TAU_SYN, 0.02, 0.9, Networks.gaussian(rnd, n, 3, 1), null,
                new LayerDetail(null, new double[] {0.02, 0.03, 0.02, 0.04, 0.02, 0.02}, null, null, false, true, true));
        LayerSpec li = new LayerSpec("readout", 2, LIF_TAU_SYN, 0.01, 1.0, Networks.gaussian(rnd, 2, n, 1), null,
                new LayerDetail(null, null, null, new double[] {0.1, -0.2}, false, false, true));
        FloatNetwork net = new FloatNetwork(3, 0.05, List.of(lif, li));
        Path file = dir.resolve("lif.nir");
        NirExporter.write(net, file);
        try (HdfFile f = new HdfFile(file)) {
            assertEquals("LIF", f.getDatasetByPath("node/nodes/lif1.lif/type").getData());
            assertFalse(((Group) f.getByPath("node/nodes/lif1.lif")).getChildren().containsKey("tau_syn"));
            assertEquals("LI", f.getDatasetByPath("node/nodes/readout/type").getData());
        }
        FloatNetwork back = NirImporter.read(file, OPTIONS).toFloatNetwork();
        // an LI has no threshold: the importer gives it a scale of its own (documented), everything else returns
        assertSameNetwork(net, back, true);
    }

    @Test
    void aReadoutDecisionRuleNirCannotCarryIsNamedInANote() throws Exception {
        Random rnd = new Random(8);
        LayerSpec hidden = new LayerSpec("hidden", 4, 0.005, 0.01, 1.0, Networks.gaussian(rnd, 4, 3, 1), null);
        LayerSpec li = new LayerSpec("readout", 6, 0.005, 0.01, 1.0, Networks.gaussian(rnd, 6, 4, 1), null,
                new LayerDetail(null, null, null, null, false, false, false).withReadoutWindows(3));
        List<String> notes = NirExporter.write(new FloatNetwork(3, 0.05, List.of(hidden, li)), dir.resolve("w.nir"));
        assertEquals(List.of("the readout's decision rule (3 windows per class) is not part of NIR and is not written; "
                + "the LI neurons are"), notes);
        LayerSpec plain = new LayerSpec("readout", 6, 0.005, 0.01, 1.0, li.weights(), null,
                new LayerDetail(null, null, null, null, false, false, false));
        assertEquals(List.of(), NirExporter.write(new FloatNetwork(3, 0.05, List.of(hidden, plain)), dir.resolve("p.nir")));
    }

    @Test
    void everyStringIsAVariableLengthUtf8ScalarAndThereAreNoAttributes() throws Exception {
        Path file = dir.resolve("net.nir");
        NirExporter.write(goldenNetwork(), file);
        try (HdfFile f = new HdfFile(file)) {
            assertEquals(Map.of(), f.getAttributes());
            assertEquals(NirExporter.NIR_VERSION, f.getDatasetByPath("version").getData());
            List<String> strings = new ArrayList<>();
            collectStrings(f, strings);
            // version, the graph's type and edges, and the type of each of its 7 nodes
            assertEquals(10, strings.size(), strings.toString());
            for (Group g : List.of((Group) f.getChild("node"))) {
                assertTrue(g.getAttributes().isEmpty());
            }
        }
        // the reader treats it as a current NIR file: no old-version notes
        assertTrue(NirImporter.read(file, OPTIONS).notes().stream().noneMatch(s -> s.contains("old NIR version")));
    }

    @Test
    void theWriterMatchesTheGoldenFileH5pyWasCheckedOn() throws Exception {
        Path file = dir.resolve("golden.nir");
        NirExporter.write(goldenNetwork(), file);
        byte[] actual = Files.readAllBytes(file);
        byte[] expected = null;
        try (InputStream in = NirExportTest.class.getResourceAsStream("/nir-export/golden.nir")) {
            if (in != null) {
                expected = in.readAllBytes();
            }
        }
        if (!java.util.Arrays.equals(expected, actual)) {
            Files.write(Path.of("target", "golden-actual.nir"), actual);
            assertNotNull(expected, "missing test resource nir-export/golden.nir");
            assertArrayEquals(expected, actual, "the NIR writer's bytes changed; see the class comment");
        }
        // and the fixture itself is what the importer expects
        try (HdfFile f = new HdfFile(file)) {
            assertEquals("CubaLIF", f.getDatasetByPath("node/nodes/hidden.lif/type").getData());
        }
    }

    @Test
    void namesAreKeptAndOnlyCollisionsAreRenamedWithANote() throws Exception {
        Random rnd = new Random(1);
        List<LayerSpec> layers = List.of(
                plain("enc.fc1", 3, 2, rnd), plain("input", 3, 3, rnd), plain("w_x", 3, 3, rnd),
                plain("x", 3, 3, rnd), plain("", 2, 3, rnd));
        FloatNetwork net = new FloatNetwork(2, 0.05, layers);
        Path file = dir.resolve("names.nir");
        List<String> notes = NirExporter.write(net, file);
        assertEquals(List.of(
                "layer 1 ('input'): the name is taken by another node; written as NIR node 'layer1'",
                "layer 3 ('x'): the name is taken by another node; written as NIR node 'layer3'",
                "layer 4 has no name: written as NIR node 'layer4'"), notes);
        List<String> names = NirImporter.read(file, OPTIONS).layers().stream().map(LayerSpec::name).toList();
        assertEquals(List.of("enc.fc1", "layer1", "w_x", "layer3", "layer4"), names);
    }

    @Test
    void namesHdf5CannotStoreAreRefusedAndNothingIsWritten() throws Exception {
        Path file = dir.resolve("bad.nir");
        Files.writeString(file, "previous content");
        Random rnd = new Random(2);
        FloatNetwork net = new FloatNetwork(2, 0.05, List.of(plain("enc/fc1", 3, 2, rnd), plain("out", 2, 3, rnd)));
        var e = assertThrows(InvalidNetworkException.class, () -> NirExporter.write(net, file));
        assertEquals("cannot export the network as NIR: layer 0 ('enc/fc1'): its name cannot be a NIR node name:"
                + " an HDF5 name cannot contain '/' (the path separator); rename the layer", e.getMessage());
        assertEquals("previous content", Files.readString(file));
        assertEquals(List.of(file), listDir());
        FloatNetwork dot = new FloatNetwork(2, 0.05, List.of(plain(".", 3, 2, rnd), plain("out", 2, 3, rnd)));
        e = assertThrows(InvalidNetworkException.class, () -> NirExporter.write(dot, file));
        assertTrue(e.getMessage().contains("layer 0 ('.'): its name cannot be a NIR node name: an HDF5 name cannot"
                + " be '.'"), e.getMessage());
        FloatNetwork longName = new FloatNetwork(2, 0.05, List.of(plain("x".repeat(64_998), 3, 2, rnd),
                plain("out", 2, 3, rnd)));
        e = assertThrows(InvalidNetworkException.class, () -> NirExporter.write(longName, file));
        assertTrue(e.getMessage().contains("an HDF5 name is at most 65000 bytes of UTF-8"), e.getMessage());
    }

    @Test
    void nonFiniteValuesAndSecondSynapsesAreRefused() throws Exception {
        FloatNetwork net = Networks.random(5, 3, new int[] {4}, 2, false);
        net.layer(1).weights()[1][2] = Double.NaN; // changed in place after the network was built
        Path file = dir.resolve("nan.nir");
        InvalidNetworkException e = assertThrows(InvalidNetworkException.class, () -> NirExporter.write(net, file));
        assertTrue(e.getMessage().startsWith("cannot export the network as NIR: layer 1 ('out'): weights row 1"
                + " column 2 is NaN"), e.getMessage());

        Random rnd = new Random(3);
        LayerSpec two = plain("h", 4, 3, rnd).withDetail(LayerDetail.PLAIN.withSynapse2(
                new SecondSynapse(new double[] {0.002, 0.002, 0.002, 0.002}, Networks.gaussian(rnd, 4, 3, 1), null)));
        FloatNetwork syn2 = new FloatNetwork(3, 0.05, List.of(two, plain("o", 2, 4, rnd)));
        e = assertThrows(InvalidNetworkException.class, () -> NirExporter.write(syn2, file));
        assertTrue(e.getMessage().contains("layer 0 ('h') has a second synaptic current (synapse2); NIR has no neuron"
                + " type with two synaptic currents"), e.getMessage());
        assertEquals(List.of(), listDir());
    }

    @Test
    void everySharedFileThatImportsExportsAndImportsBackToTheSameNetwork() throws Exception {
        java.util.Optional<Path> shared = SharedNirCasesTest.folder();
        org.junit.jupiter.api.Assumptions.assumeTrue(shared.isPresent(), "../shared/nir-cases not present");
        int exported = 0;
        for (String sub : List.of("real", "produced")) {
            List<Path> files;
            try (var s = Files.list(shared.get().resolve(sub))) {
                files = s.filter(p -> p.toString().endsWith(".nir")).sorted().toList();
            }
            for (Path f : files) {
                FloatNetwork net;
                try {
                    net = NirImporter.read(f, OPTIONS).toFloatNetwork();
                } catch (InvalidNirException | InvalidNetworkException refused) {
                    continue; // refused on import: SharedNirCasesTest checks the reason
                }
                Path out = dir.resolve(sub + "_" + f.getFileName());
                NirExporter.write(net, out);
                assertSameNetwork(net, NirImporter.read(out, OPTIONS).toFloatNetwork(), true);
                exported++;
            }
        }
        assertTrue(exported >= 10, "only " + exported + " shared files imported");
    }

    /**
     * Per-neuron time constants and thresholds, biases, a recurrent matrix whose diagonal counts,
     * dotted names (as in old NIR files and PyTorch module paths).
     */
    static FloatNetwork goldenNetwork() {
        Random rnd = new Random(42);
        double[][] rec = Networks.gaussian(rnd, 3, 3, 0.3);
        rec[1][1] = 0.5;
        LayerSpec hidden = new LayerSpec("hidden.lif", 3, 0.002, 0.01, 1.0, round(Networks.gaussian(rnd, 3, 2, 1)),
                round(rec), new LayerDetail(new double[] {0.002, 0.003, 0.004}, new double[] {0.01, 0.02, 0.01},
                new double[] {1.0, 1.25, 0.75}, new double[] {0.0, 0.1, -0.05}, true, true, false));
        LayerSpec out = new LayerSpec("out", 2, 0.005, 0.01, 1.0, round(Networks.gaussian(rnd, 2, 3, 1)), null);
        return new FloatNetwork(2, 0.05, List.of(hidden, out));
    }

    private void assertRoundTrip(FloatNetwork net) throws Exception {
        Path file = dir.resolve("rt.nir");
        NirExporter.write(net, file);
        ImportedNetwork back = NirImporter.read(file, OPTIONS);
        assertSameNetwork(net, back.toFloatNetwork(), false);
        assertEquals(List.of(file), listDir()); // no temporary file left
    }

    /** Equal up to floating-point rounding of the LIF/LI charge scaling; an LI's threshold is not compared. */
    private static void assertSameNetwork(FloatNetwork a, FloatNetwork b, boolean skipLiThreshold) {
        assertEquals(a.inputs(), b.inputs());
        assertEquals(a.layerCount(), b.layerCount());
        for (int l = 0; l < a.layerCount(); l++) {
            LayerSpec x = a.layer(l);
            LayerSpec y = b.layer(l);
            String where = "layer " + l;
            assertEquals(x.name(), y.name(), where);
            assertEquals(x.size(), y.size(), where);
            assertEquals(x.isSpiking(), y.isSpiking(), where);
            assertEquals(x.detail().instantSynapse(), y.detail().instantSynapse(), where);
            assertEquals(x.countsSelfConnections(), y.countsSelfConnections(), where);
            for (int i = 0; i < x.size(); i++) {
                assertEquals(x.tauSynOf(i), y.tauSynOf(i), 1e-15, where);
                assertEquals(x.tauMemOf(i), y.tauMemOf(i), 1e-15, where);
                if (x.isSpiking() || !skipLiThreshold) {
                    assertEquals(x.thresholdOf(i), y.thresholdOf(i), 1e-15, where);
                }
                assertEquals(x.biasOf(i), y.biasOf(i), 1e-15, where);
                assertArrayEquals(x.weights()[i], y.weights()[i], 1e-12, where);
                if (x.recurrent() != null) {
                    assertArrayEquals(x.recurrent()[i], y.recurrent()[i], 1e-12, where);
                }
            }
            assertEquals(x.recurrent() == null, y.recurrent() == null, where);
        }
    }

    private static void collectStrings(Group g, List<String> strings) {
        for (Map.Entry<String, Node> e : g.getChildren().entrySet()) {
            if (e.getValue() instanceof Group sub) {
                collectStrings(sub, strings);
            } else if (e.getValue() instanceof Dataset d && d.getJavaType() == String.class) {
                VariableLength v = assertInstanceOf(d);
                assertTrue(v.isVariableLengthString(), d.getPath());
                assertEquals(StandardCharsets.UTF_8, v.getEncoding(), d.getPath());
                assertEquals(e.getKey().equals("edges"), !d.isScalar(), d.getPath());
                strings.add(d.getPath());
            }
        }
    }

    private static VariableLength assertInstanceOf(Dataset d) {
        assertTrue(d.getDataType() instanceof VariableLength, d.getPath() + ": " + d.getDataType());
        return (VariableLength) d.getDataType();
    }

    private static LayerSpec plain(String name, int size, int fanIn, Random rnd) {
        return new LayerSpec(name, size, 0.005, 0.01, 1.0, Networks.gaussian(rnd, size, fanIn, 1), null);
    }

    /** Weights with few digits, so the golden file's numbers are easy to read in h5dump. */
    private static double[][] round(double[][] m) {
        for (double[] row : m) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.round(row[j] * 1000) / 1000.0;
            }
        }
        return m;
    }

    private List<Path> listDir() throws Exception {
        try (var s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
