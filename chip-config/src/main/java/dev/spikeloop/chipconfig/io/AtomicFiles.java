package dev.spikeloop.chipconfig.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a reader never sees a half-written one: the content goes to a temporary
 * file beside the target, is flushed to disk, then renamed over the target. A symbolic link is
 * written through to its target; a new file gets the umask's mode, a replaced one keeps its mode
 * ({@link FileTargets}). Failures are reported as "cannot write PATH: reason" with the caller's path.
 * Several files that must appear together go through an {@link OutputSet}.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes the whole content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Atomically replaces {@code target} (or the file it links to) with what {@code writer} produces. */
    public static void write(Path target, Writer writer) throws IOException {
        if (target.toString().isEmpty()) {
            throw new IOException("cannot write an output with an empty path");
        }
        Path abs;
        try {
            abs = FileTargets.resolve(target);
        } catch (IOException e) {
            throw FileErrors.wrap("write", target, e);
        }
        if (Files.isDirectory(abs)) {
            throw new IOException("cannot write " + target + ": is a folder, not a file");
        }
        if (abs.getParent() != null) {
            OutputSet.createParents(target, abs.getParent()); // its messages name the part that is a file
        }
        Path tmp = temporaryBeside(abs);
        try {
            FileTargets.createLike(tmp, abs);
        } catch (IOException e) {
            throw new IOException("cannot write " + target + ": cannot create a file in folder " + abs.getParent()
                    + ": " + FileErrors.reason(e), e);
        }
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            } catch (IOException e) {
                throw FileErrors.wrap("write", target, e);
            }
            try {
                move(tmp, abs);
            } catch (IOException e) {
                throw FileErrors.wrap("replace", target, e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Renames {@code from} over {@code to}, atomically where the file system can. */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A fresh hidden name in the folder of {@code target}: ".NAME.RANDOM.tmp". */
    static Path temporaryBeside(Path target) {
        String name = "." + target.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                + ".tmp";
        return target.resolveSibling(name);
    }

    /** Atomically replaces {@code target} with {@code bytes}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Atomically replaces {@code target} with {@code text} in UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #writeString(Path, String)} for callers that cannot throw checked exceptions. */
    public static void writeStringUnchecked(Path target, String text) {
        try {
            writeString(target, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
