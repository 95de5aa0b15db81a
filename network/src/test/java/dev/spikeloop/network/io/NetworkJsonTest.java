package dev.spikeloop.network.io;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InvalidNetworkException;
import dev.spikeloop.network.LayerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkJsonTest {
    private static final String GOOD = """
            {
              "format": "spikeloop-network/1",
              "inputs": 2,
              "tEnd": 0.04,
              "layers": [
                { "name": "hidden", "size": 2, "tauSyn": 0.005, "tauMem": 0.010, "threshold": 1.0,
                  "weights": [[1.5, -2], [0.25, 3e-1]],
                  "recurrent": [[0, 0.5], [-0.5, 0]] },
                { "name": "output", "size": 1, "tauSyn": 0.005, "tauMem": 0.005, "threshold": 0.7,
                  "weights": [[1, 2]] }
              ]
            }
            """;

    private static String error(String json) {
        return assertThrows(InvalidNetworkException.class, () -> NetworkJson.parse(json, "net.json")).getMessage();
    }

    @Test
    void parsesTheExampleLayout() {
        FloatNetwork net = NetworkJson.parse(GOOD, "good.json");
        assertEquals(2, net.inputs());
        assertEquals(0.04, net.tEnd());
        assertEquals(2, net.layers().size());
        assertEquals(0.3, net.layer(0).weights()[1][1]);
        assertEquals(-0.5, net.layer(0).recurrent()[1][0]);
        assertNull(net.layer(1).recurrent());
        assertEquals(0.7, net.outputLayer().threshold());
    }

    @Test
    void roundTripsRandomNetworksExactly(@TempDir Path dir) throws Exception {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 5; trial++) {
            int inputs = 1 + rnd.nextInt(5);
            List<LayerSpec> layers = new ArrayList<>();
            int fanIn = inputs;
            int depth = 1 + rnd.nextInt(3);
            for (int l = 0; l < depth; l++) {
                int size = 1 + rnd.nextInt(6);
                boolean rec = l < depth - 1 && rnd.nextBoolean();
                layers.add(new LayerSpec("l" + l, size, 0.001 + rnd.nextDouble() * 0.01,
                        0.001 + rnd.nextDouble() * 0.02, 0.1 + rnd.nextDouble(),
                        random(rnd, size, fanIn), rec ? random(rnd, size, size) : null));
                fanIn = size;
            }
            FloatNetwork net = new FloatNetwork(inputs, rnd.nextDouble() + 1e-3, layers);
            Path file = dir.resolve("net" + trial + ".json");
            NetworkJson.write(net, file);
            assertEquals(net, NetworkJson.read(file));
        }
        String text = Files.readString(dir.resolve("net0.json"));
        assertTrue(text.contains("\"format\" : \"spikeloop-network/1\""), text);
    }

    private static double[][] random(Random rnd, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3);
            }
        }
        return m;
    }

    @Test
    void nanAndInfinityNameLayerRowColumn() {
        String m = error(GOOD.replace("[0.25, 3e-1]", "[0.25, NaN]"));
        assertTrue(m.startsWith("net.json: ") && m.contains("layer 0 ('hidden')") && m.contains("row 1 column 1"), m);
        m = error(GOOD.replace("[[1, 2]]", "[[1, 1e999]]"));
        assertTrue(m.contains("layer 1 ('output')") && m.contains("row 0 column 1") && m.contains("Infinity"), m);
        m = error(GOOD.replace("[-0.5, 0]", "[-0.5, \"x\"]"));
        assertTrue(m.contains("recurrent row 1 column 1") && m.contains("expected a number"), m);
    }

    @Test
    void unknownAndMissingFields() {
        assertTrue(error(GOOD.replace("\"inputs\": 2,", "\"inputs\": 2, \"extra\": 1,"))
                .contains("unknown field 'extra'"));
        assertTrue(error(GOOD.replace("\"threshold\": 0.7,", "\"threshold\": 0.7, \"gain\": [0],"))
                .contains("layer 1 ('output'): unknown field 'gain'"));
        assertTrue(error(GOOD.replace("\"tEnd\": 0.04,", "")).contains("'tEnd' is missing"));
        assertTrue(error(GOOD.replace("spikeloop-network/1", "spikeloop-network/2")).contains("format"));
        assertTrue(error(GOOD.replace("\"inputs\": 2", "\"inputs\": 2.5")).contains("expected an integer"));
        assertTrue(error(GOOD.replace("\"inputs\": 2,", "\"inputs\": 2, \"inputs\": 3,")).contains("Duplicate"));
    }

    @Test
    void invalidValuesAndShapes() {
        assertTrue(error(GOOD.replace("\"tauMem\": 0.010", "\"tauMem\": 0")).contains("tauMem must be"));
        assertTrue(error(GOOD.replace("\"threshold\": 0.7", "\"threshold\": -1")).contains("threshold must be"));
        assertTrue(error(GOOD.replace("[[1, 2]]", "[[1, 2, 3]]")).contains("row 0 has 3 columns, expected 2"));
        String m = error(GOOD.replace("\"weights\": [[1, 2]] }", "\"weights\": [[1, 2]], \"recurrent\": [[0]] }"));
        assertTrue(m.contains("output layer"), m);
        assertTrue(error("{ \"format\": ").contains("not valid JSON"));
        assertTrue(error("[]").contains("JSON object"));
    }

    @Test
    void missingFileIsAClearError(@TempDir Path dir) {
        String m = assertThrows(InvalidNetworkException.class,
                () -> NetworkJson.read(dir.resolve("nope.json"))).getMessage();
        assertTrue(m.contains("file not found"), m);
    }
}
