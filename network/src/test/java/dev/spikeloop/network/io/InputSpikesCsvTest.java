package dev.spikeloop.network.io;

import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.InvalidNetworkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputSpikesCsvTest {
    private static String error(String csv, int channels) {
        return assertThrows(InvalidNetworkException.class,
                () -> InputSpikesCsv.parse(csv, "in.csv", channels)).getMessage();
    }

    @Test
    void readsRowsInAnyOrder() {
        InputSpikes in = InputSpikesCsv.parse("time,channel\r\n0.003,1\n0.001,1\n0.002,0\n\n", "in.csv", 3);
        assertEquals(3, in.channels());
        assertArrayEquals(new double[] {0.001, 0.003}, in.times(1));
        assertArrayEquals(new double[] {0.002}, in.times(0));
        assertEquals(0, in.times(2).length);
        assertEquals(2, InputSpikesCsv.parse("time,channel\n0.1,1\n", "x", -1).channels());
    }

    @Test
    void errorsNameTheLine() {
        assertTrue(error("time,channel\n0.1,0\n0.2,5\n", 3).startsWith("in.csv:3: channel 5 is out of range"));
        assertTrue(error("time,channel\n0.1,0\nabc,1\n", 3).startsWith("in.csv:3: time 'abc'"));
        assertTrue(error("time,channel\n-0.1,0\n", 3).startsWith("in.csv:2: time must be"));
        assertTrue(error("time,channel\nNaN,0\n", 3).startsWith("in.csv:2: time must be"));
        assertTrue(error("time,channel\n0.1,1.5\n", 3).startsWith("in.csv:2: channel '1.5'"));
        assertTrue(error("time,channel\n0.1,1,2\n", 3).startsWith("in.csv:2: expected 2 values"));
        assertTrue(error("channel,time\n", 3).startsWith("in.csv:1: expected the header"));
        assertTrue(error("", 3).contains("empty file"));
    }

    @Test
    void roundTripsExactly(@TempDir Path dir) {
        Random rnd = new Random(3);
        double[][] t = new double[4][];
        for (int c = 0; c < 4; c++) {
            t[c] = new double[rnd.nextInt(20)];
            for (int k = 0; k < t[c].length; k++) {
                t[c][k] = rnd.nextDouble() * Math.pow(10, -rnd.nextInt(8));
            }
        }
        InputSpikes in = InputSpikes.ofTimes(t);
        Path file = dir.resolve("in.csv");
        InputSpikesCsv.write(in, file);
        assertEquals(in, InputSpikesCsv.read(file, 4));
    }
}
