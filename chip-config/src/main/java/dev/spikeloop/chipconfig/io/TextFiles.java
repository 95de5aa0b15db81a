package dev.spikeloop.chipconfig.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads input files with messages that name the file, what it should be and why it cannot be read
 * ("cannot read data set d.csv: is a folder", "... not UTF-8 text (byte 0xff at offset 12)") instead of
 * the JDK's bare "Is a directory" or "Input length = 1".
 */
public final class TextFiles {
    private TextFiles() {
    }

    /** The bytes of {@code path}; {@code what} names it in errors ("chip configuration"). */
    public static byte[] readBytes(Path path, String what) throws IOException {
        if (path.toString().isEmpty()) {
            throw new IOException("cannot read " + what + ": the path is empty");
        }
        if (Files.isDirectory(path)) {
            throw new IOException("cannot read " + what + " " + path + ": is a folder, not a file");
        }
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw FileErrors.wrap("read " + what, path, e);
        }
    }

    /** The UTF-8 text of {@code path} (a leading byte-order mark is dropped). */
    public static String readUtf8(Path path, String what) throws IOException {
        byte[] bytes = readBytes(path, what);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        String text;
        try {
            text = decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            int at = firstBadByte(bytes);
            throw new IOException("cannot read " + what + " " + path + ": not UTF-8 text (byte 0x"
                    + String.format("%02x", bytes[at] & 0xff) + " at offset " + at + "); save it as UTF-8", e);
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** As {@link #readUtf8} for callers that cannot throw checked exceptions. */
    public static String readUtf8Unchecked(Path path, String what) {
        try {
            return readUtf8(path, what);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
    static int firstBadByte(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var result = d.decode(in, java.nio.CharBuffer.allocate(bytes.length + 1), true);
        return result.isError() ? Math.min(in.position(), bytes.length - 1) : 0;
    }
}
