package dev.spikeloop.compiler.drc;

import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.Decays;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.network.LayerDetail;
import dev.spikeloop.network.LayerSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DesignRuleCheckTest {
    private static final CompileOptions OPTIONS = CompileOptions.defaults();

    private static double[][] constant(int rows, int cols, double v) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            java.util.Arrays.fill(row, v);
        }
        return m;
    }

    @Test
    void validNetworkHasNoProblems() {
        List<LayerSpec> layers = List.of(
                new LayerSpec("h", 10, 0.005, 0.01, 1, constant(10, 4, 0.5), constant(10, 10, 0.1)),
                new LayerSpec("o", 3, 0.005, 0.01, 1, constant(3, 10, 0.5), null));
        assertEquals(List.of(), DesignRuleCheck.check(4, layers, OPTIONS));
    }

    @Test
    void listsEveryProblemAtOnceWithPlaceValueAndLimit() {
        double[][] w0 = constant(600, 17, 0.5);
        w0[5][3] = Double.NaN;
        List<LayerSpec> layers = new ArrayList<>();
        layers.add(new LayerSpec("h0", 600, 0.005, 100.0, 1, w0, null));        // tauMem too long
        double[][] w1 = constant(500, 600, 0.5);
        w1[7][2] = 5e7;                                                         // unrepresentable weight
        layers.add(new LayerSpec("h1", 500, 0.0001, 0.01, 1, w1, null));        // tauSyn too short
        layers.add(new LayerSpec("out", 9, 0.005, 0.01, 1e9, constant(9, 500, 0.5), null)); // threshold too large
        List<DrcProblem> problems = DesignRuleCheck.check(17, layers, OPTIONS);
        String all = problems.toString();

        assertHas(problems, "network", "input channels", "17", "1..16");
        assertHas(problems, "hidden layers", "hidden neurons", "1100", "1..1000");
        assertHas(problems, "layer 2 'out' (output layer)", "output neurons", "9", "1..8");
        assertHas(problems, "layer 0 'h0'", "tauMem", "100 s", " s at dt = 0.001 s");
        assertHas(problems, "layer 1 'h1'", "tauSyn", "0.0001 s", "at dt = 0.001 s");
        assertHas(problems, "layer 0 'h0' weights row 5 column 3", "weight", "NaN", "a finite number");
        assertHas(problems, "layer 2 'out'", "threshold", "1e+09", "<=");
        // h1's tauSyn is out of range, so its weight range is not judged; check it on a layer with valid taus
        assertTrue(problems.size() >= 7, all);

        CompilationException e = assertThrows(CompilationException.class,
                () -> DesignRuleCheck.requireValid("net.json", 17, layers, OPTIONS));
        assertTrue(e.getMessage().startsWith("the chip cannot hold net.json: " + problems.size() + " problem(s)"),
                e.getMessage());
        assertEquals(problems, e.problems());
    }

    @Test
    void weightTooLargeForAnyShiftIsNamed() {
        double[][] w = constant(4, 2, 0.5);
        w[2][1] = -5e6;
        List<LayerSpec> layers = List.of(new LayerSpec("h", 4, 0.005, 0.01, 1, w, null),
                new LayerSpec("o", 2, 0.005, 0.01, 1, constant(2, 4, 0.5), null));
        List<DrcProblem> problems = DesignRuleCheck.check(2, layers, OPTIONS);
        assertEquals(1, problems.size(), problems.toString());
        DrcProblem p = problems.get(0);
        assertEquals("layer 0 'h' weights row 2 column 1", p.where());
        assertEquals("weight", p.what());
        assertEquals("-5e+06", p.value());
        assertTrue(p.limit().contains("127 << 7"), p.limit());
        // the limit is exactly where the integer threshold would drop below 1
        double g = Decays.gain(Decays.nearestDash(0.005, 0.001, 15), Decays.nearestDash(0.01, 0.001, 15));
        double maxW = 127.0 * 128 / g;
        w[2][1] = maxW * 0.999;
        assertEquals(List.of(), DesignRuleCheck.check(2, layers, OPTIONS));
        NetworkCompiler.compile("edge", 2, 0.05, layers, OPTIONS); // and it compiles
        w[2][1] = maxW * 1.001;
        assertEquals(1, DesignRuleCheck.check(2, layers, OPTIONS).size());
    }

    @Test
    void structuralProblems() {
        List<LayerSpec> onlyOutput = List.of(new LayerSpec("o", 2, 0.005, 0.01, 1, constant(2, 3, 0.5), null));
        assertHas(DesignRuleCheck.check(3, onlyOutput, OPTIONS), "network", "hidden layers", "0", "at least 1");

        List<LayerSpec> badShape = List.of(new LayerSpec("h", 3, -1, 0.01, 0, constant(3, 5, 0.5), null),
                new LayerSpec("o", 2, 0.005, 0.01, 1, constant(2, 3, 0.5), constant(2, 2, 0.1)));
        List<DrcProblem> problems = DesignRuleCheck.check(4, badShape, OPTIONS);
        assertHas(problems, "layer 0 'h' weights row 0", "columns", "5", "4");
        assertHas(problems, "layer 0 'h'", "tauSyn", "-1 s", "> 0");
        assertHas(problems, "layer 0 'h'", "threshold", "0", "> 0");
        assertHas(problems, "layer 1 'o' (output layer)", "recurrent weights", "present", "none");
    }

    @Test
    void compileRefusesBeforeQuantising() {
        List<LayerSpec> layers = List.of(new LayerSpec("h", 1001, 0.005, 0.01, 1, constant(1001, 2, 0.5), null),
                new LayerSpec("o", 2, 0.005, 60.0, 1, constant(2, 1001, 0.5), null));
        CompilationException e = assertThrows(CompilationException.class,
                () -> NetworkCompiler.compile("big.json", 2, 0.05, layers, OPTIONS));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("hidden neurons = 1001"), e.getMessage());
        assertTrue(e.getMessage().contains("tauMem = 60 s"), e.getMessage());
    }

    private static void assertHas(List<DrcProblem> problems, String where, String what, String value, String limitPart) {
        boolean found = problems.stream().anyMatch(p -> p.where().startsWith(where) && p.what().equals(what)
                && p.value().equals(value) && p.limit().contains(limitPart));
        assertTrue(found, "expected " + where + ": " + what + " = " + value + " (" + limitPart + ") in\n"
                + String.join("\n", problems.stream().map(DrcProblem::toString).toList()));
    }

    @Test
    void aNetworkWhoseOutputsCanNeverFireIsAnError() {
        List<LayerSpec> zeroOut = List.of(
                new LayerSpec("h", 4, 0.005, 0.01, 1, constant(4, 3, 0.5), null),
                new LayerSpec("o", 2, 0.005, 0.01, 1, constant(2, 4, 0.0), null));
        assertEquals("[layer 1 'o' (output layer): neurons that can fire = none (no positive weight from a neuron "
                + "of the layer before that can fire) (allowed: at least one, else no output neuron ever fires and "
                + "every sample scores 'none')]", DesignRuleCheck.check(3, zeroOut, OPTIONS).toString());
        // inhibition alone fires nothing either; a hidden layer that cannot fire silences what follows
        List<LayerSpec> negativeHidden = List.of(
                new LayerSpec("h", 4, 0.005, 0.01, 1, constant(4, 3, -0.5), null),
                new LayerSpec("o", 2, 0.005, 0.01, 1, constant(2, 4, 0.5), null));
        assertTrue(DesignRuleCheck.check(3, negativeHidden, OPTIONS).toString()
                .startsWith("[layer 0 'h': neurons that can fire = none (no positive weight from an input)"));
        // one excitatory path is enough, also through a recurrent weight
        double[][] w = constant(4, 3, -0.5);
        w[0][1] = 0.2;
        double[][] rec = constant(4, 4, 0.0);
        rec[2][0] = 0.3;
        double[][] out = constant(2, 4, 0.0);
        out[1][2] = 0.4;
        assertEquals(List.of(), DesignRuleCheck.check(3, List.of(
                new LayerSpec("h", 4, 0.005, 0.01, 1, w, rec),
                new LayerSpec("o", 2, 0.005, 0.01, 1, out, null)), OPTIONS));
    }

    @Test
    void aPositiveBiasOrAMembraneReadoutCanAnswerWithoutExcitatoryWeights() {
        double[][] inhibitoryOut = constant(2, 4, -0.5);
        // output neurons driven by a positive bias fire although every weight into them is inhibitory
        LayerDetail biased = new LayerDetail(null, null, null, new double[] {0.0, 2.0}, false, true, false);
        assertEquals(List.of(), DesignRuleCheck.check(3, List.of(
                new LayerSpec("h", 4, 0.005, 0.01, 1, constant(4, 3, 0.5), null),
                new LayerSpec("o", 2, 0.005, 0.01, 1, inhibitoryOut, null, biased)), OPTIONS));
        // a non-spiking readout (NIR LI) answers with its membrane, which inhibitory weights move too
        LayerDetail membrane = new LayerDetail(null, null, null, null, false, false, false);
        assertEquals(List.of(), DesignRuleCheck.check(3, List.of(
                new LayerSpec("h", 4, 0.005, 0.01, 1, constant(4, 3, 0.5), null),
                new LayerSpec("o", 2, 0.005, 0.01, 1, inhibitoryOut, null, membrane)), OPTIONS));
        // ...but not when nothing reaches it
        assertEquals(1, DesignRuleCheck.check(3, List.of(
                new LayerSpec("h", 4, 0.005, 0.01, 1, constant(4, 3, 0.5), null),
                new LayerSpec("o", 2, 0.005, 0.01, 1, constant(2, 4, 0.0), null, membrane)), OPTIONS).size());
    }

    @Test
    void numbersKeepTheirExponentsWhenTrailingZerosGo() {
        assertEquals("9.29433e-10", DesignRuleCheck.fmt(9.29433e-10));
        assertEquals("4.63406e-05", DesignRuleCheck.fmt(4.634060e-5));
        assertEquals("1e+06", DesignRuleCheck.fmt(1e6));
        assertEquals("2.5e-20", DesignRuleCheck.fmt(2.5e-20));
        assertEquals("0.001", DesignRuleCheck.fmt(0.001));
        assertEquals("100", DesignRuleCheck.fmt(100));
        assertEquals("120.5", DesignRuleCheck.fmt(120.5));
        assertEquals("0", DesignRuleCheck.fmt(0));
        assertEquals("NaN", DesignRuleCheck.fmt(Double.NaN));
    }
}
