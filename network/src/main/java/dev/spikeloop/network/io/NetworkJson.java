package dev.spikeloop.network.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.spikeloop.chipconfig.io.AtomicFiles;
import dev.spikeloop.chipconfig.io.TextFiles;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InvalidNetworkException;
import dev.spikeloop.network.LayerDetail;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.network.SecondSynapse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the float network file ({@code "format": "spikeloop-network/1"}, see
 * network-format.md). Reading walks the JSON tree by hand so that every error names the field,
 * layer, row and column; unknown fields, duplicate keys, non-numbers and NaN/infinite values are
 * errors. Writing is atomic and round-trips every double exactly.
 */
public final class NetworkJson {
    /** The value of the {@code "format"} field this class reads and writes. */
    public static final String FORMAT = "spikeloop-network/1";

    private static final Set<String> TOP_FIELDS = Set.of("format", "inputs", "tEnd", "layers");
    private static final Set<String> LAYER_FIELDS =
            Set.of("name", "size", "tauSyn", "tauMem", "threshold", "weights", "recurrent",
                    "bias", "selfRecurrent", "readout", "readoutScore", "readoutWindows", "instantSynapse", "synapse2");
    private static final Set<String> SYNAPSE2_FIELDS = Set.of("tauSyn", "weights", "recurrent");

    // NaN/Infinity tokens are accepted by the parser only so that the validator can report them
    // with their layer/row/column instead of a bare syntax error.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    // AtomicFiles forces the channel to disk after the writer returns, so the generator must not close it.
    private static final JsonFactory FACTORY = JsonFactory.builder().disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private NetworkJson() {
    }

    /** Reads and validates a network file. */
    public static FloatNetwork read(Path path) {
        if (!Files.exists(path) && !path.toString().isEmpty()) {
            throw new InvalidNetworkException(path + ": file not found");
        }
        String text = TextFiles.readUtf8Unchecked(path, "network");
        return parse(text, path.toString());
    }

    /**
     * The parts of a network file as written, without the format's validation (the lenient mode of
     * this reader): NaN weights, bad shapes and out-of-range values are kept, so that the compiler's
     * design-rule check can list every problem together where {@link #read} stops at the first one.
     *
     * @param inputs input channels
     * @param tEnd   end time (NaN when missing)
     * @param layers the layers as written (per-neuron values reduced to their first; missing numbers NaN)
     */
    public record Unchecked(int inputs, double tEnd, List<LayerSpec> layers) {
    }

