package dev.spikeloop.compiler.quantize;

import java.util.Locale;

/** Renders a {@link CompilationReport} as Markdown (for {@code --report}) or as a terminal summary. */
public final class ReportMarkdown {
    private ReportMarkdown() {
    }

    /** The full report as a Markdown document. */
    public static String render(CompilationReport r) {
        StringBuilder b = new StringBuilder();
        b.append("# Compilation report\n\n");
        b.append(String.format(Locale.ROOT, "Profile `%s`, dt = %s s: %d input channel(s), %d hidden neuron(s),"
                + " %d output neuron(s), 1 synapse per neuron.%n%n", r.profile(), num(r.dt()), r.inputs(), r.hidden(),
                r.outputs()));
        b.append("## Layers\n\n");
        b.append("| layer | on chip | tau_syn (s) | dash_syn | chip tau_syn (s) | err | tau_mem (s) | dash_mem"
                + " | chip tau_mem (s) | err | threshold | int threshold | threshold err | scale | gain |\n");
        b.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (LayerReport l : r.layers()) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %s | %s | %d | %s | %s | %s | %d | %s | %s | %s |%n",
                    l.name(), l.placement(), num(l.tauSyn()), l.dashSyn(), num(l.tauSynChip()), pct(l.tauSynError()),
                    num(l.tauMem()), l.dashMem(), num(l.tauMemChip()), pct(l.tauMemError()), num(l.threshold()),
                    l.thresholdInt(), pct(l.thresholdError()), num(l.scale()), num(l.gain())));
        }
        b.append("\n## Weight matrices\n\n");
        b.append("| matrix | chip matrix | shift | entries | max abs w | max abs int | rel RMS err | max abs err"
                + " | clipped | zeroed |\n");
        b.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (MatrixReport m : r.matrices()) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s | %d | %s | %s | %d | %d |%n", m.name(),
                    m.chipMatrix().field(), m.shift(), m.entries(), num(m.maxAbsWeight()), m.maxAbsInt(),
                    pct(m.relRmsError()), num(m.maxAbsError()), m.clipped(), m.zeroed()));
        }
        b.append("\n## Chip matrices (integer units)\n\n");
        b.append("| chip matrix | shift | non-zero | max abs int | rel RMS err | clipped |\n");
        b.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (ChipMatrixReport c : r.chipMatrices()) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %s | %d |%n", c.matrix().field(), c.shift(),
                    c.nonZero(), c.maxAbsInt(), pct(c.relRmsError()), c.clipped()));
        }
        b.append("\n## Notes\n\n");
        if (r.notes().isEmpty()) {
            b.append("None.\n");
        }
        for (String n : r.notes()) {
            b.append("- ").append(n).append('\n');
        }
        return b.toString();
    }

    /** A few lines for the terminal: per-matrix errors and the notes. */
    public static String summary(CompilationReport r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%d inputs, %d hidden, %d outputs at dt = %s s (%s)%n", r.inputs(),
                r.hidden(), r.outputs(), num(r.dt()), r.profile()));
        for (MatrixReport m : r.matrices()) {
            b.append(String.format(Locale.ROOT, "  %-24s -> %-11s shift %d  rel RMS err %s  max abs err %s  clipped %d"
                            + "  zeroed %d%n", m.name(), m.chipMatrix().field(), m.shift(), pct(m.relRmsError()),
                    num(m.maxAbsError()), m.clipped(), m.zeroed()));
        }
        for (String n : r.notes()) {
            b.append("  note: ").append(n).append('\n');
        }
        return b.toString();
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }
}
