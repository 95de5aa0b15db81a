package dev.spikeloop.cli.commands;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressBarsTest {
    @Test
    void withoutATerminalTheBarIsPlainLines() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);
        try (ProgressBar bar = ProgressBars.build(new ProgressBarBuilder().setTaskName("train").setInitialMax(1000)
                .continuousUpdate(), err, false)) {
            for (int i = 1; i <= 1000; i++) {
                bar.stepTo(i);
            }
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("\u001b") || text.contains("\r"), text);
        assertTrue(text.startsWith("train"), text);
        long lines = text.lines().count();
        assertTrue(lines >= 1 && lines <= 3, "a few lines, not one per step:\n" + text);
        assertTrue(text.strip().lines().reduce((a, b) -> b).orElse("").contains("1000/1000"), text);
    }
}
