package dev.spikeloop.network.io;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InvalidNetworkException;
import dev.spikeloop.network.LayerDetail;
import dev.spikeloop.network.LayerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optional per-neuron / bias / readout fields of the network file, and that old files stay plain. */
class LayerDetailJsonTest {
    private static final String EXTENDED = """
            {
              "format": "spikeloop-network/1",
              "inputs": 2,
              "tEnd": 0.04,
              "layers": [
                { "name": "hidden", "size": 2, "tauSyn": [0.005, 0.002], "tauMem": 0.010, "threshold": [1.0, 2.0],
                  "bias": [0.1, -0.2], "selfRecurrent": true,
                  "synapse2": { "tauSyn": 0.02, "weights": [[0.5, 0], [0, 0.5]], "recurrent": [[0, 1], [1, 0]] },
                  "weights": [[1.5, -2], [0.25, 3e-1]],
                  "recurrent": [[0.3, 0.5], [-0.5, 0]] },
                { "name": "output", "size": 1, "tauSyn": 0.005, "tauMem": 0.005, "threshold": 0.7,
                  "readout": "membrane", "instantSynapse": true, "weights": [[1, 2]] }
              ]
            }
            """;

    @Test
    void perNeuronValuesBiasSelfConnectionsAndReadoutRoundTrip(@TempDir Path dir) {
        FloatNetwork net = NetworkJson.parse(EXTENDED, "x.json");
        LayerSpec h = net.layer(0);
        assertFalse(h.isPlain());
        assertEquals(0.005, h.tauSyn());
        assertEquals(0.002, h.tauSynOf(1));
        assertEquals(0.010, h.tauMemOf(1));
        assertEquals(2.0, h.thresholdOf(1));
        assertEquals(-0.2, h.biasOf(1));
        assertTrue(h.countsSelfConnections());
        assertArrayEquals(new double[] {0.02, 0.02}, h.detail().synapse2().tauSyn());
        assertEquals(0.5, h.detail().synapse2().weights()[1][1]);
        assertFalse(net.layer(1).isSpiking());
        assertTrue(net.layer(1).detail().instantSynapse());
        Path f = dir.resolve("n.json");
        NetworkJson.write(net, f);
        assertEquals(net, NetworkJson.read(f));
    }

    @Test
    void oldFilesStayPlainAndWriteTheSameFields() {
        String old = EXTENDED.replace("[0.005, 0.002]", "0.005").replace("[1.0, 2.0]", "1.0")
                .replace("\"bias\": [0.1, -0.2], \"selfRecurrent\": true,", "")
                .replace("\"synapse2\": { \"tauSyn\": 0.02, \"weights\": [[0.5, 0], [0, 0.5]], \"recurrent\": [[0, 1], [1, 0]] },", "")
                .replace("\"readout\": \"membrane\", \"instantSynapse\": true,", "");
        FloatNetwork net = NetworkJson.parse(old, "old.json");
        assertTrue(net.layers().stream().allMatch(LayerSpec::isPlain));
        String written = NetworkJson.toJson(net);
        for (String field : List.of("bias", "selfRecurrent", "readout", "instantSynapse", "synapse2")) {
            assertFalse(written.contains(field), written);
        }
        assertTrue(written.contains("\"tauSyn\" : 0.005"), written);
    }

    @Test
    void theReadoutScoreRoundTripsAndIsMeanWhenAbsent(@TempDir Path dir) {
        // absent (files written before the field existed, NIR imports): the time mean, and written back without it
        FloatNetwork mean = NetworkJson.parse(EXTENDED, "old.json");
        assertFalse(mean.outputLayer().detail().maxScore());
        assertFalse(NetworkJson.toJson(mean).contains("readoutScore"));
        assertFalse(NetworkJson.parse(EXTENDED.replace("\"readout\": \"membrane\",",
                "\"readout\": \"membrane\", \"readoutScore\": \"mean\","), "m.json").outputLayer().detail().maxScore());
        FloatNetwork max = NetworkJson.parse(EXTENDED.replace("\"readout\": \"membrane\",",
                "\"readout\": \"membrane\", \"readoutScore\": \"max\","), "max.json");
        assertTrue(max.outputLayer().detail().maxScore());
        assertFalse(max.outputLayer().isPlain());
        assertFalse(max.equals(mean), "the score is part of the model");
        Path f = dir.resolve("max.json");
        NetworkJson.write(max, f);
        assertTrue(NetworkJson.toJson(max).contains("\"readoutScore\" : \"max\""));
        assertEquals(max, NetworkJson.read(f));
        assertEquals(max.outputLayer().detail(), max.outputLayer().detail().deepCopy());
        assertTrue(mean.outputLayer().detail().withMaxScore(true).withBias(new double[] {0.5}).maxScore(),
                "the with-methods keep the score");
    }

