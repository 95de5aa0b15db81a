package dev.spikeloop.compiler.quantize;

import java.util.List;

/**
 * What a compilation did and how much it lost: the mapping, per-layer time constants and
 * thresholds, per-matrix weight errors and notes. Render with {@link ReportMarkdown}.
 *
 * @param dt            chip time step (s)
 * @param profile       chip profile
 * @param inputs        input channels used
 * @param hidden        hidden neurons used
 * @param outputs       output neurons used
 * @param layers        one entry per layer
 * @param matrices      one entry per float weight matrix
 * @param chipMatrices  one entry per chip matrix
 * @param notes         things the user should know (approximations, low resolution)
 */
public record CompilationReport(double dt, String profile, int inputs, int hidden, int outputs,
                                List<LayerReport> layers, List<MatrixReport> matrices,
                                List<ChipMatrixReport> chipMatrices, List<String> notes) {

    public CompilationReport {
        layers = List.copyOf(layers);
        matrices = List.copyOf(matrices);
        chipMatrices = List.copyOf(chipMatrices);
        notes = List.copyOf(notes);
    }

    /** The largest relative RMS weight error over all float matrices. */
    public double worstRelRmsError() {
        return matrices.stream().mapToDouble(MatrixReport::relRmsError).max().orElse(0);
    }

    /** Total clipped weights. */
    public int totalClipped() {
        return matrices.stream().mapToInt(MatrixReport::clipped).sum();
    }

    /** This report with {@code extra} notes after its own (e.g. import conventions, probe measurements). */
    public CompilationReport withNotes(List<String> extra) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(extra);
        return new CompilationReport(dt, profile, inputs, hidden, outputs, layers, matrices, chipMatrices, all);
    }

    /** A short plain-text summary for the terminal. */
    public String summary() {
        return ReportMarkdown.summary(this);
    }
}
