package dev.spikeloop.runtime.train;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.runtime.fp.ParameterVector;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one activity-push rule and the one parameter vector it writes into. */
class ActivityPushTest {

    /** 2 inputs -> 3 hidden (recurrent) -> 2 outputs, weights numbered 1, 2, 3, ... in vector order. */
    private static FloatNetwork net() {
        double[][] w0 = {{1, 2}, {3, 4}, {5, 6}};
        double[][] r0 = {{7, 8, 9}, {10, 11, 12}, {13, 14, 15}};
        double[][] w1 = {{16, 17, 18}, {19, 20, 21}};
        return new FloatNetwork(2, 0.04, List.of(new LayerSpec("h", 3, 0.005, 0.01, 0.5, w0, r0),
                new LayerSpec("o", 2, 0.005, 0.01, 0.7, w1, null)));
    }

    @Test
    void theVectorIsWeightsThenRecurrentPerLayerThenThresholds() {
        FloatNetwork net = net();
        ParameterVector v = new ParameterVector(true);
        double[] p = v.flatten(net);
        assertEquals(23, p.length);
        for (int k = 0; k < 21; k++) {
            assertEquals(k + 1, p[k]);
        }
        assertEquals(0.5, p[21]);
        assertEquals(0.7, p[22]);
        assertEquals(15, v.weightOffset(net, 1));
        assertEquals(22, v.thresholdOffset(net, 1));
        assertEquals(-1, v.biasOffset(net, 0));
        assertArrayEquals(p, v.flatten(v.unflatten(net, p)));
        double[] noSelf = p.clone();
        v.zeroSelfConnections(net, noSelf);
        assertEquals(0, noSelf[6]);
        assertEquals(0, noSelf[10]);
        assertEquals(0, noSelf[14]);
        assertEquals(8, noSelf[7]);
    }

    @Test
    void aSilentOutputIsPushedAlongItsInputsCounts() {
        FloatNetwork net = net();
        ParameterVector v = new ParameterVector(false);
        double[] g = new double[v.size(net)];
        int[][] counts = {{3, 0, 4}, {2, 0}};
        new ActivityPush(10, 0).addTo(g, net, v, counts, new double[] {1, 1});
        // only output 1's incoming weights, by -10 * (3, 0, 4) / 5
        double[] expected = new double[g.length];
        expected[18] = -6;
        expected[20] = -8;
        assertArrayEquals(expected, g, 1e-12);
    }

    @Test
    void theDeadPushActsOnlyBeyondTheSilentFraction() {
        FloatNetwork net = net();
        ParameterVector v = new ParameterVector(false);
        double[] g = new double[v.size(net)];
        // one of three hidden neurons silent: 33% > 30%, pushed along the input counts (3, 4) / 5
        new ActivityPush(0, 5).addTo(g, net, v, new int[][] {{1, 0, 1}, {1, 1}}, new double[] {3, 4});
        double[] expected = new double[g.length];
        expected[2] = -3;
        expected[3] = -4;
        assertArrayEquals(expected, g, 1e-12);
        double[] none = new double[v.size(net)];
        new ActivityPush(0, 5).addTo(none, net, v, new int[][] {{1, 1, 1}, {1, 1}}, new double[] {3, 4});
        assertArrayEquals(new double[none.length], none);
        assertEquals(0.3, ActivityPush.MAX_SILENT_HIDDEN);
    }
}
