package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.io.AtomicFiles;
import dev.spikeloop.chipconfig.io.ChipConfigFiles;
import dev.spikeloop.chipconfig.io.OutputSet;
import dev.spikeloop.compiler.io.CompiledModel;
import dev.spikeloop.compiler.io.ModelFiles;
import dev.spikeloop.compiler.nir.NirExporter;
import dev.spikeloop.compiler.nir.NirImportOptions;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.TimeStep;
import dev.spikeloop.compiler.quantize.ReportMarkdown;
import dev.spikeloop.chipconfig.ChipProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code spikeloop compile}: quantises a float network (JSON or NIR) into a chip configuration.
 * The design-rule check runs first and lists every problem; nothing is written unless it passes.
 */
@Command(name = "compile", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compile a trained float network (spikeloop JSON or NIR) into a chip configuration.",
                "Every problem the chip cannot hold is listed at once and nothing is written (exit code 1).",
                "See docs/compiler.md for the mapping and the report."})
public final class CompileCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "NET.json|NET.nir", description = "The float network.")
    Path model;

    @Option(names = "--dt", defaultValue = "auto", paramLabel = TimeStepConverter.LABEL, converter = TimeStepConverter.class,
            description = "Chip time step in seconds, or 'auto': the largest step up to 1 ms at which the decays "
                    + "realise every time constant within 5%% (default: ${DEFAULT-VALUE}).")
    TimeStep dt;

    @Option(names = "--out", required = true, paramLabel = "CHIP.pb|CHIP.json", description = "Chip configuration to write.")
    Path out;

    @Option(names = "--report", paramLabel = "REPORT.md", description = "Also write the full quantisation report (Markdown).")
    Path report;

    @Option(names = "--threshold-target", defaultValue = "4096",
            description = "Integer threshold aimed for in each layer, 1..32767 (default: ${DEFAULT-VALUE}).")
    int thresholdTarget;

    @Option(names = "--weight-quantile", defaultValue = "1.0",
            description = "Quantile of |weight| per layer that must fit without clipping, in (0, 1] (default: ${DEFAULT-VALUE}).")
    double weightQuantile;

    @Option(names = "--match-psp", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Where the chip's decays cannot realise a time constant exactly, scale the weights so each "
                    + "PSP keeps its float peak instead of the current amplitude (default: off).")
    boolean matchPsp;

    @Option(names = "--t-end", defaultValue = "0.05",
            description = "For a NIR model: the float end time in seconds (NIR has none; default: ${DEFAULT-VALUE}).")
    double tEnd;

    @Option(names = "--export-nir", paramLabel = "NET.nir", description = "Also write the float network as a NIR graph.")
    Path exportNir;

    @Option(names = "--chip", paramLabel = "PROFILE", defaultValue = "xylo-audio2",
            description = "Chip profile whose limits apply: xylo-audio2, xylo-audio3 or xylo-imu (default: ${DEFAULT-VALUE}).")
    String chip;

    @Option(names = "--prune-fanout", description = "Where a hidden neuron drives more targets than the chip's fan-out "
            + "(or all hidden-to-hidden weights exceed its recurrent memory), drop the weakest weights instead of "
            + "refusing; the report lists what was removed.")
    boolean pruneFanout;

    @Override
    public Integer call() throws IOException {
        CompiledModel compiled;
        try (OutputSet outputs = new OutputSet()) { // every output checked before any work, written together
            Path outFile = outputs.file("--out", out, ".pb", ".json");
            Path reportFile = report == null ? null : outputs.file("--report", report);
            Path nirFile = exportNir == null ? null : outputs.file("--export-nir", exportNir, ".nir");
            compiled = compile(outFile, reportFile, nirFile);
            outputs.commit();
        }
        System.out.println("wrote " + out + (report != null ? " and " + report : "")
                + (exportNir != null ? " and " + exportNir : ""));
        // import notes are part of the report's notes (and so of the summary below)
        System.out.print(compiled.compilation().report().summary());
        return 0;
    }

    private CompiledModel compile(Path outFile, Path reportFile, Path nirFile) throws IOException {
        ChipProfile profile = ChipProfile.require(chip);
        // LIF nodes of a NIR file get the 1 ms chip's fastest synapse while the step is chosen
        NirImportOptions probe = new NirImportOptions(tEnd, NirImportOptions.forDt(CompileOptions.DEFAULT_DT).lifTauSyn());
        double dt = ModelFiles.resolveDt(model, this.dt, probe, profile);
        if (this.dt.isAuto()) {
            System.out.printf(java.util.Locale.ROOT, "--dt auto: %.6g s%n", dt);
        }
        CompileOptions options = new CompileOptions(dt, profile.name(), thresholdTarget, weightQuantile, matchPsp,
                pruneFanout);
        NirImportOptions nir = new NirImportOptions(tEnd, NirImportOptions.forDt(dt).lifTauSyn());
        CompiledModel compiled = ModelFiles.compile(model, options, nir);
        ChipConfigFiles.write(compiled.compilation().config(), outFile);
        if (reportFile != null) {
            AtomicFiles.writeString(reportFile, ReportMarkdown.render(compiled.compilation().report()));
        }
        if (nirFile != null) {
            java.util.List<String> notes;
            try {
                notes = NirExporter.write(compiled.network(), nirFile);
            } catch (dev.spikeloop.network.InvalidNetworkException e) { // name the user's path, not the staged one
                throw new dev.spikeloop.network.InvalidNetworkException("--export-nir " + exportNir + ": "
                        + e.getMessage(), e);
            }
            for (String note : notes) {
                System.out.println("--export-nir: " + note); // a layer name that had to change
            }
        }
        return compiled;
    }
}
