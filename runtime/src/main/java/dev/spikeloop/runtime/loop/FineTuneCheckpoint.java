package dev.spikeloop.runtime.loop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.spikeloop.chipconfig.io.AtomicFiles;
import dev.spikeloop.runtime.train.Adam;
import dev.spikeloop.runtime.train.Evaluation;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole state of a fine-tuning run after {@code epochsDone} epochs: shadow parameters, Adam's
 * state, the best parameters and their validation result, the device's accuracy before
 * fine-tuning and the history. Shuffles derive from the seed and the epoch, so resuming from this
 * does exactly what the uninterrupted run would have done. JSON (doubles round-trip exactly),
 * written atomically, so an interruption leaves the previous checkpoint intact.
 *
 * @param settings the run's {@link FineTuneSettings#describe()}, which a resumed run must match
 * @param data     a description of the model and data the run started from, which must match too
 */
public record FineTuneCheckpoint(String format, String settings, String data, int epochsDone, double[] params,
                                 Adam.State adam, double[] bestParams, int bestEpoch, Evaluation best,
                                 Evaluation before, long flashes, List<FineTuneEpoch> history) {

    /** The value of {@code format} this class writes. */
    public static final String FORMAT = "spikeloop-finetune-checkpoint/1";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public FineTuneCheckpoint {
        history = List.copyOf(history);
    }

    /** Writes this checkpoint to {@code path} atomically. */
    public void write(Path path) {
        try {
            AtomicFiles.write(path, out -> MAPPER.writeValue(new NonClosing(out), this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads a checkpoint written by {@link #write}. */
    public static FineTuneCheckpoint read(Path path) {
        try {
            FineTuneCheckpoint c = MAPPER.readValue(Files.readString(path), FineTuneCheckpoint.class);
            if (!FORMAT.equals(c.format())) {
                throw new IllegalArgumentException(path + ": not a fine-tuning checkpoint (format '" + c.format()
                        + "', expected '" + FORMAT + "')");
            }
            if (c.params() == null || c.adam() == null || c.bestParams() == null || c.before() == null) {
                throw new IllegalArgumentException(path + ": checkpoint is incomplete");
            }
            return c;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(path + ": checkpoint not found");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(path + ": not a valid fine-tuning checkpoint: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + path + ": " + e.getMessage(), e);
        }
    }

    /** Jackson closes the stream it writes to; AtomicFiles must close (and sync) it itself. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
