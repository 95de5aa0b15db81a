package dev.spikeloop.compiler.fanout;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.validate.ConfigValidator;
import dev.spikeloop.compiler.drc.CompilationException;
import dev.spikeloop.compiler.drc.DrcProblem;
import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.compiler.quantize.Networks;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compiler against each profile: sizes, placement of the projections, fan-out and pruning. */
class ChipProfileCompileTest {
    private static CompileOptions on(String profile) {
        return CompileOptions.defaults().withProfile(profile);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xylo-audio3", "xylo-imu"})
    void sixteenHundredTenCompilesWhereTenOutputsFit(String profile) {
        FloatNetwork net = Networks.random(1, 16, new int[] {100}, 10, false);
        Compilation c = NetworkCompiler.compile(net, on(profile));
        assertEquals(profile, c.config().getProfile());
        assertEquals(10, c.config().getNumOutputs());
        assertSame(ChipProfile.byName(profile).orElseThrow(), ConfigValidator.validate(c.config(), "x"));
    }

    @Test
    void sixteenHundredTenIsRefusedOnAudio2() {
        FloatNetwork net = Networks.random(1, 16, new int[] {100}, 10, false);
        CompilationException e = assertThrows(CompilationException.class,
                () -> NetworkCompiler.compile(net, CompileOptions.defaults()));
        assertEquals(List.of("layer 1 'out' (output layer): output neurons = 10 (allowed: 1..8 on xylo-audio2)"),
                e.problems().stream().map(DrcProblem::toString).toList());
    }

    @Test
    void projectionsArePlacedAndTheirLimitsEnforced() {
        // Two hidden layers of 100: the first at 0..99 (within the input reach 0..127), the second at
        // 100..199, the last 100 neurons (within the output reach, the last 128).
        FloatNetwork net = Networks.random(2, 16, new int[] {100, 100}, 10, false);
        ChipConfig c = NetworkCompiler.compile(net, on("xylo-audio3")).config();
        assertEquals(200, c.getNumHidden());
        ConfigValidator.validate(c, "placed");
        FloatNetwork wide = Networks.random(3, 16, new int[] {200}, 4, false);
        CompilationException e = assertThrows(CompilationException.class,
                () -> NetworkCompiler.compile(wide, on("xylo-imu")));
        assertEquals(List.of("layer 0 'h0' (fed by the inputs): hidden neurons = 200 (allowed: 1..128 on xylo-imu:"
                        + " input weights reach only the first 128 hidden neurons)",
                "layer 0 'h0' (feeds the outputs): hidden neurons = 200 (allowed: 1..128 on xylo-imu: output weights"
                        + " come only from the last 128 hidden neurons)"),
                e.problems().stream().map(DrcProblem::toString).toList());
        NetworkCompiler.compile(wide, CompileOptions.defaults()); // Audio 2 reaches every hidden neuron
    }

    /** 16 inputs, a 1000-neuron recurrent layer whose neurons each drive 100 others, 8 outputs. */
    static FloatNetwork thousandWithFanOut100() {
        Random rnd = new Random(5);
        int n = 1000;
        double[][] rec = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int k = 1; k <= 100; k++) {
                rec[(j + k * 7) % n][j] = 0.05 * rnd.nextGaussian();
            }
        }
        List<LayerSpec> layers = List.of(
                new LayerSpec("h", n, 0.005, 0.010, 1.0, Networks.gaussian(rnd, n, 16, 1.5), rec),
                new LayerSpec("out", 8, 0.005, 0.010, 1.0, Networks.gaussian(rnd, 8, n, 0.8), null));
        return new FloatNetwork(16, 0.05, layers);
    }

    @Test
    void fanOutOver64IsRefusedOnAudio2AndPrunedWhenAsked() {
        FloatNetwork net = thousandWithFanOut100();
        CompilationException e = assertThrows(CompilationException.class,
                () -> NetworkCompiler.compile(net, CompileOptions.defaults()));
        assertEquals(1001, e.problems().size(), "every neuron, and the recurrent memory");
        assertEquals("layer 0 'h' neuron 0: fan-out = 108 non-zero outgoing weights (allowed: 0..64 on xylo-audio2"
                + " (compile with --prune-fanout to keep the strongest))", e.problems().get(0).toString());
        assertEquals("network: hidden-to-hidden weights = 100000 (allowed: 0..32000 on xylo-audio2 (recurrent weight"
                + " memory: 32 per hidden neuron x 1000; compile with --prune-fanout to keep the strongest))",
                e.problems().get(1000).toString());

        Compilation c = NetworkCompiler.compile(net, CompileOptions.defaults().withPruneFanout(true));
        ConfigValidator.validate(c.config(), "pruned"); // within fan-out and memory
        FloatNetwork pruned = FanOutPruner.prune(net, ChipProfile.XYLO_AUDIO2).network();
        FanOut f = FanOut.of(pruned.layers());
        assertTrue(f.hiddenToHidden() <= 32000, "memory: " + f.hiddenToHidden());
        for (int count : f.perNeuron().get(0)) {
            assertTrue(count <= 64, "fan-out " + count);
        }
        List<String> notes = c.report().notes();
        assertTrue(notes.get(0).startsWith("fan-out pruning to xylo-audio2 (at most 64 targets per hidden neuron, 32000"
                + " hidden-to-hidden weights): 1000 neuron(s) were over the fan-out limit"), notes.get(0));
        assertTrue(notes.get(1).startsWith("pruned layer 0 'h' recurrent: removed 68000 of 100000 non-zero weights ("),
                notes.get(1));
        assertTrue(c.report().summary().contains("pruned layer 0 'h' recurrent"), "the terminal summary says it");
    }

    @Test
    void pruningKeepsTheStrongestWeightsPerSpikeOfTheirTarget() {
        // Neuron 0 of layer b drives 69 neurons of its own layer (threshold 1) and 2 outputs
        // (threshold 10): 71 > 64, so the 7 weakest go, strength being |w| / threshold of the driven
        // layer. Output weight 0.15 is worth 0.015 of a spike and goes before recurrent 0.07.
        double[][] rec = new double[70][70];
        for (int i = 1; i < 70; i++) {
            rec[i][0] = i * 0.01 * (i % 2 == 0 ? 1 : -1);
        }
        double[][] out = new double[10][70];
        out[0][0] = 5.0;
        out[1][0] = 0.15;
        double[][] in = new double[70][1];
        for (int i = 0; i < 10; i++) {
            in[i][0] = 1.0;
        }
        List<LayerSpec> layers = List.of(
                new LayerSpec("b", 70, 0.005, 0.01, 1.0, in, rec),
                new LayerSpec("o", 10, 0.005, 0.01, 10.0, out, null));
        FloatNetwork net = new FloatNetwork(1, 0.05, layers);
        FanOutPruner p = FanOutPruner.prune(net, ChipProfile.XYLO_AUDIO2);
        double[][] keptRec = p.network().layer(0).recurrent();
        for (int i = 1; i < 70; i++) {
            assertEquals(i <= 6 ? 0.0 : rec[i][0], keptRec[i][0], "row " + i);
        }
        assertEquals(5.0, p.network().layer(1).weights()[0][0]);
        assertEquals(0.0, p.network().layer(1).weights()[1][0]);
        assertEquals(1, p.neuronsOverLimit());
        assertEquals(List.of(
                "layer 0 'b' recurrent: removed 6 of 69 non-zero weights (0.9% of sum |w|, largest removed |w| = 0.06000)",
                "layer 1 'o' weights: removed 1 of 2 non-zero weights (2.9% of sum |w|, largest removed |w| = 0.1500)"),
                p.reports().stream().map(PruneReport::toString).toList());
        assertEquals(-0.01, rec[1][0], "the input network is left alone");

        FloatNetwork small = Networks.random(1, 4, new int[] {10}, 2, true);
        FanOutPruner none = FanOutPruner.prune(small, ChipProfile.XYLO_AUDIO2);
        assertSame(small, none.network());
        assertEquals(List.of("fan-out pruning to xylo-audio2 (at most 64 targets per hidden neuron, 32000 hidden-to-hidden"
                + " weights): nothing to remove"), none.notes(ChipProfile.XYLO_AUDIO2));
    }
}
