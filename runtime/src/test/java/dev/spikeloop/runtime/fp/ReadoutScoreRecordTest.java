package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerDetail;
import dev.spikeloop.network.LayerSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The score a membrane readout records ({@link ReadoutScore#of}, {@link ReadoutScore#markOn}). */
class ReadoutScoreRecordTest {
    private static FloatNetwork net(boolean spikingOutput) {
        double[][] w = {{1.0}};
        LayerSpec hidden = new LayerSpec("h", 1, 0.005, 0.01, 1, w, null);
        LayerSpec out = new LayerSpec("o", 1, 0.005, 0.01, 1, w, null,
                new LayerDetail(null, null, null, null, false, spikingOutput, false));
        return new FloatNetwork(1, 0.05, List.of(hidden, out));
    }

    @Test
    void markingRecordsTheScoreOnTheReadoutOnly() {
        FloatNetwork readout = net(false);
        assertEquals(ReadoutScore.MEAN, ReadoutScore.of(readout.outputLayer()), "unmarked = mean");
        FloatNetwork max = ReadoutScore.MAX.markOn(readout);
        assertEquals(ReadoutScore.MAX, ReadoutScore.of(max.outputLayer()));
        assertTrue(max.layer(0).detail().isPlain(), "the hidden layer is untouched");
        assertEquals(readout, ReadoutScore.MEAN.markOn(max), "marking mean undoes it");
        FloatNetwork spiking = net(true);
        assertSame(spiking, ReadoutScore.MAX.markOn(spiking), "a spiking output has no score to record");
    }
}
