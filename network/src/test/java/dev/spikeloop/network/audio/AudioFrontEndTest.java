package dev.spikeloop.network.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AudioFrontEndTest {
    private static final FrontEndSettings S = FrontEndSettings.DEFAULT;

    @Test
    void centresAreLogSpacedFromTheLowestToJustUnderNyquist() {
        for (double rate : new double[] {8000, 11025, 16000, 48000}) {
            double[] c = S.centresFor(rate);
            assertEquals(16, c.length);
            assertEquals(100, c[0], 1e-9);
            double ratio = c[1] / c[0];
            for (int b = 1; b < c.length; b++) {
                assertEquals(ratio, c[b] / c[b - 1], 1e-9);
            }
            double upperEdge = c[15] * (Math.sqrt(1 + 1 / (4 * S.q() * S.q())) + 1 / (2 * S.q()));
            assertTrue(upperEdge < rate / 2, rate + ": top band reaches " + upperEdge);
            assertTrue(upperEdge > 0.85 * rate / 2 || c[15] == FrontEndSettings.XYLO_HIGHEST_CENTRE_HZ, rate + "");
        }
        assertEquals(17000, S.centresFor(48000)[15], 1e-9); // Xylo Audio 3's top centre
        assertEquals(3200, S.centresFor(8000)[15], 1e-9);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new FrontEndSettings(16, 100, 3900, 4, 2, 100, true, 5000, 0.01, 0.01, 15).centresFor(8000));
        assertTrue(e.getMessage().contains("above the Nyquist frequency"), e.getMessage());
    }

    @Test
    void aToneFiresTheBandTunedToIt() {
        AudioFrontEnd fe = new AudioFrontEnd(S);
        double[] c = S.centresFor(8000);
        for (int b : new int[] {2, 6, 10, 15}) {
            Waveform w = new Waveform(TestWavs.tone(c[b], 0.5, 0.4, 8000), 8000, "tone");
            AudioFrontEnd.Encoded e = fe.encode(w);
            int[] per = new int[16];
            for (int ch : e.channels()) {
                per[ch]++;
            }
            int best = 0;
            for (int k = 1; k < 16; k++) {
                best = per[k] > per[best] ? k : best;
            }
            assertEquals(b, best, "tone at band " + b + " centre: counts " + java.util.Arrays.toString(per));
        }
    }

    @Test
    void eventsLieOnTheStepGridAtMostFifteenPerStepAndChannel() {
        FrontEndSettings loud = S.withSpikesPerUnit(1e6);
        AudioFrontEnd fe = new AudioFrontEnd(loud);
        double[] x = TestWavs.tone(400, 0.9, 0.3, 8000);
        AudioFrontEnd.Encoded e = fe.encode(new Waveform(x, 8000, "loud"));
        int[][] counts = new int[e.steps()][16];
        for (int k = 0; k < e.count(); k++) {
            double s = e.times()[k] / loud.step();
            assertEquals(Math.rint(s), s, 1e-9, "spike " + k + " off the grid");
            counts[(int) Math.rint(s)][e.channels()[k]]++;
            if (k > 0) {
                assertTrue(e.times()[k] >= e.times()[k - 1]);
            }
        }
        int max = 0;
        for (int[] row : counts) {
            for (int v : row) {
                max = Math.max(max, v);
            }
        }
        assertEquals(15, max, "a loud tone saturates at the chip's limit");
        assertEquals(30, e.steps());
    }

    @Test
    void silenceAfterASoundStaysSilentAndTheCountGrowsWithTheGain() {
        double[] x = new double[8000];
        double[] t = TestWavs.tone(500, 0.5, 0.3, 8000);
        System.arraycopy(t, 0, x, 0, t.length);
        Waveform w = new Waveform(x, 8000, "burst");
        AudioFrontEnd.Encoded e = new AudioFrontEnd(S).encode(w);
        assertTrue(e.count() > 50);
        assertTrue(e.times()[e.count() - 1] < 0.40, "last spike " + e.times()[e.count() - 1]);
        AudioFrontEnd.Encoded more = new AudioFrontEnd(S.withSpikesPerUnit(2 * S.spikesPerUnit())).encode(w);
        assertTrue(more.count() > 1.5 * e.count(), more.count() + " vs " + e.count());
    }

    @Test
    void settingsRoundTripThroughTheirDescription() {
        assertEquals(S, FrontEndSettings.parse(S.describe()));
        FrontEndSettings other = new FrontEndSettings(8, 50, 6000, 6, 1, 50, false, 300, 0, 0.001, 7);
        assertEquals(other, FrontEndSettings.parse(other.describe()));
        assertThrows(IllegalArgumentException.class, () -> new FrontEndSettings(16, 100, 0, 4, 2, 100, true, 5000, 0.01, 0, 15));
    }
}
