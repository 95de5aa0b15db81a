package dev.spikeloop.runtime.fp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.spikeloop.chipconfig.io.AtomicFiles;
import dev.spikeloop.runtime.sim.SpikeRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The output of {@code spikeloop grad}:
 * {@code {"loss": x, "spikes": [[[t,...] per neuron] per layer], "gradWeights": [per layer, shaped like
 * "weights"], "gradRecurrent": [per layer, or null], "gradThreshold": [per layer]}}, plus
 * {@code "mode"} and the guard counts, and {@code "gradBias": [per neuron, or null, per layer]} when a
 * layer has a bias field, and {@code "gradSynapse2Weights"} / {@code "gradSynapse2Recurrent"} (per layer,
 * or null) when a layer has a second synapse. Doubles are written in their shortest round-trip form.
 */
public final class GradientsJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private GradientsJson() {
    }

    /** Writes the file atomically. */
    public static void write(Path path, SpikeRecord spikes, Gradients g, GradientMode mode) {
        try {
            AtomicFiles.write(path, out -> writeTo(out, spikes, g, mode));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e); // names the file and the reason
        }
    }

    /** The JSON text. */
    public static String toJson(SpikeRecord spikes, Gradients g, GradientMode mode) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out, spikes, g, mode);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void writeTo(OutputStream out, SpikeRecord spikes, Gradients g, GradientMode mode)
            throws IOException {
        try (JsonGenerator j = FACTORY.createGenerator(out)) {
            j.useDefaultPrettyPrinter();
            j.writeStartObject();
            j.writeNumberField("loss", g.loss());
            j.writeStringField("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
            j.writeArrayFieldStart("spikes");
            for (double[][] layer : spikes.times()) {
                matrix(j, layer);
            }
            j.writeEndArray();
            j.writeArrayFieldStart("gradWeights");
            for (double[][] m : g.weights()) {
                matrix(j, m);
            }
            j.writeEndArray();
            j.writeArrayFieldStart("gradRecurrent");
            for (double[][] m : g.recurrent()) {
                if (m == null) {
                    j.writeNull();
                } else {
                    matrix(j, m);
                }
            }
            j.writeEndArray();
            j.writeArrayFieldStart("gradThreshold");
            for (double t : g.thresholds()) {
                j.writeNumber(t);
            }
            j.writeEndArray();
            if (g.biases().stream().anyMatch(java.util.Objects::nonNull)) {
                // only for networks with a bias field, so files of other networks stay as they were
                j.writeArrayFieldStart("gradBias");
                for (double[] b : g.biases()) {
                    if (b == null) {
                        j.writeNull();
                    } else {
                        j.writeArray(b, 0, b.length);
                    }
                }
                j.writeEndArray();
            }
            if (g.weights2().stream().anyMatch(java.util.Objects::nonNull)) {
                // only for networks with a second synapse, so files of other networks stay as they were
                nullableMatrices(j, "gradSynapse2Weights", g.weights2());
                nullableMatrices(j, "gradSynapse2Recurrent", g.recurrent2());
            }
            j.writeObjectFieldStart("guards");
            j.writeNumberField("clampedSlopes", g.guards().clampedSlopes());
            j.writeNumberField("droppedSpikes", g.guards().droppedSpikes());
            j.writeEndObject();
            j.writeEndObject();
            j.writeRaw('\n');
        }
    }

    private static void nullableMatrices(JsonGenerator j, String field, java.util.List<double[][]> ms)
            throws IOException {
        j.writeArrayFieldStart(field);
        for (double[][] m : ms) {
            if (m == null) {
                j.writeNull();
            } else {
                matrix(j, m);
            }
        }
        j.writeEndArray();
    }

    private static void matrix(JsonGenerator j, double[][] m) throws IOException {
        j.writeStartArray();
        for (double[] row : m) {
            j.writeArray(row, 0, row.length);
        }
        j.writeEndArray();
    }
}
