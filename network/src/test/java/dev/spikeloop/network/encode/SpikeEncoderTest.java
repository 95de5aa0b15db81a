package dev.spikeloop.network.encode;

import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.data.YinYang;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SpikeEncoderTest {
    private final SpikeEncoder enc = new SpikeEncoder(0.002, 0.022, 0.005);

    @Test
    void lowValuesFireEarlyAndBiasHasItsOwnChannel() {
        InputSpikes s = enc.encode(new double[] {0.0, 1.0, 0.25, 0.5});
        assertEquals(5, s.channels());
        assertArrayEquals(new double[] {0.002}, s.times(0));
        assertArrayEquals(new double[] {0.022}, s.times(1));
        assertArrayEquals(new double[] {0.007}, s.times(2), 1e-15);
        assertArrayEquals(new double[] {0.012}, s.times(3), 1e-15);
        assertArrayEquals(new double[] {0.005}, s.times(4));
        assertEquals(4, enc.biasChannel(4));
        assertEquals(5, enc.channels(4));
    }

    @Test
    void everyYinYangSampleUsesFiveChannelsWithOneSpikeEach() {
        var d = YinYang.generate(50, 1);
        for (InputSpikes s : enc.encodeAll(d)) {
            assertEquals(5, s.channels());
            for (int c = 0; c < 5; c++) {
                assertEquals(1, s.times(c).length);
            }
            assertEquals(0.005, s.times(4)[0]);
        }
    }

    @Test
    void rejectsValuesOutsideTheUnitInterval() {
        var e = assertThrows(IllegalArgumentException.class, () -> enc.encode(new double[] {0.5, 1.2}));
        assertTrue(e.getMessage().contains("feature 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> enc.encode(new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> new SpikeEncoder(0.01, 0.01, 0));
    }

    @Test
    void stepsRoundToTheNearestGridPointSortedByStepThenChannel() {
        InputSpikes s = InputSpikes.ofTimes(new double[] {0.0034, 0.0036}, new double[] {0.003}, new double[] {0.0005});
        List<StepEvent> ev = enc.toSteps(s, 0.001);
        assertEquals(List.of(new StepEvent(1, 2), new StepEvent(3, 0), new StepEvent(3, 1), new StepEvent(4, 0)), ev);
        InputSpikes q = enc.quantize(s, 0.001);
        assertArrayEquals(new double[] {0.003, 0.004}, q.times(0), 1e-15);
        assertArrayEquals(new double[] {0.001}, q.times(2), 1e-15);
    }

    @Test
    void defaultEncodingSeparatesTwentyOneLevelsAtOneMillisecond() {
        SpikeEncoder d = SpikeEncoder.DEFAULT;
        for (int k = 0; k <= 20; k++) {
            InputSpikes s = d.encode(new double[] {k / 20.0});
            assertTrue(d.toSteps(s, 0.001).contains(new StepEvent(k, 0)), "level " + k);
            assertTrue(d.toSteps(s, 0.001).contains(new StepEvent(10, 1)), "bias at 10 ms");
        }
    }
}
