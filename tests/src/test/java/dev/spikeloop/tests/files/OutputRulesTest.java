package dev.spikeloop.tests.files;

import dev.spikeloop.chipconfig.io.ChipConfigFiles;
import dev.spikeloop.cli.SpikeloopCli;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.driver.virtual.VirtualBoard;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.data.DatasetCsv;
import dev.spikeloop.network.data.YinYang;
import dev.spikeloop.network.io.NetworkJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The file rules of docs/files.md, end to end, as a property over every command with more than one
 * output (and {@code demo}, whose one output is a folder of many files): each output path is made bad
 * in every listed way in turn, and also the command is made to fail after its work started; every time
 * the pre-existing outputs (sentinels) must be byte-identical afterwards and no new file may be left.
 * A successful run of the same recipe then replaces every output together.
 */
class OutputRulesTest {
    /** Options that name outputs: {@code --out}, {@code --*-out}, {@code --plots}, {@code --report}, ... */
    private static final Pattern OUTPUT_OPTION = Pattern.compile("--(out|.+-out|plots|report|raster|export-.+)");

    @TempDir
    static Path inputs;
    static VirtualBoard board;

    /**
     * How to run one command: its output options with file names ({@code /} at the end: a folder), the
     * extensions an output must have (where the format depends on it), and its other arguments; with
     * {@code late} true, arguments that make it fail after the work has started.
     */
    record Recipe(String command, Map<String, String> outputs, Map<String, String> requiredExtension,
                  BiFunction<Path, Boolean, List<String>> args) {
    }

