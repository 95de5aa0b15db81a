package dev.spikeloop.compiler.quantize;

import dev.spikeloop.compiler.drc.CompilationException;
import dev.spikeloop.compiler.drc.DesignRuleCheck;
import dev.spikeloop.compiler.fanout.FanOutPruner;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a float network (fp-lif-model.md) into a chip configuration (chip-xylo.md); see
 * docs/compiler.md for the mapping and the formula linking the float and integer dynamics.
 */
public final class NetworkCompiler {
    private NetworkCompiler() {
    }

    /**
     * Checks the network against the chip (every problem at once) and quantises it.
     *
     * @throws CompilationException listing everything the chip cannot hold
     */
    public static Compilation compile(FloatNetwork net, CompileOptions options) {
        DesignRuleCheck.requireValid(null, net, options);
        if (options.pruneFanout()) {
            // Reported in the notes, never silent; the validator checks the result against the profile.
            FanOutPruner pruning = FanOutPruner.prune(net, options.chipProfile());
            Compilation c = quantize(pruning.network(), options);
            List<String> notes = new ArrayList<>(pruning.notes(options.chipProfile()));
            notes.addAll(c.report().notes());
            CompilationReport r = c.report();
            return new Compilation(c.config(), new CompilationReport(r.dt(), r.profile(), r.inputs(), r.hidden(),
                    r.outputs(), r.layers(), r.matrices(), r.chipMatrices(), notes), c.scales(), c.mapping(),
                    c.options(), c.chipEquivalent());
        }
        return quantize(net, options);
    }

    private static Compilation quantize(FloatNetwork net, CompileOptions options) {
        ChipMapping map = ChipMapping.of(net);
        return Quantizer.quantize(net, map, ScaleChooser.choose(net, map, options), options);
    }

    /**
     * As {@link #compile(FloatNetwork, CompileOptions)} for layers that may not yet form a valid
     * network (as an importer builds them): the design-rule check runs first, so NaN, bad shapes and
     * chip limits are all reported together, naming {@code source}.
     *
     * @throws CompilationException listing every problem
     */
    public static Compilation compile(String source, int inputs, double tEnd, List<LayerSpec> layers,
                                      CompileOptions options) {
        DesignRuleCheck.requireValid(source, inputs, layers, options);
        return compile(new FloatNetwork(inputs, tEnd, layers), options);
    }

    /**
     * Quantises {@code net} with exactly the scales, shifts and decays of {@code previous}: for
     * chip-in-the-loop training, which re-quantises shadow float weights after every update and
     * needs integer weights that mean the same from step to step. Weights beyond the fixed range are
     * clipped (and counted in the report); thresholds follow {@code round(scale * threshold)}.
     *
     * @throws IllegalArgumentException when {@code net} does not have the compiled shape
     */
    public static Compilation requantize(FloatNetwork net, Compilation previous) {
        previous.mapping().requireSameShape(net);
        return Quantizer.quantize(net, previous.mapping(), previous.scales(), previous.options());
    }
}
