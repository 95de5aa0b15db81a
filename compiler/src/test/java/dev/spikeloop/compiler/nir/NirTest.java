package dev.spikeloop.compiler.nir;

import dev.spikeloop.compiler.drc.CompilationException;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.compiler.quantize.Networks;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NirTest {
    private static final NirImportOptions OPTIONS = NirImportOptions.forDt(0.001);

    @TempDir
    Path dir;

    @Test
    void exportThenImportGivesTheSameNetwork() throws Exception {
        FloatNetwork net = Networks.random(11, 5, new int[] {12, 7}, 3, true);
        zeroDiagonal(net.layer(0).recurrent());
        Path file = dir.resolve("net.nir");
        NirExporter.write(net, file);
        ImportedNetwork back = NirImporter.read(file, new NirImportOptions(net.tEnd(), 0.001));
        assertEquals(List.of(), back.notes());
        assertEquals(net, back.toFloatNetwork());
        // no temp files are left behind
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void exportedFileHasTheNirLayout() throws Exception {
        FloatNetwork net = Networks.random(12, 2, new int[] {4}, 2, true);
        Path file = dir.resolve("net.nir");
        NirExporter.write(net, file);
        try (HdfFile f = new HdfFile(file)) {
            assertEquals(NirExporter.NIR_VERSION, f.getDatasetByPath("version").getData());
            assertEquals("NIRGraph", f.getDatasetByPath("node/type").getData());
            assertEquals("CubaLIF", f.getDatasetByPath("node/nodes/h0/type").getData());
            assertArrayEquals(new double[] {0.005, 0.005, 0.005, 0.005},
                    (double[]) f.getDatasetByPath("node/nodes/h0/w_in").getData());
            assertEquals("Linear", f.getDatasetByPath("node/nodes/rec_h0/type").getData());
            String[][] edges = (String[][]) f.getDatasetByPath("node/edges").getData();
            assertEquals(List.of("input->w_h0", "w_h0->h0", "h0->rec_h0", "rec_h0->h0", "h0->w_out", "w_out->out",
                    "out->output"), java.util.Arrays.stream(edges).map(e -> e[0] + "->" + e[1]).toList());
        }
    }

    @Test
    void cubaLifParametersAreScaledToTheFloatModel() throws Exception {
        // float32 data as PyTorch-based exporters write it; r and w_in per neuron, scalars broadcast
        Path file = write(nodes -> {
            input(nodes, "in", 2);
            affine(nodes, "fc", new float[][] {{1, 2}, {3, 4}, {5, 6}}, new float[3]);
            WritableGroup lif = nodes.putGroup("lif");
            lif.putDataset("type", "CubaLIF");
            lif.putDataset("tau_syn", new float[] {0.004f, 0.004f, 0.004f});
            lif.putDataset("tau_mem", new double[] {0.02});
            lif.putDataset("r", new double[] {2, 1, 1});
            lif.putDataset("w_in", new double[] {0.5, 1, 0.25});
            lif.putDataset("v_leak", new double[] {0, 0, 0});
            lif.putDataset("v_threshold", new double[] {0.8, 0.8, 0.8});
            linear(nodes, "ro", new double[][] {{1, 0, -1}});
            lifNode(nodes, "o", 1, 0.02);
            output(nodes, "out", 1);
        }, new String[][] {{"in", "fc"}, {"fc", "lif"}, {"lif", "ro"}, {"ro", "o"}, {"o", "out"}});
        ImportedNetwork imp = NirImporter.read(file, OPTIONS);
        assertEquals(2, imp.inputs());
        LayerSpec h = imp.layers().get(0);
        assertEquals("lif", h.name());
        assertEquals(0.004f, h.tauSyn(), 0);
        assertEquals(0.02, h.tauMem(), 0);
        assertEquals(0.8, h.threshold(), 0);
        double ts = (double) 0.004f;
        assertArrayEquals(new double[] {1 * 2 * 0.5 / ts, 2 * 2 * 0.5 / ts}, h.weights()[0], 1e-9);
        assertArrayEquals(new double[] {3 / ts, 4 / ts}, h.weights()[1], 1e-9);
        assertArrayEquals(new double[] {5 * 0.25 / ts, 6 * 0.25 / ts}, h.weights()[2], 1e-9);
        assertNull(h.recurrent());
        // LIF output: tau_syn from the options, weights r / tau_syn
        LayerSpec o = imp.layers().get(1);
        assertEquals(OPTIONS.lifTauSyn(), o.tauSyn(), 0);
        assertEquals(0.02, o.tauMem(), 0);
        assertArrayEquals(new double[] {1 / OPTIONS.lifTauSyn(), 0, -1 / OPTIONS.lifTauSyn()}, o.weights()[0], 1e-9);
        assertTrue(imp.notes().get(0).contains("'o' (LIF)"), imp.notes().toString());
        NetworkCompiler.compile(imp.toFloatNetwork(), CompileOptions.defaults()); // fits the chip
    }

    @Test
    void unsupportedNodesAreListedWithTheSupportedTypes() throws Exception {
        Path file = write(nodes -> {
            input(nodes, "in", 2);
            nodes.putGroup("conv").putDataset("type", "Conv1d");
            nodes.putGroup("flat").putDataset("type", "Flatten");
            output(nodes, "out", 2);
        }, new String[][] {{"in", "conv"}, {"conv", "flat"}, {"flat", "out"}});
        InvalidNirException e = assertThrows(InvalidNirException.class, () -> NirImporter.read(file, OPTIONS));
        assertTrue(e.getMessage().contains("2 problems"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'conv' (Conv1d): a convolution"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'flat' (Flatten): flattens a multi-dimensional (image) tensor"),
                e.getMessage());
    }

    @Test
    void perNeuronParametersBiasAndLeakAreImported() throws Exception {
        Path file = write(nodes -> {
            input(nodes, "in", 2);
            affine(nodes, "fc", new float[][] {{1, 2}, {3, 4}}, new float[] {0, 0.5f});
            WritableGroup lif = nodes.putGroup("lif");
            lif.putDataset("type", "CubaLIF");
            lif.putDataset("tau_syn", new double[] {0.004, 0.005});
            lif.putDataset("tau_mem", new double[] {0.02, 0.02});
            lif.putDataset("r", new double[] {1, 2});
            lif.putDataset("v_leak", new double[] {0, 0.1});
            lif.putDataset("v_threshold", new double[] {1, 1.5});
            linear(nodes, "ro", new double[][] {{1, 1}});
            lifNode(nodes, "o", 1, 0.02);
            output(nodes, "out", 1);
        }, new String[][] {{"in", "fc"}, {"fc", "lif"}, {"lif", "ro"}, {"ro", "o"}, {"o", "out"}});
        ImportedNetwork imp = NirImporter.read(file, OPTIONS);
        LayerSpec h = imp.layers().get(0);
        assertEquals(0.005, h.tauSynOf(1));
        assertEquals(0.02, h.tauMemOf(1));
        assertEquals(1.5, h.thresholdOf(1));
        assertEquals(0, h.biasOf(0));
        assertEquals(0.1 + 2 * 0.5, h.biasOf(1), 1e-7); // v_leak + r w_in b
        assertArrayEquals(new double[] {3 * 2 / 0.005, 4 * 2 / 0.005}, h.weights()[1], 1e-6);
        assertEquals("reset to 0", imp.sources().get(0).resetDescription());
        assertTrue(imp.notes().toString().contains("builds up with tau_syn"), imp.notes().toString());
        // the chip holds it: per-neuron dashes, thresholds and a bias register
        var c = NetworkCompiler.compile(imp.toFloatNetwork(), CompileOptions.defaults());
        assertEquals(2, c.config().getBiasCount());
        assertEquals(0, c.config().getBias(0));
        assertTrue(c.config().getBias(1) > 0);
        assertTrue(c.config().getThreshold(1) > c.config().getThreshold(0));
    }

    @Test
    void recurrentCycleAndNanReachTheDesignRuleCheck() throws Exception {
        Path file = write(nodes -> {
            input(nodes, "in", 2);
            linear(nodes, "fc", new double[][] {{1, Double.NaN}, {3, 4}});
            lifNode(nodes, "lif", 2, 60.0); // tau_mem beyond the chip's range at 1 ms
            linear(nodes, "rec", new double[][] {{9, 1}, {2, 9}});
            linear(nodes, "ro", new double[][] {{1, 1}});
            lifNode(nodes, "o", 1, 0.02);
            output(nodes, "out", 1);
        }, new String[][] {{"in", "fc"}, {"fc", "lif"}, {"lif", "rec"}, {"rec", "lif"}, {"lif", "ro"}, {"ro", "o"},
                {"o", "out"}});
        ImportedNetwork imp = NirImporter.read(file, OPTIONS);
        LayerSpec h = imp.layers().get(0);
        double ts = OPTIONS.lifTauSyn();
        assertArrayEquals(new double[] {9 / ts, 1 / ts}, h.recurrent()[0], 1e-9); // self-connections kept
        assertArrayEquals(new double[] {2 / ts, 9 / ts}, h.recurrent()[1], 1e-9);
        assertTrue(h.countsSelfConnections());
        CompilationException e = assertThrows(CompilationException.class, () -> NetworkCompiler.compile(imp.source(),
                imp.inputs(), imp.tEnd(), imp.layers(), CompileOptions.defaults()));
        assertTrue(e.getMessage().contains(file + ": 2 problem(s)"), e.getMessage());
        assertTrue(e.getMessage().contains("layer 0 'lif': tauMem = 60 s"), e.getMessage());
        assertTrue(e.getMessage().contains("layer 0 'lif' weights row 0 column 1: weight = NaN"), e.getMessage());
    }

    @Test
    void structuralProblemsNameTheNode() throws Exception {
        Path branch = write(nodes -> {
            input(nodes, "in", 2);
            linear(nodes, "a", new double[][] {{1, 1}});
            linear(nodes, "b", new double[][] {{1, 1}});
            lifNode(nodes, "n", 1, 0.02);
            output(nodes, "out", 1);
        }, new String[][] {{"in", "a"}, {"in", "b"}, {"a", "n"}, {"b", "n"}, {"n", "out"}});
        assertMessage(branch, "node 'in' (Input) feeds 2 node(s) [a, b]");

        Path noWeights = write(nodes -> {
            input(nodes, "in", 2);
            lifNode(nodes, "n", 2, 0.02);
            output(nodes, "out", 2);
        }, new String[][] {{"in", "n"}, {"n", "out"}});
        assertMessage(noWeights, "node 'n' (LIF) is the graph's only neuron layer");

        Path badShape = write(nodes -> {
            input(nodes, "in", 3);
            linear(nodes, "fc", new double[][] {{1, 1}});
            lifNode(nodes, "n", 1, 0.02);
            output(nodes, "out", 1);
        }, new String[][] {{"in", "fc"}, {"fc", "n"}, {"n", "out"}});
        assertMessage(badShape, "Input 'in' has shape [3.0] but the first weights take 2 channels");

        Path noOutput = write(nodes -> {
            input(nodes, "in", 2);
            linear(nodes, "fc", new double[][] {{1, 1}});
            lifNode(nodes, "n", 1, 0.02);
        }, new String[][] {{"in", "fc"}, {"fc", "n"}});
        assertMessage(noOutput, "the graph has no Output node");

        Path notHdf = dir.resolve("text.nir");
        Files.writeString(notHdf, "this is not HDF5");
        assertMessage(notHdf, "not a readable HDF5 (NIR) file");
        assertMessage(dir.resolve("missing.nir"), "no such file");
    }

    @Test
    void liReadoutBecomesMembraneOutputsWithTheSameDecision() throws Exception {
        // Norse/NIRTorch style: LIF hidden layer, LI readout; output 1 gets the stronger drive
        Path file = write(nodes -> {
            input(nodes, "in", 2);
            linear(nodes, "fc", new double[][] {{0.012, 0.012}, {0.012, 0.012}, {0.012, 0.012}});
            lifNode(nodes, "h", 3, 0.01);
            linear(nodes, "ro", new double[][] {{0.01, 0.01, 0.01}, {0.03, 0.03, 0.03}});
            WritableGroup li = nodes.putGroup("li");
            li.putDataset("type", "LI");
            li.putDataset("tau", filled(2, 0.02));
            li.putDataset("r", filled(2, 1));
            li.putDataset("v_leak", filled(2, 0));
            output(nodes, "out", 2);
        }, new String[][] {{"in", "fc"}, {"fc", "h"}, {"h", "ro"}, {"ro", "li"}, {"li", "out"}});
        ImportedNetwork imp = NirImporter.read(file, OPTIONS);
        LayerSpec li = imp.layers().get(1);
        assertTrue(!li.isSpiking());
        assertTrue(imp.notes().stream().anyMatch(n -> n.contains("LI readout")), imp.notes().toString());
        var c = NetworkCompiler.compile(imp.toFloatNetwork(), CompileOptions.defaults());
        assertEquals(32767, c.config().getThresholdOut(0)); // never reached: read the membrane
        var probe = dev.spikeloop.compiler.probe.ResetProbe.measure(imp, imp.toFloatNetwork(), c);
        assertEquals(0, probe.chip()[1]);
        assertEquals(1, probe.readoutSource());
        assertEquals(probe.readoutSource(), probe.readoutChip());
    }

    @Test
    void ifAndScaleNodesAreMapped() throws Exception {
        Path file = write(nodes -> {
            input(nodes, "in", 2);
            WritableGroup sc = nodes.putGroup("scale");
            sc.putDataset("type", "Scale");
            sc.putDataset("scale", new double[] {2, 3});
            linear(nodes, "fc", new double[][] {{1, 1}});
            WritableGroup f = nodes.putGroup("if");
            f.putDataset("type", "IF");
            f.putDataset("r", filled(1, 1));
            f.putDataset("v_threshold", filled(1, 1));
            linear(nodes, "ro", new double[][] {{1}});
            lifNode(nodes, "o", 1, 0.02);
            output(nodes, "out", 1);
        }, new String[][] {{"in", "scale"}, {"scale", "fc"}, {"fc", "if"}, {"if", "ro"}, {"ro", "o"}, {"o", "out"}});
        ImportedNetwork imp = NirImporter.read(file, OPTIONS);
        LayerSpec h = imp.layers().get(0);
        // columns scaled by the Scale node; IF: charge r w tau_mem / tau_syn with the slowest membrane decay
        assertEquals(3.0 / 2.0, h.weights()[0][1] / h.weights()[0][0], 1e-12);
        assertTrue(h.tauMem() > 30, "IF gets the slowest decay, got " + h.tauMem());
        assertTrue(imp.notes().stream().anyMatch(n -> n.contains("(IF) has no leak")), imp.notes().toString());
        assertTrue(imp.notes().stream().anyMatch(n -> n.contains("(Scale) folded")), imp.notes().toString());
    }

    @Test
    void dtAutoOnLifGraphsIgnoresThePlaceholderSynapse() throws Exception {
        // the case: LIF taus 1 ms and 0.5 ms; a step fitting both exists (32 us, dashes 5 and 4),
        // whatever synapse the LIF nodes were imported with
        Path file = write(nodes -> {
            input(nodes, "in", 2);
            linear(nodes, "fc", new double[][] {{1, 1}});
            lifNode(nodes, "h", 1, 0.001);
            linear(nodes, "ro", new double[][] {{1}});
            lifNode(nodes, "o", 1, 0.0005);
            output(nodes, "out", 1);
        }, new String[][] {{"in", "fc"}, {"fc", "h"}, {"h", "ro"}, {"ro", "o"}, {"o", "out"}});
        double a = dev.spikeloop.compiler.io.ModelFiles.resolveDt(file, dev.spikeloop.compiler.quantize.TimeStep.AUTO, NirImportOptions.forDt(0.001), dev.spikeloop.chipconfig.ChipProfile.XYLO_AUDIO2);
        double b = dev.spikeloop.compiler.io.ModelFiles.resolveDt(file, dev.spikeloop.compiler.quantize.TimeStep.AUTO, NirImportOptions.forDt(1e-5), dev.spikeloop.chipconfig.ChipProfile.XYLO_AUDIO2);
        assertEquals(a, b);
        assertEquals(3.2e-5, a, 0.1e-5);
        var net = NirImporter.read(file, NirImportOptions.forDt(a)).toFloatNetwork();
        var c = NetworkCompiler.compile(net, new CompileOptions(a, "xylo-audio2", 4096, 1.0, false));
        assertTrue(c.report().notes().stream().noneMatch(n -> n.contains("off on the chip")), c.report().notes().toString());
        assertEquals(1, c.config().getDashSyn(0)); // the fastest synapse stands for the jump
        // what the chip stands for is the plain float model again (the FP engine can fine-tune it)
        for (LayerSpec l : c.chipForm(net).layers()) {
            assertTrue(l.isPlain(), l.toString());
        }
        assertEquals(dev.spikeloop.compiler.quantize.Decays.tau(1, a), c.chipForm(net).layer(0).tauSyn(), 1e-15);
    }

    @Test
    void exportKeepsNamesWritesLifAndNoPrivateRootAttributes() throws Exception {
        Path src = write(nodes -> {
            input(nodes, "in", 2);
            linear(nodes, "fc", new double[][] {{1, 1}, {2, 2}});
            lifNode(nodes, "lif1.lif", 2, 0.01);
            linear(nodes, "lif1.w_rec", new double[][] {{1, 0}, {0, 1}});
            linear(nodes, "ro", new double[][] {{1, 1}});
            lifNode(nodes, "o", 1, 0.02);
            output(nodes, "out", 1);
        }, new String[][] {{"in", "fc"}, {"fc", "lif1.lif"}, {"lif1.lif", "lif1.w_rec"}, {"lif1.w_rec", "lif1.lif"},
                {"lif1.lif", "ro"}, {"ro", "o"}, {"o", "out"}});
        FloatNetwork net = NirImporter.read(src, OPTIONS).toFloatNetwork();
        assertTrue(net.layer(0).countsSelfConnections()); // a purely diagonal w_rec is kept (snnTorch RLeaky V)
        Path out = dir.resolve("back.nir");
        NirExporter.write(net, out);
        try (HdfFile f = new HdfFile(out)) {
            assertEquals(java.util.Map.of(), f.getAttributes());
            assertEquals("LIF", f.getDatasetByPath("node/nodes/lif1.lif/type").getData());
            assertArrayEquals(new double[] {1, 0}, ((double[][]) f.getDatasetByPath("node/nodes/rec_lif1.lif/weight")
                    .getData())[0], 1e-12);
        }
        assertEquals(net, NirImporter.read(out, OPTIONS).toFloatNetwork());
    }

    private static void assertMessage(Path file, String part) {
        InvalidNirException e = assertThrows(InvalidNirException.class, () -> NirImporter.read(file, OPTIONS));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    private Path write(Consumer<WritableGroup> nodes, String[][] edges) throws Exception {
        Path file = Files.createTempFile(dir, "g", ".nir");
        Files.delete(file);
        try (WritableHdfFile f = HdfFile.write(file)) {
            f.putDataset("version", "1.0.0");
            WritableGroup g = f.putGroup("node");
            g.putDataset("type", "NIRGraph");
            nodes.accept(g.putGroup("nodes"));
            g.putDataset("edges", edges);
        }
        return file;
    }

    private static void input(WritableGroup nodes, String name, int n) {
        WritableGroup g = nodes.putGroup(name);
        g.putDataset("type", "Input");
        g.putDataset("shape", new long[] {n});
    }

    private static void output(WritableGroup nodes, String name, int n) {
        WritableGroup g = nodes.putGroup(name);
        g.putDataset("type", "Output");
        g.putDataset("shape", new long[] {n});
    }

    private static void affine(WritableGroup nodes, String name, float[][] w, float[] b) {
        WritableGroup g = nodes.putGroup(name);
        g.putDataset("type", "Affine");
        g.putDataset("weight", w);
        g.putDataset("bias", b);
    }

    private static void linear(WritableGroup nodes, String name, double[][] w) {
        WritableGroup g = nodes.putGroup(name);
        g.putDataset("type", "Linear");
        g.putDataset("weight", w);
    }

    private static void lifNode(WritableGroup nodes, String name, int n, double tau) {
        WritableGroup g = nodes.putGroup(name);
        g.putDataset("type", "LIF");
        g.putDataset("tau", filled(n, tau));
        g.putDataset("r", filled(n, 1));
        g.putDataset("v_leak", filled(n, 0));
        g.putDataset("v_threshold", filled(n, 1));
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static void zeroDiagonal(double[][] m) {
        for (int i = 0; i < m.length; i++) {
            m[i][i] = 0;
        }
    }
}