    @BeforeAll
    static void inputs() throws Exception {
        FloatNetwork net;
        try (InputStream in = OutputRulesTest.class.getResourceAsStream("/dev/spikeloop/tests/compiler/yinyang-5-30-3.json")) {
            net = NetworkJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "yinyang-5-30-3.json");
        }
        NetworkJson.write(net, inputs.resolve("net.json"));
        ChipConfigFiles.write(NetworkCompiler.compile(net, CompileOptions.defaults()).config(), inputs.resolve("chip.pb"));
        Files.writeString(inputs.resolve("in.csv"), "step,channel,count\n0,0,1\n2,4,1\n6,1,2\n");
        Files.writeString(inputs.resolve("bad-in.csv"), "step,channel,count\n0,99,1\n");
        DatasetCsv.write(YinYang.generate(40, 1), inputs.resolve("train.csv"));
        DatasetCsv.write(YinYang.generate(20, 2), inputs.resolve("val.csv"));
        Files.writeString(inputs.resolve("out-of-range.csv"), "x,y,label\n0.5,7,0\n0.2,0.1,1\n");
        Files.writeString(inputs.resolve("three-features.csv"), "a,b,c,label\n0.5,0.5,0.5,0\n0.2,0.1,0.3,1\n");
        board = VirtualBoard.startTcp(0);
        assertEquals(0, SpikeloopCli.commandLine().execute("flash", "--port", board.address(),
                inputs.resolve("chip.pb").toString()));
    }

    @AfterAll
    static void stopBoard() {
        if (board != null) {
            board.close();
        }
    }

    private static String in(String name) {
        return inputs.resolve(name).toString();
    }

    static List<Recipe> recipes() {
        return List.of(
                new Recipe("compile", outputs("--out", "c.pb", "--report", "r.md", "--export-nir", "n.nir"),
                        Map.of("--out", ".pb", "--export-nir", ".nir"),
                        (dir, late) -> List.of("--model", in("net.json"), "--dt", late ? "1" : "0.001")),
                new Recipe("emulate", outputs("--out", "o.csv", "--hidden-out", "h.csv", "--states-out", "s.csv",
                        "--raster", "r.png"), Map.of("--raster", ".png"),
                        (dir, late) -> List.of("--config", in("chip.pb"), "--input", in(late ? "bad-in.csv" : "in.csv"),
                                "--steps", "10")),
                new Recipe("run", outputs("--out", "o.csv", "--hidden-out", "h.csv"), Map.of(),
                        (dir, late) -> List.of("--port", late ? "tcp://127.0.0.1:1" : board.address(),
                                "--input", in("in.csv"), "--steps", "10", "--retries", "0")),
                new Recipe("train", outputs("--out", "m.json", "--plots", "plots/"), Map.of(),
                        (dir, late) -> List.of("--data", in(late ? "out-of-range.csv" : "train.csv"), "--validation",
                                in("val.csv"), "--hidden", "4", "--epochs", "1", "--batch", "20", "--threads", "1")),
                new Recipe("finetune", outputs("--out", "t.json", "--config-out", "t.pb", "--plots", "plots/"),
                        Map.of("--config-out", ".pb"),
                        (dir, late) -> List.of("--model", in("net.json"), "--device", "emulator",
                                "--data", in(late ? "three-features.csv" : "train.csv"), "--val", in("val.csv"),
                                "--epochs", "1", "--batch", "20", "--checkpoint", dir.resolve("ft.ckpt").toString())),
                new Recipe("demo", outputs("--out", "demo/"), Map.of(),
                        (dir, late) -> List.of("--model", in("net.json"), "--epochs", "1", "--train-size", "60",
                                "--val-size", "30", "--test-size", "30", "--device", "emulator",
                                "--dt", late ? "1" : "auto")));
    }

    private static Map<String, String> outputs(String... optionAndName) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < optionAndName.length; i += 2) {
            m.put(optionAndName[i], optionAndName[i + 1]);
        }
        return m;
    }

    @Test
    void everyCommandWithSeveralOutputsHasARecipe() {
        Map<String, List<String>> found = new TreeMap<>();
        for (Map.Entry<String, CommandLine> c : SpikeloopCli.commandLine().getSubcommands().entrySet()) {
            List<String> outs = c.getValue().getCommandSpec().options().stream()
                    .filter(o -> !o.hidden() && o.type() == Path.class && OUTPUT_OPTION.matcher(o.longestName()).matches())
                    .map(CommandLine.Model.OptionSpec::longestName).toList();
            if (outs.size() > 1) {
                found.put(c.getKey(), outs);
            }
        }
        assertTrue(found.keySet().containsAll(List.of("compile", "emulate", "finetune", "run", "train")), found.toString());
        for (Map.Entry<String, List<String>> e : found.entrySet()) {
            Recipe r = recipes().stream().filter(x -> x.command().equals(e.getKey())).findFirst().orElse(null);
            assertTrue(r != null, "spikeloop " + e.getKey() + " writes " + e.getValue()
                    + ": add a recipe to this test so that its outputs are checked as a set");
            assertEquals(new TreeSet<>(e.getValue()), new TreeSet<>(r.outputs().keySet()), e.getKey());
        }
    }

    @TestFactory
    Stream<DynamicTest> aFailedCommandLeavesEveryOutputAsItWas(@TempDir Path root) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Recipe r : recipes()) {
            for (String option : r.outputs().keySet()) {
                boolean folder = r.outputs().get(option).endsWith("/");
                tests.add(failing(root, r, option, folder ? "is a file" : "is a folder",
                        dir -> dir.resolve(folder ? "a-file" : "a-folder")));
                tests.add(failing(root, r, option, "parent is a file", dir -> dir.resolve("a-file").resolve("x.pb")));
                tests.add(failing(root, r, option, "is empty", dir -> Path.of("")));
                for (String other : r.outputs().keySet()) {
                    if (!other.equals(option)) {
                        tests.add(failing(root, r, option, "is also " + other,
                                dir -> dir.resolve(r.outputs().get(other).replace("/", ""))));
                    }
                }
                if (r.requiredExtension().containsKey(option)) {
                    tests.add(failing(root, r, option, "has the wrong extension", dir -> dir.resolve("x.txt")));
                }
                tests.add(DynamicTest.dynamicTest(r.command() + " " + option + " in a folder nobody may write", () -> {
                    Path sys = Path.of("/sys");
                    boolean unwritable;
                    try {
                        Files.delete(Files.createFile(sys.resolve(".spikeloop-probe")));
                        unwritable = false;
                    } catch (IOException e) {
                        unwritable = true;
                    }
                    org.junit.jupiter.api.Assumptions.assumeTrue(unwritable, "no unwritable folder here");
                    check(root, r, option, sys.resolve(folder ? "spikeloop-x" : "x" + ext(r, option)), false,
                            "(permission denied|operation not permitted)");
                }));
            }
            tests.add(DynamicTest.dynamicTest(r.command() + " failing after its work started", () ->
                    check(root, r, null, null, true, null)));
            tests.add(DynamicTest.dynamicTest(r.command() + " succeeding replaces every output together", () ->
                    succeed(root, r)));
        }
        return tests.stream();
    }

    private interface BadPath {
        Path in(Path dir);
    }

    private DynamicTest failing(Path root, Recipe r, String option, String what, BadPath bad) {
        return DynamicTest.dynamicTest(r.command() + " " + option + " " + what, () -> {
            Path dir = Files.createTempDirectory(root, r.command());
            check(root, r, option, bad.in(dir.resolve("out")), false, null, dir);
        });
    }

    private static String ext(Recipe r, String option) {
        String name = r.outputs().get(option);
        return name.substring(name.lastIndexOf('.'));
    }

    private void check(Path root, Recipe r, String option, Path bad, boolean late, String reason) throws IOException {
        check(root, r, option, bad, late, reason, Files.createTempDirectory(root, r.command()));
    }

    /** Runs {@code r} with {@code option} set to {@code bad} and the other outputs on sentinels. */
    private void check(Path root, Recipe r, String option, Path bad, boolean late, String reason, Path dir)
            throws IOException {
        Path out = sentinels(dir, r);
        List<String> args = new ArrayList<>(List.of(r.command()));
        args.addAll(r.args().apply(dir, late));
        for (String o : r.outputs().keySet()) {
            args.add(o);
            args.add(o.equals(option) ? bad.toString() : out.resolve(r.outputs().get(o).replace("/", "")).toString());
        }
        Map<String, String> before = snapshot(dir);
        String[] result = execute(args);
        assertNotEquals("0", result[0], "must fail: spikeloop " + String.join(" ", args));
        assertEquals(before, snapshot(dir), "spikeloop " + String.join(" ", args)
                + " changed or left files; it said:\n" + result[1]);
        if (option != null) {
            assertTrue(result[1].contains(option), "the message must name " + option + ":\n" + result[1]);
            assertTrue(!result[1].contains(".spikeloop-") && !result[1].contains(".tmp"),
                    "the message must name the user's path, not a temporary one:\n" + result[1]);
        }
        if (reason != null) {
            assertTrue(Pattern.compile("cannot create a (file|folder) in (folder )?/sys: " + reason).matcher(result[1]).find(),
                    "the message must name the folder and the operating system's reason:\n" + result[1]);
        }
    }

    private void succeed(Path root, Recipe r) throws IOException {
        Path dir = Files.createTempDirectory(root, r.command());
        Path out = sentinels(dir, r);
        List<String> args = new ArrayList<>(List.of(r.command()));
        args.addAll(r.args().apply(dir, false));
        for (String o : r.outputs().keySet()) {
            args.add(o);
            args.add(out.resolve(r.outputs().get(o).replace("/", "")).toString());
        }
        String[] result = execute(args);
        assertEquals("0", result[0], "spikeloop " + String.join(" ", args) + ":\n" + result[1]);
        for (Map.Entry<String, String> o : r.outputs().entrySet()) {
            Path p = out.resolve(o.getValue().replace("/", ""));
            if (o.getValue().endsWith("/")) {
                assertEquals("sentinel", Files.readString(p.resolve("keep.txt")), "other files in a folder stay");
                try (Stream<Path> s = Files.list(p)) {
                    assertTrue(s.count() > 1, o.getKey() + " wrote nothing into " + p);
                }
            } else {
                assertNotEquals("sentinel " + o.getKey(), Files.readString(p, StandardCharsets.ISO_8859_1),
                        o.getKey() + " was not replaced");
            }
        }
        try (Stream<Path> s = Files.walk(dir)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".")).toList(),
                    "no temporary file remains");
        }
    }

    /** The outputs as pre-existing files ("sentinel OPTION") and folders (with keep.txt), plus decoys. */
    private static Path sentinels(Path dir, Recipe r) throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        for (Map.Entry<String, String> o : r.outputs().entrySet()) {
            Path p = out.resolve(o.getValue().replace("/", ""));
            if (o.getValue().endsWith("/")) {
                Files.createDirectories(p);
                Files.writeString(p.resolve("keep.txt"), "sentinel");
            } else {
                Files.writeString(p, "sentinel " + o.getKey());
            }
        }
        Files.createDirectories(out.resolve("a-folder"));
        Files.writeString(out.resolve("a-file"), "sentinel a-file");
        return out;
    }

    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                m.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "<folder>"
                        : new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return m;
    }

    /** Exit code and everything printed. */
    private static String[] execute(List<String> args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            CommandLine cl = SpikeloopCli.commandLine();
            cl.setErr(new PrintWriter(err, true));
            code = cl.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(saved);
        }
        return new String[] {String.valueOf(code), err + buf.toString(StandardCharsets.UTF_8)};
    }
}
