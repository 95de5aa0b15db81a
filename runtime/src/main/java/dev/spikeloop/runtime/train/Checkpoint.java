package dev.spikeloop.runtime.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.spikeloop.chipconfig.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a training run needs to continue after an interruption, as of the end of epoch
 * {@code epochsDone - 1}: the parameters, Adam's state, the best parameters so far and the history.
 * Shuffling and everything else random is derived from the seed and the epoch number, so this is
 * the whole state: a resumed run does exactly what the uninterrupted run would have done.
 *
 * <p>{@code settings} describes the training settings and data the run was started with; a run
 * resumes only from a checkpoint with the same description. Stored as JSON (doubles round-trip
 * exactly), written atomically.
 */
public record Checkpoint(String format, String settings, int epochsDone, double[] params, Adam.State adam,
                         double[] bestParams, int bestEpoch, double bestValidationAccuracy,
                         List<EpochStats> history) {

    /** The value of {@code format} this class writes. */
    public static final String FORMAT = "spikeloop-checkpoint/1";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public Checkpoint {
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
    public static Checkpoint read(Path path) {
        try {
            Checkpoint c = MAPPER.readValue(Files.readString(path), Checkpoint.class);
            if (!FORMAT.equals(c.format())) {
                throw new IllegalArgumentException(path + ": not a training checkpoint (format '" + c.format()
                        + "', expected '" + FORMAT + "')");
            }
            if (c.params() == null || c.adam() == null || c.history() == null) {
                throw new IllegalArgumentException(path + ": checkpoint is incomplete");
            }
            return c;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(path + ": checkpoint not found");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(path + ": not a valid checkpoint: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + path + ": " + e.getMessage(), e);
        }
    }

    /** Jackson closes the stream it writes to; AtomicFiles must close (and sync) it itself. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(java.io.OutputStream out) {
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
