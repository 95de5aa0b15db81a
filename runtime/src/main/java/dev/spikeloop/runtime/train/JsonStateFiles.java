package dev.spikeloop.runtime.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.spikeloop.chipconfig.io.AtomicFiles;
import dev.spikeloop.chipconfig.io.TextFiles;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and writes run state (training and fine-tuning checkpoints) as JSON: strict on reading
 * (unknown or missing fields are errors), exact for doubles including NaN, written atomically so an
 * interruption leaves the previous file intact.
 */
public final class JsonStateFiles {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private JsonStateFiles() {
    }

    /** Writes {@code value} to {@code path} atomically. */
    public static void write(Path path, Object value) {
        try {
            AtomicFiles.write(path, out -> MAPPER.writeValue(new NonClosing(out), value));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e); // names the file and the reason
        }
    }

    /**
     * Reads a value written by {@link #write}.
     *
     * @param what what the file should be, for messages (e.g. "fine-tuning checkpoint")
     * @throws IllegalArgumentException if the file is missing or is not such a value
     */
    public static <T> T read(Path path, Class<T> type, String what) {
        if (!Files.exists(path) && !path.toString().isEmpty()) {
            throw new IllegalArgumentException(path + ": " + what + " not found");
        }
        try {
            return MAPPER.readValue(TextFiles.readUtf8(path, what), type);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(path + ": " + what + " not found");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(path + ": not a valid " + what + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e); // TextFiles names the file and the reason
        }
    }

    /**
     * Reads a value written by {@link #write} that names its format, and checks the format.
     *
     * @param format   the format it must have
     * @param formatOf the value's format
     * @throws IllegalArgumentException if the file is missing, is not such a value or has another format
     */
    public static <T> T read(Path path, Class<T> type, String what, String format,
                             java.util.function.Function<T, String> formatOf) {
        T value = read(path, type, what);
        if (!format.equals(formatOf.apply(value))) {
            throw new IllegalArgumentException(path + ": not a " + what + " (format '" + formatOf.apply(value)
                    + "', expected '" + format + "')");
        }
        return value;
    }

    /** A value stored as one JSON file, written atomically. */
    public interface Stored {
        /** Writes this value to {@code path} atomically. */
        default void write(Path path) {
            JsonStateFiles.write(path, this);
        }
    }

    /**
     * {@code list} copied, or null when it is null or holds a null: a file with missing entries then
     * reaches the reader's checks, which name them (no NullPointerException).
     */
    public static <E> java.util.List<E> copyOrNull(java.util.List<E> list) {
        return list == null || list.stream().anyMatch(java.util.Objects::isNull) ? null : java.util.List.copyOf(list);
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
