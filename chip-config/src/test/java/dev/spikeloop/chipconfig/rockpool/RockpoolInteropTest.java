package dev.spikeloop.chipconfig.rockpool;

import dev.spikeloop.chipconfig.BlankConfigs;
import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.Configs;
import dev.spikeloop.chipconfig.npy.NpyArray;
import dev.spikeloop.chipconfig.npy.NpyDtype;
import dev.spikeloop.chipconfig.npy.NpyFormatException;
import dev.spikeloop.chipconfig.npy.Npz;
import dev.spikeloop.chipconfig.proto.Alias;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.validate.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.spikeloop.chipconfig.BlankConfigs.in;
import static dev.spikeloop.chipconfig.BlankConfigs.out;
import static dev.spikeloop.chipconfig.BlankConfigs.rec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rockpool specifications both ways, against files written by NumPy (make_fixtures.py). */
class RockpoolInteropTest {
    @TempDir
    Path dir;

    private static Map<String, NpyArray> fixture(String name) throws Exception {
        return Npz.read(Path.of(RockpoolInteropTest.class.getResource(name).toURI()));
    }

    @Test
    void numpyWrittenMapperOutputImports() throws Exception {
        ChipConfig c = RockpoolImport.toConfig(fixture("mapper-audio2.npz"), ChipProfile.XYLO_AUDIO2, "mapper-audio2.npz");
        int i0 = 3, h0 = 5, o0 = 2;
        assertEquals("xylo-audio2", c.getProfile());
        assertEquals(List.of(i0, h0, 2, o0), List.of(c.getNumInputs(), c.getNumHidden(), c.getNumSynapses(), c.getNumOutputs()));
        for (int i = 0; i < i0; i++) {
            for (int h = 0; h < h0; h++) {
                for (int s = 0; s < 2; s++) {
                    assertEquals(((i * h0 + h) * 2 + s) % 7 - 3, c.getWeightsIn((i * h0 + h) * 2 + s));
                }
            }
        }
        for (int j = 0; j < h0; j++) {
            for (int h = 0; h < h0; h++) {
                for (int s = 0; s < 2; s++) {
                    assertEquals(j == h ? 0 : ((j * h0 + h) * 2 + s) % 5 - 2, c.getWeightsRec((j * h0 + h) * 2 + s));
                }
            }
            for (int o = 0; o < o0; o++) {
                assertEquals((j * o0 + o) % 9 - 4, c.getWeightsOut(j * o0 + o));
            }
        }
        assertEquals(List.of(1, 2, 3, 4, 5), c.getDashMemList());
        assertEquals(List.of(2, 6, 3, 7, 4, 8, 5, 9, 6, 10), c.getDashSynList()); // (syn 1, syn 2) per neuron
        assertEquals(List.of(100, 200, 300, 400, 500), c.getThresholdList());
        assertEquals(List.of(-1, 0, 1, 2, 3), c.getBiasList());
        assertEquals(List.of(4, 5), c.getDashMemOutList());
        assertEquals(List.of(2, 3), c.getDashSynOutList());
        assertEquals(List.of(1000, 2000), c.getThresholdOutList());
        assertEquals(List.of(5, -5), c.getBiasOutList());
        assertEquals(List.of(2, 3, 4), List.of(c.getWeightShiftIn(), c.getWeightShiftRec(), c.getWeightShiftOut()));
        assertEquals(0.00032, c.getDtSeconds());
        assertEquals(0, c.getAliasesCount());
    }

