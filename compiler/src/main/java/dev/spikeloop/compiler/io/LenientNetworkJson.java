package dev.spikeloop.compiler.io;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.spikeloop.network.LayerSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the layers of a network JSON file without the format's validation, so that the design-rule
 * check can list every problem (NaN, bad shapes and chip limits together) when the strict reader
 * ({@code NetworkJson}) stops at the first one. Anything it cannot make sense of yields empty:
 * the strict reader's message is then the one to show.
 */
final class LenientNetworkJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private LenientNetworkJson() {
    }

    /** Raw network parts: input count, end time and layers as written (no checks). */
    record Raw(int inputs, double tEnd, List<LayerSpec> layers) {
    }

    static Optional<Raw> read(Path path) {
        try {
            JsonNode root = MAPPER.readTree(dev.spikeloop.chipconfig.io.TextFiles.readUtf8(path, "network"));
            if (root == null || !root.path("layers").isArray() || !root.path("inputs").canConvertToInt()) {
                return Optional.empty();
            }
            List<LayerSpec> layers = new ArrayList<>();
            int l = 0;
            for (JsonNode n : root.get("layers")) {
                if (!n.isObject()) {
                    return Optional.empty();
                }
                JsonNode rec = n.get("recurrent");
                layers.add(new LayerSpec(n.path("name").asText("layer" + l), n.path("size").asInt(0),
                        number(n.get("tauSyn")), number(n.get("tauMem")), number(n.get("threshold")),
                        matrix(n.get("weights")), rec == null || rec.isNull() ? null : matrix(rec)));
                l++;
            }
            return Optional.of(new Raw(root.get("inputs").asInt(), number(root.get("tEnd")), layers));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static double number(JsonNode n) {
        if (n != null && n.isArray() && n.size() > 0) {
            return number(n.get(0)); // per-neuron values: the strict reader reports their problems
        }
        return n != null && n.isNumber() ? n.doubleValue() : Double.NaN;
    }

    private static double[][] matrix(JsonNode n) {
        if (n == null || !n.isArray()) {
            return null;
        }
        double[][] m = new double[n.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonNode row = n.get(i);
            if (!row.isArray()) {
                m[i] = null;
                continue;
            }
            m[i] = new double[row.size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = number(row.get(j));
            }
        }
        return m;
    }
}