    @Test
    void aBadReadoutScoreIsNamed() {
        String m = assertThrows(InvalidNetworkException.class, () -> NetworkJson.parse(EXTENDED.replace(
                "\"readout\": \"membrane\",", "\"readout\": \"membrane\", \"readoutScore\": \"median\","), "x.json"))
                .getMessage();
        assertTrue(m.contains("layer 1 ('output'): readoutScore: expected \"mean\" or \"max\", got \"median\""), m);
        m = assertThrows(InvalidNetworkException.class, () -> NetworkJson.parse(EXTENDED.replace(
                "\"readout\": \"membrane\",", "\"readoutScore\": \"max\","), "x.json")).getMessage();
        assertTrue(m.contains("readoutScore is for a membrane readout only"), m);
        assertThrows(IllegalArgumentException.class,
                () -> new LayerDetail(null, null, null, null, false, true, false, null, true));
    }

    private static final String WINDOWED = """
            { "format": "spikeloop-network/1", "inputs": 1, "tEnd": 0.1, "layers": [
                { "name": "hidden", "size": 1, "tauSyn": 0.005, "tauMem": 0.01, "threshold": 1.0, "weights": [[1.0]] },
                { "name": "output", "size": 4, "tauSyn": 0.005, "tauMem": 0.01, "threshold": 1.0,
                  "weights": [[1.0], [0.5], [-0.5], [0.25]], "readout": "membrane", "readoutWindows": 2 } ] }
            """;

    @Test
    void readoutWindowsRoundTripAndAreOneWhenAbsent(@TempDir Path dir) {
        FloatNetwork w = NetworkJson.parse(WINDOWED, "w.json");
        assertEquals(2, w.outputLayer().detail().readoutWindows());
        assertTrue(NetworkJson.toJson(w).contains("\"readoutWindows\" : 2"));
        Path f = dir.resolve("w.json");
        NetworkJson.write(w, f);
        assertEquals(w, NetworkJson.read(f));
        FloatNetwork one = NetworkJson.parse(WINDOWED.replace(", \"readoutWindows\": 2", ""), "one.json");
        assertEquals(1, one.outputLayer().detail().readoutWindows());
        assertFalse(NetworkJson.toJson(one).contains("readoutWindows"), "one window stays implicit, as in older files");
        assertFalse(w.equals(one), "the windows are part of the model");
        assertEquals(2, w.outputLayer().detail().withBias(new double[] {0, 0, 0, 0}).readoutWindows(),
                "the with-methods keep the windows");
    }

    @Test
    void badReadoutWindowsAreNamed() {
        for (String[] c : new String[][] {
                {"\"readoutWindows\": 3", "readoutWindows 3 does not divide the layer's 4 neurons"},
                {"\"readoutWindows\": 0", "readoutWindows: expected an integer >= 1, got 0"},
                {"\"readoutWindows\": 1.5", "readoutWindows: expected an integer >= 1, got 1.5"},
                {"\"readoutWindows\": 2, \"readoutScore\": \"max\"", "readoutWindows 2 needs the mean score"}}) {
            String m = assertThrows(InvalidNetworkException.class, () -> NetworkJson.parse(
                    WINDOWED.replace("\"readoutWindows\": 2", c[0]), "x.json")).getMessage();
            assertTrue(m.contains(c[1]), m);
        }
        String m = assertThrows(InvalidNetworkException.class, () -> NetworkJson.parse(
                WINDOWED.replace("\"readout\": \"membrane\", ", ""), "x.json")).getMessage();
        assertTrue(m.contains("readoutWindows is for a membrane readout only"), m);
    }

    @Test
    void badPerNeuronValuesAreNamed() {
        String m = assertThrows(InvalidNetworkException.class, () -> NetworkJson.parse(
                EXTENDED.replace("[1.0, 2.0]", "[1.0, 2.0, 3.0]"), "x.json")).getMessage();
        assertTrue(m.contains("layer 0 ('hidden')") && m.contains("threshold has 3 values, expected 2"), m);
        m = assertThrows(InvalidNetworkException.class, () -> NetworkJson.parse(
                EXTENDED.replace("[0.005, 0.002]", "[0.005, -1]"), "x.json")).getMessage();
        assertTrue(m.contains("tauSyn of neuron 1 must be a finite number > 0"), m);
        m = assertThrows(InvalidNetworkException.class, () -> NetworkJson.parse(
                EXTENDED.replace("\"membrane\"", "\"volts\""), "x.json")).getMessage();
        assertTrue(m.contains("readout: expected \"spikes\" or \"membrane\""), m);
        m = assertThrows(InvalidNetworkException.class, () -> NetworkJson.parse(
                EXTENDED.replace("[[0.5, 0], [0, 0.5]]", "[[0.5, 0]]"), "x.json")).getMessage();
        assertTrue(m.contains("synapse2.weights has 1 rows, expected 2"), m);
    }

    @Test
    void membraneReadoutOnlyOnTheOutputLayer() {
        double[][] w = {{1}};
        var d = new LayerDetail(null, null, null, null, false, false, false);
        var hidden = new LayerSpec("h", 1, 0.005, 0.01, 1, w, null, d);
        var out = new LayerSpec("o", 1, 0.005, 0.01, 1, w, null);
        String m = assertThrows(InvalidNetworkException.class, () -> new FloatNetwork(1, 0.01, List.of(hidden, out)))
                .getMessage();
        assertTrue(m.contains("output layer only"), m);
        double[] per = {1.0};
        assertArrayEquals(per, new LayerSpec("h", 1, 0.005, 0.01, 1, w, null,
                new LayerDetail(null, null, per, null, false, true, false)).detail().threshold());
    }
}
