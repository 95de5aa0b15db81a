package dev.spikeloop.emulator.xylo;

import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.chipconfig.spikes.SpikeEvent;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SpikeRasterTest {
    @Test
    void sortsSumsRepeatsAndDropsZeros() {
        SpikeRaster r = SpikeRaster.of(new SpikeEvent(2, 1, 3), new SpikeEvent(0, 5, 1), new SpikeEvent(2, 1, 4),
                new SpikeEvent(1, 0, 0), new SpikeEvent(2, 0, 1));
        assertEquals(List.of("0:5:1", "2:0:1", "2:1:7"), Cores.events(r));
        assertEquals(3, r.endStep());
        assertEquals(6, r.width());
        assertEquals(9, r.totalCount());
        assertEquals(7, r.countAt(2, 1));
        assertEquals(0, r.countAt(1, 0));
    }

    @Test
    void windowShiftMergeAndDense() {
        SpikeRaster r = SpikeRaster.of(new SpikeEvent(0, 0, 1), new SpikeEvent(3, 1, 2), new SpikeEvent(5, 0, 1));
        assertEquals(List.of("0:1:2"), Cores.events(r.window(3, 5)));
        assertEquals(r, r.window(0, 3).merge(r.window(3, 10).shift(3)));
        assertArrayEquals(new int[][] {{1, 0}, {0, 0}, {0, 0}, {0, 2}, {0, 0}, {1, 0}}, r.dense(6, 2));
        assertEquals(r, SpikeRaster.fromDense(r.dense(6, 2)));
        assertThrows(IllegalArgumentException.class, () -> r.dense(5, 2));
        assertThrows(IllegalArgumentException.class, () -> r.shift(-1));
    }

    @Test
    void overflowingSumIsReported() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SpikeRaster.of(new SpikeEvent(0, 0, Integer.MAX_VALUE), new SpikeEvent(0, 0, 1)));
        assertEquals(true, e.getMessage().contains("neuron 0 at step 0"));
    }
}
