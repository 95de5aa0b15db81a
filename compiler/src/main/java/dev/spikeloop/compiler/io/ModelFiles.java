package dev.spikeloop.compiler.io;

import dev.spikeloop.compiler.drc.CompilationException;
import dev.spikeloop.compiler.drc.DesignRuleCheck;
import dev.spikeloop.compiler.drc.DrcProblem;
import dev.spikeloop.compiler.nir.ImportedNetwork;
import dev.spikeloop.compiler.probe.ResetProbe;
import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.nir.NirImportOptions;
import dev.spikeloop.compiler.nir.NirImporter;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.DtAdvisor;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InvalidNetworkException;
import dev.spikeloop.network.io.NetworkJson;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Model files the compiler reads: network JSON ({@code .json}, network-format.md) and NIR graphs
 * ({@code .nir}). Compiling runs the design-rule check on the model as read, so one message lists
 * every problem (format problems such as NaN together with the chip's limits); nothing is written.
 */
public final class ModelFiles {
    private ModelFiles() {
    }

    /** True when {@code path} names a NIR file. */
    public static boolean isNir(Path path) {
        return lowerName(path).endsWith(".nir");
    }

    /** True when {@code path} names a network JSON file. */
    public static boolean isJson(Path path) {
        return lowerName(path).endsWith(".json");
    }

    /**
     * Reads {@code model} and compiles it.
     *
     * @param nirOptions how to read a NIR file (end time, LIF synapse); ignored for JSON
     * @throws CompilationException     listing every design-rule problem
     * @throws InvalidNetworkException  for a JSON file that breaks the format in ways the chip check does not cover
     * @throws dev.spikeloop.compiler.nir.InvalidNirException for a NIR graph that cannot be mapped
     */
    public static CompiledModel compile(Path model, CompileOptions options, NirImportOptions nirOptions) {
        String source = model.toString();
        if (isNir(model)) {
            ImportedNetwork imp = NirImporter.read(model, nirOptions);
            DesignRuleCheck.requireValid(source, imp.inputs(), imp.layers(), options);
            FloatNetwork net = imp.toFloatNetwork();
            Compilation c = NetworkCompiler.compile(net, options);
            ResetProbe probe = ResetProbe.measure(imp, net, c);
            int[] caps = new int[net.layerCount()];
            java.util.Arrays.fill(caps, options.chipProfile().maxHiddenCount());
            caps[caps.length - 1] = options.chipProfile().maxOutputCount();
            List<String> extra = new java.util.ArrayList<>();
            for (String n : imp.notes()) {
                extra.add("import: " + n);
            }
            extra.addAll(probe.notes(imp, net, caps));
            return new CompiledModel(net, c.withReport(c.report().withNotes(extra)), imp.notes());
        }
        if (!isJson(model)) {
            throw new IllegalArgumentException("model " + source + ": expected a .json (spikeloop network) or .nir file");
        }
        FloatNetwork net;
        try {
            net = NetworkJson.read(model);
        } catch (InvalidNetworkException e) {
            // The strict reader stops at the first problem; list them all if the layers can be read at all.
            Optional<LenientNetworkJson.Raw> raw = LenientNetworkJson.read(model);
            if (raw.isPresent()) {
                List<DrcProblem> problems = DesignRuleCheck.check(raw.get().inputs(), raw.get().layers(), options);
                if (!problems.isEmpty()) {
                    throw new CompilationException(source, problems);
                }
            }
            throw e;
        }
        DesignRuleCheck.requireValid(source, net, options);
        return new CompiledModel(net, NetworkCompiler.compile(net, options), List.of());
    }

    /**
     * The {@link DtAdvisor#autoDt} step for the model in {@code model} (at most {@code maxDt});
     * a NIR file is read with {@code nirOptions}.
     *
     * @throws IllegalArgumentException when no step up to {@code maxDt} holds every time constant
     */
    public static double suggestDt(Path model, double maxDt, NirImportOptions nirOptions, int maxDash) {
        FloatNetwork net = isNir(model) ? NirImporter.read(model, nirOptions).toFloatNetwork() : NetworkJson.read(model);
        return DtAdvisor.autoDt(net, maxDt, maxDash).orElseThrow(() -> new IllegalArgumentException("model "
                + model + ": no time step up to " + maxDt
                + " s holds every time constant of the network in the decays' range; give --dt explicitly"));
    }

    private static String lowerName(Path path) {
        Path name = path.getFileName();
        return name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    }
}
