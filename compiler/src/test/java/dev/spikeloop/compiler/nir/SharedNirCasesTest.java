package dev.spikeloop.compiler.nir;

import dev.spikeloop.compiler.probe.ResetProbe;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every file of {@code ../shared/nir-cases/} (Norse LGPL-3 and Rockpool AGPL-3 files and the
 * exporters' output are not copied into the project): skipped when the folder is absent. Set
 * {@code -Dspikeloop.nirCases=DIR} to point elsewhere.
 */
class SharedNirCasesTest {
    /** The shared folder, when present. */
    static Optional<Path> folder() {
        String given = System.getProperty("spikeloop.nirCases");
        if (given != null) {
            return Optional.of(Path.of(given)).filter(Files::isDirectory);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared/nir-cases");
            if (Files.isDirectory(c.resolve("real"))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Test
    void everySharedFileCompilesOrIsRefusedWithItsNamedReason() throws Exception {
        Optional<Path> dir = folder();
        assumeTrue(dir.isPresent(), "../shared/nir-cases not present");
        Map<String, NirCaseTable.Expectation> expected = NirCaseTable.load();
        List<String> seen = new ArrayList<>();
        for (String sub : List.of("real", "produced")) {
            try (var s = Files.list(dir.get().resolve(sub))) {
                for (Path f : s.filter(p -> p.toString().endsWith(".nir")).sorted().toList()) {
                    String key = sub + "/" + f.getFileName();
                    seen.add(key);
                    NirCaseTable.check(f, expected.get(key));
                }
            }
        }
        assertEquals(expected.keySet().stream().sorted().toList(), seen.stream().sorted().toList());
    }

    @Test
    void snnTorchFilesAgreeWithTheNirEquations() {
        Optional<Path> dir = folder();
        assumeTrue(dir.isPresent(), "../shared/nir-cases not present");
        // Leaky with bias: the chip against the NIR equations with the chip's reset (nothing clipped)
        Path f = dir.get().resolve("produced/snntorch_leaky_bias.nir");
        NirCaseOutcome o = NirCaseOutcome.of(f);
        ResetProbe p = NirCaseTable.probe(f, o);
        NirEulerReference ref = new NirEulerReference(f);
        double t = p.probeSteps() * o.dt();
        assertEquals(0, p.clipped()[0] + p.clipped()[1]);
        NirCaseTable.assertAgree(ref.run(1e-4, o.dt() / 20, t, true), p.chip(), "leaky_bias chip vs NIR equations");
        // the case: Leaky without bias, one spike per input; NIR's reset gives 8 hidden spikes, the
        // reported source semantics agree, the chip's subtraction gives more, and the caps clip the output
        Path g = dir.get().resolve("produced/snntorch_leaky_nobias.nir");
        NirCaseOutcome og = NirCaseOutcome.of(g);
        ResetProbe q = NirCaseTable.probe(g, og);
        long[] nir = new NirEulerReference(g).run(1e-4, og.dt() / 20, q.probeSteps() * og.dt(), false);
        assertEquals(8, nir[0]);
        assertTrue(og.notes().contains("fine-tune in the loop, spikeloop finetune"), og.notes());
        NirCaseTable.assertAgree(nir, q.source(), "leaky_nobias source semantics vs NIR equations");
        assumeTrue(q.clipped()[1] > 0);
    }
}
