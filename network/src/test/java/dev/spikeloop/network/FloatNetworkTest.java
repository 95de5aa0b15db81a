package dev.spikeloop.network;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FloatNetworkTest {
    static LayerSpec hidden(double[][] w, double[][] rec) {
        return new LayerSpec("hidden", w.length, 0.005, 0.010, 1.0, w, rec);
    }

    static LayerSpec output(double[][] w) {
        return new LayerSpec("output", w.length, 0.005, 0.010, 1.0, w, null);
    }

    static FloatNetwork small() {
        return new FloatNetwork(2, 0.04, List.of(
                hidden(new double[][] {{1, 2}, {3, 4}, {5, 6}}, new double[][] {{0, 1, 2}, {3, 0, 4}, {5, 6, 0}}),
                output(new double[][] {{1, 2, 3}})));
    }

    private static String message(Runnable r) {
        return assertThrows(InvalidNetworkException.class, r::run).getMessage();
    }

    @Test
    void helpers() {
        FloatNetwork net = small();
        assertEquals(2, net.fanIn(0));
        assertEquals(3, net.fanIn(1));
        assertEquals("output", net.outputLayer().name());
        assertEquals(4, net.neuronCount());
        FloatNetwork copy = net.deepCopy();
        assertEquals(net, copy);
        assertNotSame(net.layer(0).weights(), copy.layer(0).weights());
        copy.layer(0).weights()[0][0] = 99;
        assertEquals(1.0, net.layer(0).weights()[0][0]);
        assertEquals(2.5, net.layer(1).withThreshold(2.5).threshold());
    }

    @Test
    void nanWeightNamesLayerRowAndColumn() {
        String m = message(() -> new FloatNetwork(2, 0.04, List.of(
                hidden(new double[][] {{1, 2}, {3, Double.NaN}}, null), output(new double[][] {{1, 2}}))));
        assertTrue(m.contains("layer 0 ('hidden')") && m.contains("weights row 1 column 1") && m.contains("NaN"), m);
    }

    @Test
    void infiniteRecurrentWeight() {
        String m = message(() -> new FloatNetwork(2, 0.04, List.of(
                hidden(new double[][] {{1, 2}, {3, 4}}, new double[][] {{0, Double.POSITIVE_INFINITY}, {0, 0}}),
                output(new double[][] {{1, 2}}))));
        assertTrue(m.contains("recurrent row 0 column 1") && m.contains("Infinity"), m);
    }

    @Test
    void wrongRowLength() {
        String m = message(() -> new FloatNetwork(2, 0.04, List.of(
                hidden(new double[][] {{1, 2}, {3, 4}}, null), output(new double[][] {{1, 2, 3}}))));
        assertTrue(m.contains("layer 1 ('output')") && m.contains("row 0 has 3 columns, expected 2"), m);
    }

    @Test
    void wrongRowCount() {
        String m = message(() -> new FloatNetwork(2, 0.04, List.of(
                new LayerSpec("h", 3, 0.005, 0.01, 1, new double[][] {{1, 2}, {3, 4}}, null),
                output(new double[][] {{1, 2, 3}}))));
        assertTrue(m.contains("weights has 2 rows, expected 3"), m);
    }

    @Test
    void nonPositiveParameters() {
        double[][] w = {{1, 2}};
        assertTrue(message(() -> new FloatNetwork(2, 0.04, List.of(
                new LayerSpec("o", 1, 0, 0.01, 1, w, null)))).contains("tauSyn must be a finite number > 0"));
        assertTrue(message(() -> new FloatNetwork(2, 0.04, List.of(
                new LayerSpec("o", 1, 0.005, -0.01, 1, w, null)))).contains("tauMem"));
        assertTrue(message(() -> new FloatNetwork(2, 0.04, List.of(
                new LayerSpec("o", 1, 0.005, 0.01, 0, w, null)))).contains("threshold"));
        assertTrue(message(() -> new FloatNetwork(2, 0.04, List.of(
                new LayerSpec("o", 1, 0.005, Double.NaN, 1, w, null)))).contains("tauMem"));
        assertTrue(message(() -> new FloatNetwork(2, 0, List.of(
                new LayerSpec("o", 1, 0.005, 0.01, 1, w, null)))).contains("tEnd"));
        assertTrue(message(() -> new FloatNetwork(0, 0.04, List.of(
                new LayerSpec("o", 1, 0.005, 0.01, 1, w, null)))).contains("inputs"));
        assertTrue(message(() -> new FloatNetwork(2, 0.04, List.of())).contains("at least one layer"));
    }

    @Test
    void recurrentOnOutputLayerIsRejected() {
        String m = message(() -> new FloatNetwork(2, 0.04, List.of(
                new LayerSpec("out", 1, 0.005, 0.01, 1, new double[][] {{1, 2}}, new double[][] {{0}}))));
        assertTrue(m.contains("output layer"), m);
    }

    @Test
    void inputSpikesOfSortsPerChannelAndChecksRange() {
        InputSpikes in = InputSpikes.of(3, List.of(new double[] {0.3, 2}, new double[] {0.1, 2}, new double[] {0.2, 0}));
        assertEquals(3, in.channels());
        assertEquals(3, in.count());
        assertEquals(0.1, in.times(2)[0]);
        assertEquals(0, in.times(1).length);
        assertTrue(message(() -> InputSpikes.of(3, List.<double[]>of(new double[] {0.1, 3}))).contains("out of range"));
        assertTrue(message(() -> new InputSpikes(new double[][] {{0.2, 0.1}})).contains("sorted"));
        assertTrue(message(() -> new InputSpikes(new double[][] {{-0.1}})).contains(">= 0"));
    }
}