    @Test
    void expansionNeuronsAndAliasesOfAnAudio3Specification() throws Exception {
        ChipConfig c = RockpoolImport.toConfig(fixture("integer-audio3.npz"), ChipProfile.XYLO_AUDIO3, "a3.npz");
        assertEquals(List.of(2, 6, 1, 4), List.of(c.getNumInputs(), c.getNumHidden(), c.getNumSynapses(), c.getNumOutputs()));
        for (int i = 0; i < 2; i++) {
            for (int n = 0; n < 6; n++) {
                assertEquals(n < 3 ? i * 3 + n + 1 : 0, c.getWeightsIn(i * 6 + n), "input expansion neurons first");
            }
        }
        for (int n = 0; n < 6; n++) {
            for (int o = 0; o < 4; o++) {
                assertEquals(n >= 4 ? -((n - 4) * 4 + o + 1) : 0, c.getWeightsOut(n * 4 + o), "output expansion last");
            }
        }
        assertEquals(List.of(Alias.newBuilder().setSource(1).setTarget(4).build(),
                Alias.newBuilder().setSource(5).setTarget(0).build()), c.getAliasesList());
        assertEquals(0, c.getBiasCount());
        assertEquals(7, c.getWeightShiftOut());
    }

    @Test
    void everyProblemOfABadSpecificationIsListed() throws Exception {
        InvalidRockpoolSpecException e = assertThrows(InvalidRockpoolSpecException.class,
                () -> RockpoolImport.toConfig(fixture("bad.npz"), ChipProfile.XYLO_AUDIO2, "bad.npz"));
        List<String> p = e.problems();
        assertTrue(e.getMessage().startsWith("invalid Rockpool specification bad.npz: " + p.size() + " problem(s)"));
        assertTrue(p.contains("missing array 'threshold'"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("unknown array 'bias_hiden'")), p.toString());
        assertTrue(p.contains("'weights_out' has shape (5, 2, 1), expected (N, O) with N <= H = 5"), p.toString());
        assertTrue(p.contains("'dash_mem'[0] = 0.5 (float64): not a whole number within 32 bits"), p.toString());
        assertTrue(p.contains("'dash_syn' has dtype bool, expected integers"), p.toString());
        assertTrue(p.contains("'dt' has shape (2,), expected a scalar"), p.toString());
    }

