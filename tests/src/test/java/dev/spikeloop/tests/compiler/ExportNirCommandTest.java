package dev.spikeloop.tests.compiler;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.tests.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code compile --export-nir} on a network NIR cannot name: a clear error and no output at all. */
class ExportNirCommandTest {
    @TempDir
    Path dir;

    @Test
    void aLayerNameHdf5CannotHoldFailsTheCommandAndWritesNothing() throws Exception {
        FloatNetwork trained = CompiledYinYangAgreementTest.trained();
        LayerSpec h = trained.layer(0);
        FloatNetwork net = trained.withLayer(0, new LayerSpec("enc/h0", h.size(), h.tauSyn(), h.tauMem(),
                h.threshold(), h.weights(), h.recurrent(), h.detail()));
        Path model = dir.resolve("net.json");
        NetworkJson.write(net, model);
        Path pb = dir.resolve("chip.pb");
        Path nir = dir.resolve("net.nir");
        CommandRun r = CommandRun.run("compile", "--model", model.toString(), "--dt", "0.001", "--out", pb.toString(),
                "--export-nir", nir.toString());
        assertEquals(1, Math.min(r.code(), 1), r.err());
        assertTrue(r.err().contains("--export-nir " + nir + ": cannot export the network as NIR: layer 0 ('enc/h0'): its name cannot be a NIR node name: an HDF5 name cannot"
                + " contain '/'"), r.err());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(model), files.toList());
        }
    }
}
