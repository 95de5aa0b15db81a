package dev.spikeloop.cli.commands;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.runtime.train.CountRule;
import dev.spikeloop.runtime.train.DecisionRule;
import dev.spikeloop.runtime.train.MembraneRule;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readout windows eval and finetune decide with: the model's, a contradicting option refused. */
class ReadoutScoreChoiceTest {
    private static final FloatNetwork WINDOWED = NetworkJson.parse("""
            { "format": "spikeloop-network/1", "inputs": 1, "tEnd": 0.1, "layers": [
                { "name": "hidden", "size": 1, "tauSyn": 0.005, "tauMem": 0.01, "threshold": 1.0, "weights": [[1.0]] },
                { "name": "output", "size": 6, "tauSyn": 0.005, "tauMem": 0.01, "threshold": 1.0,
                  "weights": [[1.0], [0.5], [-0.5], [0.25], [0], [0]], "readout": "membrane", "readoutWindows": 3 } ] }
            """, "w.json");

    @Test
    void theModelsWindowsDecide() {
        DecisionRule r = ReadoutScoreChoice.withWindows(new MembraneRule(1, 0, 1), WINDOWED, null, Path.of("w.json"));
        assertEquals(3, ((MembraneRule) r).windows().count());
        assertEquals(2, r.classes(6));
        assertEquals(2, ReadoutScoreChoice.classes(WINDOWED));
        assertEquals(3, ((MembraneRule) ReadoutScoreChoice.withWindows(new MembraneRule(1, 0, 1), WINDOWED, 3,
                Path.of("w.json"))).windows().count(), "an agreeing option is fine");
        assertEquals(2, ((MembraneRule) ReadoutScoreChoice.withWindows(new MembraneRule(1, 0, 1), null, 2, null))
                .windows().count(), "without a model the option decides");
        CountRule count = new CountRule(1, 0, 1);
        assertSame(count, ReadoutScoreChoice.withWindows(count, WINDOWED, null, Path.of("w.json")));
    }

    @Test
    void aContradictingOptionIsRefused() {
        String m = assertThrows(IllegalArgumentException.class, () -> ReadoutScoreChoice.withWindows(
                new MembraneRule(1, 0, 1), WINDOWED, 2, Path.of("w.json"))).getMessage();
        assertTrue(m.contains("--readout-windows 2 contradicts w.json, whose membrane readout was trained with 3 window(s)"),
                m);
        m = assertThrows(IllegalArgumentException.class, () -> ReadoutScoreChoice.withWindows(new CountRule(1, 0, 1),
                null, 3, null)).getMessage();
        assertTrue(m.contains("applies to the membrane rule only"), m);
    }
}
