package dev.spikeloop.runtime.train;

import dev.spikeloop.network.FloatNetwork;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeConstantSpreadTest {

    private static FloatNetwork net() {
        NetworkShape shape = new NetworkShape(3, new int[] {400}, 2, 0.005, 0.010, 1.0, 0.1);
        List<double[][]> w = new ArrayList<>();
        for (int l = 0; l < shape.layerCount(); l++) {
            w.add(new double[shape.size(l)][shape.fanIn(l)]);
        }
        return shape.build(w);
    }

    @Test
    void hiddenNeuronsGetLogUniformTimeConstantsInTheRangeAndTheOutputKeepsItsOwn() {
        FloatNetwork out = TimeConstantSpread.spread(net(), 0.160, 7, t -> t);
        double[] tau = out.layer(0).detail().tauMem();
        assertEquals(400, tau.length);
        int lowerHalf = 0;   // log-uniform: half of the draws below the geometric mean (40 ms)
        for (double t : tau) {
            assertTrue(t >= 0.010 && t <= 0.160, "tau " + t);
            if (t < 0.040) {
                lowerHalf++;
            }
        }
        assertTrue(lowerHalf > 160 && lowerHalf < 240, "log-uniform split " + lowerHalf + " of 400");
        assertEquals(tau[5], out.layer(0).tauMemOf(5));
        assertNull(out.layer(1).detail().tauMem());
        assertArrayEquals(tau, TimeConstantSpread.spread(net(), 0.160, 7, t -> t).layer(0).detail().tauMem());
    }

    @Test
    void theRealisationMapsEveryDraw() {
        double[] tau = TimeConstantSpread.spread(net(), 0.160, 7, t -> t < 0.04 ? 0.016 : 0.064)
                .layer(0).detail().tauMem();
        for (double t : tau) {
            assertTrue(t == 0.016 || t == 0.064, "tau " + t);
        }
    }

    @Test
    void aMaximumBelowTheLayersOwnTimeConstantIsRefusedWithBothValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimeConstantSpread.spread(net(), 0.005, 1, t -> t));
        assertTrue(e.getMessage().contains("0.005") && e.getMessage().contains("0.01"), e.getMessage());
    }
}
