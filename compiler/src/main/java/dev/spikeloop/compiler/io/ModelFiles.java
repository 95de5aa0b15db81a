package dev.spikeloop.compiler.io;

import dev.spikeloop.chipconfig.ChipProfile;
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
import dev.spikeloop.compiler.quantize.TimeStep;
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
            Optional<NetworkJson.Unchecked> raw = NetworkJson.readUnchecked(model);
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
     * The step {@code step} means for the model in {@code model}: its seconds, or for {@code auto}
     * the {@link DtAdvisor#auto} step; a NIR file is read with {@code nirOptions} (only for auto).
     *
     * @throws IllegalArgumentException naming the model when no step holds every time constant
     */
    public static double resolveDt(Path model, TimeStep step, NirImportOptions nirOptions, ChipProfile profile) {
        if (!step.isAuto()) {
            return step.seconds();
        }
        if (!isNir(model) && !isJson(model)) {
            throw new IllegalArgumentException("model " + model + ": expected a .json (spikeloop network) or .nir file");
        }
        FloatNetwork net;
        try {
            net = isNir(model) ? NirImporter.read(model, nirOptions).toFloatNetwork() : NetworkJson.read(model);
        } catch (InvalidNetworkException e) {
            // a broken network has no step of its own: list every problem as the compiler sees them at 1 ms
            compile(model, CompileOptions.defaults().withProfile(profile.name()), nirOptions);
            throw e;
        }
        try {
            return step.resolve(net, profile.maxDash());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model " + model + ": " + e.getMessage(), e);
        }
    }

    private static String lowerName(Path path) {
        Path name = path.getFileName();
        return name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    }
}
