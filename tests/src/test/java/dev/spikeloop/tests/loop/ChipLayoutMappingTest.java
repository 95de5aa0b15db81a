package dev.spikeloop.tests.loop;

import dev.spikeloop.compiler.quantize.ChipMapping;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.runtime.loop.ChipLayout;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The loop's layout is the compiler's mapping plus timing, not a second derivation of it. */
class ChipLayoutMappingTest {
    @Test
    void theLoopUsesTheCompilersMapping() {
        FloatNetwork net = NetworkJson.read(Path.of("..", "models", "yinyang-5-120-3.json"));
        Compilation c = NetworkCompiler.compile(net, CompileOptions.defaults());
        ChipLayout compiled = ChipLayout.of(c);
        assertSame(c.mapping(), compiled.mapping());
        ChipLayout fromNet = ChipLayout.of(net, CompileOptions.DEFAULT_DT);
        assertEquals(ChipMapping.of(net), fromNet.mapping());
        assertEquals(compiled, fromNet);
        assertArrayEquals(new int[] {120}, compiled.hiddenSizes());
        assertEquals(3, compiled.outputs());
        // a configuration alone: one hidden layer placed as the compiler places it, the same steps
        ChipLayout single = ChipLayout.of(new ChipMapping(5, new int[] {0}, new int[] {120}, 3), CompileOptions.DEFAULT_DT,
                net.tEnd());
        assertEquals(compiled, single);
    }
}
