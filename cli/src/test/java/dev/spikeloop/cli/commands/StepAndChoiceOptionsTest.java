package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.compiler.quantize.DtAdvisor;
import dev.spikeloop.compiler.quantize.TimeStep;
import dev.spikeloop.network.io.NetworkJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared step option type and the enum options: defaults, spellings and refusals. */
class StepAndChoiceOptionsTest {
    private static final Path MODEL = Path.of("..", "models", "yinyang-5-120-3.json");

    @TempDir
    Path dir;

    @Test
    void compileWithoutDtUsesTheCompilersAutomaticStep() throws Exception {
        Path out = dir.resolve("chip.pb");
        CliRun r = CliRun.run("compile", "--model", MODEL.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        double expected = DtAdvisor.auto(NetworkJson.read(MODEL), ChipProfile.XYLO_AUDIO2.maxDash());
        assertTrue(r.out().contains(String.format(Locale.ROOT, "--dt auto: %.6g s", expected)), r.out());
        assertTrue(expected < 0.001, "the shipped model's auto step is finer than 1 ms: " + expected);
        assertTrue(Files.exists(out));
    }

    @Test
    void aBadStepIsRefusedNamingTheOptionAndTheText() {
        CliRun r = CliRun.run("compile", "--model", MODEL.toString(), "--out", dir.resolve("c.pb").toString(),
                "--dt", "fast");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--dt") && r.err().contains("'fast'"), r.err());
        CliRun negative = CliRun.run("finetune", "--model", MODEL.toString(), "--data", "x.csv", "--val", "y.csv",
                "--dt", "-0.001", "--out", dir.resolve("f.json").toString());
        assertEquals(2, negative.code());
        assertTrue(negative.err().contains("> 0"), negative.err());
    }

    @Test
    void enumOptionsListTheirCandidatesAndAcceptAnyCase() {
        CliRun bad = CliRun.run("eval", "--model", MODEL.toString(), "--data", "x.csv", "--loss", "hinge");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("auto, ttfs, count"), bad.err());
        CliRun help = CliRun.run("grad", "--help");
        assertTrue(help.out().replaceAll("\\s+", " ").contains("one of: auto, fp, adjoint"), help.out());
        CliRun demoHelp = CliRun.run("demo", "--help");
        assertTrue(demoHelp.out().replaceAll("\\s+", " ").contains("one of: yinyang, fsdd"), demoHelp.out());
        // upper case is still accepted: the failure is the missing data file, not the option
        CliRun upper = CliRun.run("eval", "--model", MODEL.toString(), "--data", dir.resolve("none.csv").toString(),
                "--loss", "TTFS");
        assertEquals(1, upper.code(), upper.err());
        assertTrue(!upper.err().contains("--loss"), upper.err());
    }

    @Test
    void timeStepParsesSecondsAndAuto() {
        assertTrue(TimeStep.parse(" AUTO ").isAuto());
        assertEquals(0.0005, TimeStep.parse("0.0005").seconds());
        assertEquals("auto", TimeStep.AUTO.toString());
        assertEquals(0.0005, TimeStep.parse("0.0005").resolve(new double[] {1e9}, 15));
    }
}