    @Test
    void unreadableArraysAreAllNamed() {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> fixture("unreadable.npz"));
        assertTrue(e.getMessage().contains("2 unreadable arrays"), e.getMessage());
        assertTrue(e.getMessage().contains("entry 'dash_mem.npy': dtype '<U1' is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("entry 'threshold.npy': dtype '<c16' is not supported"), e.getMessage());
    }

    @Test
    void aSpecificationBeyondTheProfileIsRefusedWithTheProfilesLimits() throws Exception {
        Map<String, NpyArray> a = new LinkedHashMap<>(fixture("integer-audio3.npz"));
        // 4 outputs fit Audio 2, but a spec with 10 outputs does not; give it 10.
        a.put("weights_out", NpyArray.ofInts(NpyDtype.INT8, new int[] {2, 10}, new int[20]));
        for (String v : List.of("dash_mem_out", "dash_syn_out", "threshold_out")) {
            a.put(v, NpyArray.ofInts(NpyDtype.INT16, new int[] {10}, new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}));
        }
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> RockpoolImport.toConfig(a, ChipProfile.XYLO_AUDIO2, "ten.npz"));
        assertEquals("num_outputs = 10 (allowed: 1..8)", e.problems().get(0).toString());
        assertTrue(e.getMessage().contains("ten.npz (as xylo-audio2)"), e.getMessage());
        RockpoolImport.toConfig(a, ChipProfile.XYLO_AUDIO3, "ten.npz");
    }

    @Test
    void exportHasRockpoolsNamesShapesAndDtypes() {
        ChipConfig a2 = Configs.valid(3, 4, 1, 2);
        Map<String, NpyArray> s = RockpoolExport.toArrays(a2, "a2");
        assertEquals(List.of("weights_in", "weights_rec", "weights_out", "dash_mem", "dash_mem_out", "dash_syn",
                "dash_syn_2", "dash_syn_out", "threshold", "threshold_out", "bias_hidden", "bias_out",
                "weight_shift_in", "weight_shift_rec", "weight_shift_out", "aliases", "dt"), List.copyOf(s.keySet()));
        assertArrayEquals(new int[] {3, 4}, s.get("weights_in").shape(), "Audio 2 mapper drops the synapse axis for 1");
        assertEquals(NpyDtype.INT8, s.get("weights_in").dtype());
        assertArrayEquals(new int[] {4, 4}, s.get("weights_rec").shape());
        assertEquals(NpyDtype.UINT8, s.get("dash_mem").dtype());
        assertEquals(NpyDtype.INT16, s.get("threshold").dtype());
        assertEquals(0, s.get("dt").ndim());
        assertArrayEquals(new int[] {4, 1}, s.get("aliases").shape());
        assertEquals(3, s.get("aliases").longAt(0));
        assertEquals(-1, s.get("aliases").longAt(1));

        ChipProfile p = ChipProfile.XYLO_AUDIO3;
        ChipConfig a3 = BlankConfigs.blank(p, 16, 200, 2, 32).build();
        Map<String, NpyArray> t = RockpoolExport.toArrays(a3, "a3");
        assertArrayEquals(new int[] {16, 128, 2}, t.get("weights_in").shape(), "input expansion neurons");
        assertArrayEquals(new int[] {200, 200, 2}, t.get("weights_rec").shape());
        assertArrayEquals(new int[] {128, 32}, t.get("weights_out").shape(), "output expansion neurons");
        assertArrayEquals(new int[] {200, 0}, t.get("aliases").shape(), "no aliases: empty rows");
        assertTrue(!t.containsKey("bias_hidden") && !t.containsKey("bias_out"));
    }

    static List<ChipConfig> configsOfEveryProfile() {
        ChipProfile a3 = ChipProfile.XYLO_AUDIO3;
        ChipConfig.Builder b3 = BlankConfigs.blank(a3, 16, 300, 2, 32);
        b3.setWeightsIn(in(b3, 15, 127, 1), -128).setWeightsIn(in(b3, 0, 0, 0), 127)
                .setWeightsRec(rec(b3, 0, 299, 1), 5).setWeightsRec(rec(b3, 299, 0, 0), -5)
                .setWeightsOut(out(b3, 172, 31), 9).setWeightsOut(out(b3, 299, 0), -9)
                .setDashSyn(7, 15).addBias(0).addAliases(Alias.newBuilder().setSource(3).setTarget(4))
                .setWeightShiftIn(7).setDtSeconds(0.000123);
        for (int n = 1; n < 300; n++) {
            b3.addBias(n - 150);
        }
        ChipProfile imu = ChipProfile.XYLO_IMU;
        ChipConfig.Builder bi = BlankConfigs.blank(imu, 16, 496, 1, 16);
        for (int j = 0; j < 496; j++) {
            bi.setWeightsRec(rec(bi, j, (j + 1) % 496, 0), j % 255 - 127);
        }
        bi.setWeightsIn(in(bi, 3, 100, 0), 1).setWeightsOut(out(bi, 495, 15), 2).addAllBiasOut(List.of(
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, -32768));
        return List.of(Configs.valid(3, 4, 2, 2), Configs.valid(16, 1000, 2, 8), Configs.valid(1, 1, 1, 1),
                Configs.valid(5, 7, 1, 3).toBuilder().clearBias().clearAliases().build(), b3.build(), bi.build());
    }

    @Test
    void exportThenImportIsTheIdentity() throws Exception {
        for (ChipConfig c : configsOfEveryProfile()) {
            Path f = dir.resolve("spec.npz");
            Npz.write(RockpoolExport.toArrays(c, "c"), f);
            ChipProfile p = ChipProfile.byName(c.getProfile()).orElseThrow();
            assertEquals(c, RockpoolImport.toConfig(Npz.read(f), p, "spec.npz"), c.getProfile());
        }
    }
}
