package dev.spikeloop.compiler.quantize;

import dev.spikeloop.network.FloatNetwork;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's "--dt auto picks it" note names the step --dt auto really picks. */
class DtNoteTest {
    @Test
    void theNoteNamesTheAutoStep() {
        FloatNetwork net = Networks.random(1, 4, new int[] {20}, 3, true); // 5 ms / 10 ms
        Compilation c = NetworkCompiler.compile(net, CompileOptions.defaults());
        String note = c.report().notes().stream().filter(n -> n.contains("--dt auto picks it")).findFirst()
                .orElseThrow(() -> new AssertionError(c.report().notes().toString()));
        double auto = DtAdvisor.autoDt(net, CompileOptions.DEFAULT_DT, 15).orElseThrow();
        assertTrue(note.startsWith(String.format(Locale.ROOT, "dt = %.4g s", auto)), note + " vs auto " + auto);
        assertEquals(0.32e-3, auto, 0.01e-3);
    }
}
