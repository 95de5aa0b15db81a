package dev.spikeloop.chipconfig.io;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Where an output really goes and which mode it gets: a symbolic link is written through to its
 * target (the link stays), and a new file keeps the mode the umask gives while a replaced file keeps
 * its own mode (docs/files.md).
 */
public final class FileTargets {
    /** As the kernel's limit on nested links (Linux: 40). */
    private static final int MAX_LINKS = 40;

    private FileTargets() {
    }

    /**
     * The absolute path that writing to {@code path} should replace: {@code path} itself, or the file a
     * chain of symbolic links ends at (which need not exist yet).
     */
    public static Path resolve(Path path) throws IOException {
        Path p = path.toAbsolutePath().normalize();
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == MAX_LINKS) {
                throw new FileSystemLoopException(path.toString());
            }
            Path link = Files.readSymbolicLink(p);
            Path dir = p.getParent();
            p = (dir == null ? link : dir.resolve(link)).toAbsolutePath().normalize();
        }
        return p;
    }

    /**
     * Creates a new empty file at {@code file} (which must not exist) with the mode new files get under
     * the process's umask, or, when {@code modeOf} exists, with that file's permissions.
     */
    public static void createLike(Path file, Path modeOf) throws IOException {
        // No file attributes: the operating system applies the umask to 0666, as for any other tool.
        Files.newByteChannel(file, Set.of(java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)).close();
        copyMode(modeOf, file);
    }

    /** Gives {@code to} the POSIX permissions of {@code from} when both exist on a POSIX file system. */
    public static void copyMode(Path from, Path to) throws IOException {
        if (from == null || !Files.exists(from)) {
            return;
        }
        PosixFileAttributeView src = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView dst = Files.getFileAttributeView(to, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (src == null || dst == null) {
            return; // not POSIX (Windows): the file system has its own rules
        }
        Set<PosixFilePermission> mode = src.readAttributes().permissions();
        dst.setPermissions(mode);
    }
}
