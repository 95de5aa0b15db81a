package dev.spikeloop.tests.loop;

import dev.spikeloop.cli.SpikeloopCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code spikeloop demo} runs the whole path (here with a tiny fallback training) and reports it. */
class DemoCommandTest {

    @Test
    void demoRunsEndToEndOnTheVirtualBoard(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo");
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            // A model path that does not exist would be an error; no --model and no models/ dir here
            // means the fallback training runs (tiny: 1 epoch, 20 hidden neurons).
            code = SpikeloopCli.commandLine().execute("demo", "--out", out.toString(), "--epochs", "1",
                    "--train-size", "200", "--val-size", "100", "--test-size", "100", "--train-epochs", "1",
                    "--hidden", "20");
        } finally {
            System.setOut(saved);
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        assertTrue(text.contains("float (simulated)") && text.contains("compiled (on the device)")
                && text.contains("fine-tuned (on device)"), text);
        assertTrue(text.contains("board virtual"), "the demo must run on the virtual board by default:\n" + text);
        for (String f : new String[] {"train.csv", "val.csv", "test.csv", "compiled.pb", "finetuned.pb",
                "finetuned.json", "plots/finetune-accuracy.png", "plots/finetune-curves.png"}) {
            assertTrue(Files.exists(out.resolve(f)), f + " missing:\n" + text);
        }
    }
}
