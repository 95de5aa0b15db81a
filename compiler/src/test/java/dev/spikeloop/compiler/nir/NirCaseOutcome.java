package dev.spikeloop.compiler.nir;

import dev.spikeloop.compiler.io.CompiledModel;
import dev.spikeloop.compiler.io.ModelFiles;
import dev.spikeloop.compiler.quantize.CompileOptions;

import java.nio.file.Path;

/** What compiling one NIR file for the default profile at {@code --dt auto} gives: the model, or the refusal. */
record NirCaseOutcome(CompiledModel model, double dt, String refusal) {

    static NirCaseOutcome of(Path file) {
        try {
            NirImportOptions probe = NirImportOptions.forDt(CompileOptions.DEFAULT_DT);
            double dt = ModelFiles.resolveDt(file, dev.spikeloop.compiler.quantize.TimeStep.AUTO, probe, dev.spikeloop.chipconfig.ChipProfile.XYLO_AUDIO2);
            CompileOptions o = new CompileOptions(dt, "xylo-audio2", 4096, 1.0, false);
            return new NirCaseOutcome(ModelFiles.compile(file, o, NirImportOptions.forDt(dt)), dt, null);
        } catch (IllegalArgumentException e) { // InvalidNirException, CompilationException, no step fits
            return new NirCaseOutcome(null, Double.NaN, e.getMessage());
        }
    }

    boolean compiled() {
        return model != null;
    }

    String notes() {
        return model == null ? "" : String.join("\n", model.compilation().report().notes());
    }
}
