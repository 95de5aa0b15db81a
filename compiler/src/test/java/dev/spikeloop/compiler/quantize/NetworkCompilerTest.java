package dev.spikeloop.compiler.quantize;

import dev.spikeloop.chipconfig.io.ChipConfigFiles;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.validate.ConfigValidator;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkCompilerTest {
    private static final CompileOptions OPTIONS = CompileOptions.defaults();

    @Test
    void mapsTimeConstantsThresholdsAndWeightsByTheDocumentedFormula() {
        FloatNetwork net = Networks.random(1, 4, new int[] {20}, 3, true);
        Compilation c = NetworkCompiler.compile(net, OPTIONS);
        ChipConfig cfg = c.config();
        ConfigValidator.validate(cfg, "test");
        assertEquals(4, cfg.getNumInputs());
        assertEquals(20, cfg.getNumHidden());
        assertEquals(3, cfg.getNumOutputs());
        assertEquals(1, cfg.getNumSynapses());
        int ds = Decays.nearestDash(0.005, OPTIONS.dt(), 15);
        int dm = Decays.nearestDash(0.010, OPTIONS.dt(), 15);
        for (int h = 0; h < 20; h++) {
            assertEquals(ds, cfg.getDashSyn(h));
            assertEquals(dm, cfg.getDashMem(h));
            // weights are moderate against threshold 1, so the threshold target is reached exactly
            assertEquals(CompileOptions.DEFAULT_THRESHOLD_TARGET, cfg.getThreshold(h));
        }
        for (int o = 0; o < 3; o++) {
            assertEquals(CompileOptions.DEFAULT_THRESHOLD_TARGET, cfg.getThresholdOut(o));
        }
        double g = Decays.gain(ds, dm);
        double lambda = CompileOptions.DEFAULT_THRESHOLD_TARGET / 1.0;
        LayerSpec hidden = net.layer(0);
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 4; j++) {
                long expected = Rounding.halfAway(Math.scalb(lambda * g * hidden.weights()[i][j], -cfg.getWeightShiftIn()));
                assertEquals(expected, cfg.getWeightsIn(j * 20 + i), "w_in " + i + "," + j);
            }
            for (int j = 0; j < 20; j++) {
                long expected = i == j ? 0
                        : Rounding.halfAway(Math.scalb(lambda * g * hidden.recurrent()[i][j], -cfg.getWeightShiftRec()));
                assertEquals(expected, cfg.getWeightsRec(j * 20 + i), "w_rec " + i + "," + j);
            }
        }
        LayerSpec out = net.layer(1);
        for (int o = 0; o < 3; o++) {
            for (int j = 0; j < 20; j++) {
                long expected = Rounding.halfAway(Math.scalb(lambda * g * out.weights()[o][j], -cfg.getWeightShiftOut()));
                assertEquals(expected, cfg.getWeightsOut(j * 3 + o), "w_out " + o + "," + j);
            }
        }
    }

    @Test
    void shiftsUseTheUpperHalfOfTheEightBitRange() {
        for (long seed = 1; seed <= 5; seed++) {
            Compilation c = NetworkCompiler.compile(Networks.random(seed, 5, new int[] {30}, 3, true), OPTIONS);
            for (ChipMatrixReport m : c.report().chipMatrices()) {
                assertEquals(0, m.clipped(), m.matrix() + " with quantile 1");
                if (m.shift() > 0) {
                    assertTrue(m.maxAbsInt() >= 64 && m.maxAbsInt() <= 127, m.matrix() + " max " + m.maxAbsInt());
                }
            }
        }
    }

    @Test
    void smallShiftWhenWeightsAreSmall() {
        FloatNetwork net = Networks.random(3, 2, new int[] {6}, 2, false);
        FloatNetwork tiny = scaleWeights(net, 1e-3);
        Compilation c = NetworkCompiler.compile(tiny, OPTIONS);
        // tiny weights against threshold 1: the integer threshold grows beyond the target (up to 32767)
        // so that the largest weight still reaches at least 64 integer units
        int th = c.config().getThreshold(0);
        assertTrue(th > CompileOptions.DEFAULT_THRESHOLD_TARGET && th <= 32767, "threshold " + th);
        for (MatrixReport m : c.report().matrices()) {
            assertTrue(m.maxAbsInt() >= 64 || c.config().getThreshold(0) == 32767, m.name() + " " + m.maxAbsInt());
        }
    }

    @Test
    void deeperLayersAreBlocksOfTheRecurrentMatrix() {
        FloatNetwork net = Networks.random(2, 3, new int[] {10, 8}, 2, true);
        Compilation c = NetworkCompiler.compile(net, OPTIONS);
        ChipConfig cfg = c.config();
        int h = 18;
        assertEquals(h, cfg.getNumHidden());
        assertArrayEquals(new int[] {0, 10}, c.mapping().hiddenOffsets());
        LayerScale s1 = c.scales().layer(1);
        double f = Math.scalb(s1.scale() * s1.gain(), -cfg.getWeightShiftRec());
        for (int pre = 0; pre < h; pre++) {
            for (int post = 0; post < h; post++) {
                int q = cfg.getWeightsRec(pre * h + post);
                if (pre < 10 && post >= 10) { // layer 0 -> layer 1 block
                    assertEquals(Rounding.halfAway(f * net.layer(1).weights()[post - 10][pre]), q);
                } else if (pre >= 10 || pre == post) {
                    // layer 1 has no recurrent weights, nothing feeds back to layer 0, diagonals are 0
                    assertEquals(0, q, "pre " + pre + " post " + post);
                }
            }
        }
        // outputs read the last hidden layer (hidden 10..17) only
        for (int pre = 0; pre < h; pre++) {
            for (int o = 0; o < 2; o++) {
                if (pre < 10) {
                    assertEquals(0, cfg.getWeightsOut(pre * 2 + o));
                }
            }
        }
        assertTrue(c.report().notes().stream().anyMatch(n -> n.contains("blocks of the recurrent matrix")));
    }

    @Test
    void reportMeasuresRoundingAndClipping() {
        FloatNetwork net = Networks.random(4, 4, new int[] {25}, 3, false);
        Compilation c = NetworkCompiler.compile(net, OPTIONS.withWeightQuantile(0.8));
        for (int l = 0; l < 2; l++) {
            LayerSpec layer = net.layer(l);
            LayerScale s = c.scales().layer(l);
            MatrixReport m = c.report().matrices().get(l);
            double factor = Math.scalb(s.scale() * s.gain(), -m.shift());
            int clipped = 0;
            int zeroed = 0;
            double err = 0;
            double norm = 0;
            for (double[] row : layer.weights()) {
                for (double w : row) {
                    long r = Rounding.halfAway(w * factor);
                    long q = Math.max(-128, Math.min(127, r));
                    clipped += q != r ? 1 : 0;
                    zeroed += q == 0 && w != 0 ? 1 : 0;
                    err += Math.pow(q / factor - w, 2);
                    norm += w * w;
                }
            }
            assertTrue(clipped > 0, "quantile 0.8 clips the largest weights of " + m.name());
            assertEquals(clipped, m.clipped());
            assertEquals(zeroed, m.zeroed());
            assertEquals(Math.sqrt(err / norm), m.relRmsError(), 1e-12);
            // the chip-equivalent network holds exactly the rounded weights
            double[][] eq = c.chipEquivalent().layer(l).weights();
            long q00 = Math.max(-128, Math.min(127, Rounding.halfAway(layer.weights()[0][0] * factor)));
            assertEquals(q00 / factor, eq[0][0], 1e-12);
        }
        assertEquals(c.report().matrices().stream().mapToInt(MatrixReport::clipped).sum(), c.report().totalClipped());
        String md = ReportMarkdown.render(c.report());
        assertTrue(md.contains("| hidden") || md.contains("| h0"), md);
        assertTrue(md.contains("clipped"));
        assertTrue(c.report().notes().stream().anyMatch(n -> n.contains("clipped")));
    }

    @Test
    void thresholdIsExactAndTimeConstantsReported() {
        LayerSpec h = new LayerSpec("h", 4, 0.004, 0.020, 0.7, Networks.gaussian(new java.util.Random(5), 4, 2, 1), null);
        LayerSpec o = new LayerSpec("o", 2, 0.004, 0.020, 1.3, Networks.gaussian(new java.util.Random(6), 2, 4, 1), null);
        Compilation c = NetworkCompiler.compile(new FloatNetwork(2, 0.05, List.of(h, o)), OPTIONS);
        for (LayerReport l : c.report().layers()) {
            assertEquals(l.thresholdInt() / l.scale(), l.threshold(), 1e-12);
            assertEquals(Decays.tau(l.dashSyn(), 0.001), l.tauSynChip(), 1e-15);
            assertEquals(Decays.tau(l.dashMem(), 0.001), l.tauMemChip(), 1e-15);
        }
        assertEquals(0.7, c.chipEquivalent().layer(0).threshold(), 1e-12);
    }

    @Test
    void requantizeKeepsScalesAndChangesOnlyTheChangedWeight() {
        FloatNetwork net = Networks.random(7, 4, new int[] {12}, 3, true);
        Compilation first = NetworkCompiler.compile(net, OPTIONS);
        FloatNetwork changed = net.deepCopy();
        LayerSpec h = changed.layer(0);
        double step = first.scales().layer(0).weightStep(first.scales().shiftIn());
        h.weights()[3][1] += 5 * step; // five integer steps
        Compilation second = NetworkCompiler.requantize(changed, first);
        assertEquals(first.scales(), second.scales());
        ChipConfig a = first.config();
        ChipConfig b = second.config();
        assertEquals(a.getWeightShiftIn(), b.getWeightShiftIn());
        int changedIndex = 1 * 12 + 3;
        for (int k = 0; k < a.getWeightsInCount(); k++) {
            if (k == changedIndex) {
                int diff = b.getWeightsIn(k) - a.getWeightsIn(k);
                assertTrue(diff == 5 || (b.getWeightsIn(k) == 127 || b.getWeightsIn(k) == -128), "diff " + diff);
            } else {
                assertEquals(a.getWeightsIn(k), b.getWeightsIn(k), "index " + k);
            }
        }
        assertEquals(a.getWeightsRecList(), b.getWeightsRecList());
        assertEquals(a.getWeightsOutList(), b.getWeightsOutList());
        assertEquals(a.getThresholdList(), b.getThresholdList());

        // a weight far beyond the fixed range is clipped (and counted), never rescaled
        FloatNetwork big = net.deepCopy();
        big.layer(0).weights()[0][0] = 1000;
        Compilation third = NetworkCompiler.requantize(big, first);
        assertEquals(first.scales(), third.scales());
        assertEquals(1, third.report().matrices().get(0).clipped());
        assertEquals(127, third.config().getWeightsIn(0));

        FloatNetwork other = Networks.random(7, 4, new int[] {13}, 3, true);
        assertThrows(IllegalArgumentException.class, () -> NetworkCompiler.requantize(other, first));
    }

    @Test
    void configSurvivesAFileRoundTrip(@TempDir Path dir) throws Exception {
        Compilation c = NetworkCompiler.compile(Networks.random(8, 16, new int[] {40, 20}, 8, true), OPTIONS);
        for (String name : new String[] {"c.pb", "c.json"}) {
            Path p = dir.resolve(name);
            ChipConfigFiles.write(c.config(), p);
            assertEquals(c.config(), ChipConfigFiles.read(p));
        }
        assertNotEquals(0, c.config().getWeightsRecCount());
    }

    static FloatNetwork scaleWeights(FloatNetwork net, double factor) {
        FloatNetwork copy = net.deepCopy();
        for (LayerSpec l : copy.layers()) {
            for (double[][] m : new double[][][] {l.weights(), l.recurrent()}) {
                if (m != null) {
                    for (double[] row : m) {
                        for (int j = 0; j < row.length; j++) {
                            row[j] *= factor;
                        }
                    }
                }
            }
        }
        return copy;
    }
}
