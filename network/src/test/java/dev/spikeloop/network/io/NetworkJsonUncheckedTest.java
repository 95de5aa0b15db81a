package dev.spikeloop.network.io;

import dev.spikeloop.network.InvalidNetworkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lenient mode of the network reader: what it keeps that the strict mode refuses. */
class NetworkJsonUncheckedTest {
    @TempDir
    Path dir;

    @Test
    void keepsNaNAndBadShapesThatTheStrictModeRefuses() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, """
                {"format":"spikeloop-network/1","inputs":2,"tEnd":0.05,"layers":[
                 {"name":"h","size":2,"tauSyn":0.005,"tauMem":[0.01,0.02],"threshold":1.0,
                  "weights":[[1.0,NaN],[0.5]]},
                 {"name":"o","size":1,"tauSyn":0.005,"tauMem":100,"threshold":1.0,"weights":[[1.0],"x"]}]}
                """);
        assertThrows(InvalidNetworkException.class, () -> NetworkJson.read(f));
        NetworkJson.Unchecked u = NetworkJson.readUnchecked(f).orElseThrow();
        assertEquals(2, u.inputs());
        assertEquals(0.05, u.tEnd());
        assertEquals(2, u.layers().size());
        assertTrue(Double.isNaN(u.layers().get(0).weights()[0][1]));
        assertEquals(1, u.layers().get(0).weights()[1].length); // the short row as written
        assertEquals(0.01, u.layers().get(0).tauMem()); // per-neuron values: the first
        assertEquals(100, u.layers().get(1).tauMem());
        assertNull(u.layers().get(1).weights()[1]);
    }

    @Test
    void isEmptyWhenTheLayersCannotBeMadeOut() throws Exception {
        Path notJson = dir.resolve("a.json");
        Files.writeString(notJson, "{ not json");
        assertTrue(NetworkJson.readUnchecked(notJson).isEmpty());
        Path noLayers = dir.resolve("b.json");
        Files.writeString(noLayers, "{\"inputs\":2}");
        assertTrue(NetworkJson.readUnchecked(noLayers).isEmpty());
        assertTrue(NetworkJson.readUnchecked(dir.resolve("missing.json")).isEmpty());
    }
}