    /**
     * Reads {@code path} in the lenient mode ({@link Unchecked}); empty when even the layers cannot be
     * made out (not JSON, no layer array...): {@link #read}'s message is then the one to show.
     */
    public static java.util.Optional<Unchecked> readUnchecked(Path path) {
        try {
            JsonNode root = MAPPER.readTree(TextFiles.readUtf8(path, "network"));
            if (root == null || !root.path("layers").isArray() || !root.path("inputs").canConvertToInt()) {
                return java.util.Optional.empty();
            }
            List<LayerSpec> layers = new ArrayList<>();
            int l = 0;
            for (JsonNode n : root.get("layers")) {
                if (!n.isObject()) {
                    return java.util.Optional.empty();
                }
                JsonNode rec = n.get("recurrent");
                layers.add(new LayerSpec(n.path("name").asText("layer" + l), n.path("size").asInt(0),
                        uncheckedNumber(n.get("tauSyn")), uncheckedNumber(n.get("tauMem")),
                        uncheckedNumber(n.get("threshold")), uncheckedMatrix(n.get("weights")),
                        rec == null || rec.isNull() ? null : uncheckedMatrix(rec)));
                l++;
            }
            return java.util.Optional.of(new Unchecked(root.get("inputs").asInt(), uncheckedNumber(root.get("tEnd")),
                    layers));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static double uncheckedNumber(JsonNode n) {
        if (n != null && n.isArray() && n.size() > 0) {
            return uncheckedNumber(n.get(0)); // per-neuron values: the strict reader reports their problems
        }
        return n != null && n.isNumber() ? n.doubleValue() : Double.NaN;
    }

    private static double[][] uncheckedMatrix(JsonNode n) {
        if (n == null || !n.isArray()) {
            return null;
        }
        double[][] m = new double[n.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonNode row = n.get(i);
            if (!row.isArray()) {
                continue; // a missing row: the design-rule check reports the shape
            }
            m[i] = new double[row.size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = uncheckedNumber(row.get(j));
            }
        }
        return m;
    }

    /** Parses and validates network JSON; {@code source} names it in error messages. */
    public static FloatNetwork parse(String json, String source) {
        try {
            JsonNode root;
            try {
                root = MAPPER.readTree(json);
            } catch (JsonProcessingException e) {
                throw new InvalidNetworkException("not valid JSON: " + e.getOriginalMessage()
                        + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                        + ", column " + e.getLocation().getColumnNr() + ")"));
            }
            return fromTree(root);
        } catch (InvalidNetworkException e) {
            throw e.withSource(source);
        }
    }

    private static FloatNetwork fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidNetworkException("the top level must be a JSON object");
        }
        checkFields(root, TOP_FIELDS, "top level");
        JsonNode format = require(root, "format", "top level");
        if (!format.isTextual() || !FORMAT.equals(format.textValue())) {
            throw new InvalidNetworkException("format: expected \"" + FORMAT + "\", got " + format);
        }
        int inputs = integer(require(root, "inputs", "top level"), "inputs");
        double tEnd = number(require(root, "tEnd", "top level"), "tEnd");
        JsonNode layersNode = require(root, "layers", "top level");
        if (!layersNode.isArray()) {
            throw new InvalidNetworkException("layers: expected an array of layer objects");
        }
        List<LayerSpec> layers = new ArrayList<>();
        for (int l = 0; l < layersNode.size(); l++) {
            layers.add(layer(layersNode.get(l), l));
        }
        return new FloatNetwork(inputs, tEnd, layers);
    }

    private static LayerSpec layer(JsonNode node, int l) {
        String where = "layer " + l;
        if (!node.isObject()) {
            throw new InvalidNetworkException(where + ": expected a JSON object");
        }
        JsonNode nameNode = node.get("name");
        if (nameNode != null && !nameNode.isTextual()) {
            throw new InvalidNetworkException(where + ": name must be a string");
        }
        String name = nameNode == null ? "layer" + l : nameNode.textValue();
        where = "layer " + l + " ('" + name + "')";
        checkFields(node, LAYER_FIELDS, where);
        int size = integer(require(node, "size", where), where + ": size");
        double[] tauSyn = scalarOrArray(require(node, "tauSyn", where), where + ": tauSyn");
        double[] tauMem = scalarOrArray(require(node, "tauMem", where), where + ": tauMem");
        double[] threshold = scalarOrArray(require(node, "threshold", where), where + ": threshold");
        double[][] weights = matrix(require(node, "weights", where), where + ": weights");
        JsonNode rec = node.get("recurrent");
        double[][] recurrent = rec == null || rec.isNull() ? null : matrix(rec, where + ": recurrent");
        JsonNode biasNode = node.get("bias");
        double[] bias = biasNode == null || biasNode.isNull() ? null : perNeuron(scalarOrArray(biasNode, where + ": bias"), size);
        boolean self = flag(node, "selfRecurrent", where);
        boolean instant = flag(node, "instantSynapse", where);
        JsonNode readout = node.get("readout");
        boolean spiking = true;
        if (readout != null) {
            if (!readout.isTextual() || !(readout.textValue().equals("spikes") || readout.textValue().equals("membrane"))) {
                throw new InvalidNetworkException(where + ": readout: expected \"spikes\" or \"membrane\", got "
                        + abbreviate(readout));
            }
            spiking = readout.textValue().equals("spikes");
        }
        // absent = the time mean, the score of every file written before the field existed
        boolean maxScore = false;
        JsonNode score = node.get("readoutScore");
        if (score != null && !score.isNull()) {
            if (!score.isTextual() || !(score.textValue().equals("mean") || score.textValue().equals("max"))) {
                throw new InvalidNetworkException(where + ": readoutScore: expected \"mean\" or \"max\", got "
                        + abbreviate(score));
            }
            if (spiking) {
                throw new InvalidNetworkException(where + ": readoutScore is for a membrane readout only (add "
                        + "\"readout\": \"membrane\" or remove readoutScore)");
            }
            maxScore = score.textValue().equals("max");
        }
        int windows = 1;
        JsonNode win = node.get("readoutWindows");
        if (win != null && !win.isNull()) {
            if (!win.canConvertToInt() || !win.isIntegralNumber() || win.intValue() < 1) {
                throw new InvalidNetworkException(where + ": readoutWindows: expected an integer >= 1, got "
                        + abbreviate(win));
            }
            windows = win.intValue();
            if (windows > 1 && spiking) {
                throw new InvalidNetworkException(where + ": readoutWindows is for a membrane readout only (add "
                        + "\"readout\": \"membrane\" or remove readoutWindows)");
            }
            if (windows > 1 && maxScore) {
                throw new InvalidNetworkException(where + ": readoutWindows " + windows + " needs the mean score "
                        + "(readoutScore \"mean\"); windows are not scored by their maximum");
            }
            if (size % windows != 0) {
                throw new InvalidNetworkException(where + ": readoutWindows " + windows + " does not divide the "
                        + "layer's " + size + " neurons (each class has one neuron per window)");
            }
        }
        SecondSynapse synapse2 = null;
        JsonNode s2 = node.get("synapse2");
        if (s2 != null && !s2.isNull()) {
            String w2 = where + ": synapse2";
            if (!s2.isObject()) {
                throw new InvalidNetworkException(w2 + ": expected an object with tauSyn, weights and recurrent");
            }
            checkFields(s2, SYNAPSE2_FIELDS, w2);
            JsonNode r2 = s2.get("recurrent");
            synapse2 = new SecondSynapse(perNeuron(scalarOrArray(require(s2, "tauSyn", w2), w2 + ".tauSyn"), size),
                    matrix(require(s2, "weights", w2), w2 + ".weights"),
                    r2 == null || r2.isNull() ? null : matrix(r2, w2 + ".recurrent"));
        }
        LayerDetail detail = new LayerDetail(tauSyn.length == 1 ? null : tauSyn, tauMem.length == 1 ? null : tauMem,
                threshold.length == 1 ? null : threshold, bias, self, spiking, instant, synapse2, maxScore, windows);
        return new LayerSpec(name, size, first(tauSyn), first(tauMem), first(threshold), weights, recurrent, detail);
    }

    /** A number (one value for the layer) or an array of numbers (one per neuron). */
    private static double[] scalarOrArray(JsonNode node, String what) {
        if (node.isArray()) {
            if (node.size() == 0) {
                throw new InvalidNetworkException(what + ": expected a number or a non-empty array of numbers");
            }
            double[] v = new double[node.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = number(node.get(i), what + " neuron " + i);
            }
            return v;
        }
        return new double[] {number(node, what)};
    }

    private static double[] perNeuron(double[] v, int size) {
        if (v.length == 1 && size > 1) {
            double[] b = new double[size];
            java.util.Arrays.fill(b, v[0]);
            return b;
        }
        return v;
    }

    private static double first(double[] v) {
        return v[0];
    }

    private static boolean flag(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new InvalidNetworkException(where + ": " + field + ": expected true or false, got " + abbreviate(v));
        }
        return v.booleanValue();
    }

    private static void checkFields(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (!allowed.contains(key)) {
                throw new InvalidNetworkException(where + ": unknown field '" + key + "' (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static JsonNode require(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidNetworkException(where + ": required field '" + field + "' is missing");
        }
        return v;
    }

    private static double number(JsonNode node, String what) {
        if (!node.isNumber()) {
            throw new InvalidNetworkException(what + ": expected a number, got " + abbreviate(node));
        }
        return node.doubleValue();
    }

    private static int integer(JsonNode node, String what) {
        if (!node.isNumber() || !node.canConvertToExactIntegral() || !node.canConvertToInt()) {
            throw new InvalidNetworkException(what + ": expected an integer, got " + abbreviate(node));
        }
        return node.intValue();
    }

    private static double[][] matrix(JsonNode node, String what) {
        if (!node.isArray()) {
            throw new InvalidNetworkException(what + ": expected an array of rows");
        }
        double[][] m = new double[node.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonNode row = node.get(i);
            if (!row.isArray()) {
                throw new InvalidNetworkException(what + " row " + i + ": expected an array of numbers");
            }
            m[i] = new double[row.size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = number(row.get(j), what + " row " + i + " column " + j);
            }
        }
        return m;
    }

    private static String abbreviate(JsonNode node) {
        String s = node.toString();
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** Writes {@code net} atomically, one matrix row per line. */
    public static void write(FloatNetwork net, Path path) {
        try {
            AtomicFiles.write(path, out -> writeTo(net, out));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e); // names the file and the reason
        }
    }

    /** The file content for {@code net}. */
    public static String toJson(FloatNetwork net) {
        var out = new java.io.ByteArrayOutputStream();
        try {
            writeTo(net, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void writeTo(FloatNetwork net, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter().withArrayIndenter(new RowPerLineIndenter()));
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("inputs", net.inputs());
            g.writeNumberField("tEnd", net.tEnd());
            g.writeArrayFieldStart("layers");
            for (LayerSpec l : net.layers()) {
                g.writeStartObject();
                g.writeStringField("name", l.name());
                g.writeNumberField("size", l.size());
                LayerDetail d = l.detail();
                writeScalarOrArray(g, "tauSyn", l.tauSyn(), d.tauSyn());
                writeScalarOrArray(g, "tauMem", l.tauMem(), d.tauMem());
                writeScalarOrArray(g, "threshold", l.threshold(), d.threshold());
                if (d.bias() != null) {
                    g.writeFieldName("bias");
                    g.writeArray(d.bias(), 0, d.bias().length);
                }
                if (d.selfRecurrent()) {
                    g.writeBooleanField("selfRecurrent", true);
                }
                if (!d.spiking()) {
                    g.writeStringField("readout", "membrane");
                    if (d.maxScore()) {
                        g.writeStringField("readoutScore", "max"); // mean stays implicit, as in older files
                    }
                    if (d.readoutWindows() > 1) {
                        g.writeNumberField("readoutWindows", d.readoutWindows());
                    }
                }
                if (d.instantSynapse()) {
                    g.writeBooleanField("instantSynapse", true);
                }
                if (d.synapse2() != null) {
                    g.writeObjectFieldStart("synapse2");
                    g.writeFieldName("tauSyn");
                    g.writeArray(d.synapse2().tauSyn(), 0, d.synapse2().tauSyn().length);
                    writeMatrix(g, "weights", d.synapse2().weights());
                    if (d.synapse2().recurrent() != null) {
                        writeMatrix(g, "recurrent", d.synapse2().recurrent());
                    }
                    g.writeEndObject();
                }
                writeMatrix(g, "weights", l.weights());
                if (l.recurrent() != null) {
                    writeMatrix(g, "recurrent", l.recurrent());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void writeScalarOrArray(JsonGenerator g, String field, double scalar, double[] perNeuron)
            throws IOException {
        if (perNeuron == null) {
            g.writeNumberField(field, scalar);
        } else {
            g.writeFieldName(field);
            g.writeArray(perNeuron, 0, perNeuron.length);
        }
    }

    private static void writeMatrix(JsonGenerator g, String field, double[][] m) throws IOException {
        g.writeArrayFieldStart(field);
        for (double[] row : m) {
            g.writeArray(row, 0, row.length);
        }
        g.writeEndArray();
    }

    /**
     * Puts each element of an array that holds arrays or objects on its own line and keeps
     * arrays of numbers on one line, so a weight matrix reads as one row per line.
     */
    private static final class RowPerLineIndenter extends DefaultIndenter {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean isInline() {
            return false;
        }

        @Override
        public void writeIndentation(JsonGenerator g, int level) throws IOException {
            var ctx = g.getOutputContext();
            boolean nestedRow = ctx.inArray() && ctx.getParent() != null && ctx.getParent().inArray();
            if (nestedRow) {
                g.writeRaw(' ');
            } else {
                super.writeIndentation(g, level);
            }
        }
    }
}
