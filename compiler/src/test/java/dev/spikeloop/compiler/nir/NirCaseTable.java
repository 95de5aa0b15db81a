package dev.spikeloop.compiler.nir;

import dev.spikeloop.compiler.probe.ResetProbe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The expected outcome of every file of ../shared/nir-cases (test resource nir-cases-expected.csv). */
final class NirCaseTable {
    record Expectation(boolean compiles, String text) {
    }

    private NirCaseTable() {
    }

    static Map<String, Expectation> load() {
        try (InputStream in = NirCaseTable.class.getResourceAsStream("/nir-cases-expected.csv")) {
            Map<String, Expectation> m = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] p = line.split(";", 3);
                m.put(p[0], new Expectation(p[1].equals("compiles"), p[2]));
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles {@code file} at --dt auto and checks the outcome against {@code e}. */
    static NirCaseOutcome check(Path file, Expectation e) {
        assertNotNull(e, file + " is not in nir-cases-expected.csv");
        NirCaseOutcome o = NirCaseOutcome.of(file);
        assertEquals(e.compiles(), o.compiled(), file + ": " + (o.compiled() ? o.notes() : o.refusal()));
        if (o.compiled()) {
            assertTrue(o.notes().contains(e.text()), file + " report notes:\n" + o.notes());
            // every compiled NIR file states its source's reset and the measured effect
            assertTrue(o.notes().contains("reset semantics: the source resets to v_reset"), o.notes());
        } else {
            assertTrue(o.refusal().startsWith(file.toString()), o.refusal());
            assertTrue(o.refusal().contains(e.text()), o.refusal());
        }
        return o;
    }

    /** Spikes per layer agree: |a - b| <= 15% of the reference + 2. */
    static void assertAgree(long[] reference, long[] actual, String what) {
        assertEquals(reference.length, actual.length, what);
        for (int l = 0; l < reference.length; l++) {
            assertTrue(Math.abs(actual[l] - reference[l]) <= 0.15 * reference[l] + 2, what + ": layer " + l + " reference "
                    + java.util.Arrays.toString(reference) + " vs " + java.util.Arrays.toString(actual));
        }
    }

    /** The probe of a compiled file, imported again at the compiled step. */
    static ResetProbe probe(Path file, NirCaseOutcome o) {
        ImportedNetwork imp = NirImporter.read(file, NirImportOptions.forDt(o.dt()));
        return ResetProbe.measure(imp, o.model().network(), o.model().compilation());
    }
}
