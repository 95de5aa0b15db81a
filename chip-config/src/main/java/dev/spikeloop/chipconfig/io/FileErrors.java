package dev.spikeloop.chipconfig.io;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Words for file-system failures. The JDK's exceptions carry the operating system's reason in their
 * type or in {@link FileSystemException#getReason()} and often only a (temporary) file name as the
 * message; users need "what, where, why", so every message built here names the user's path, the
 * action and the reason.
 */
public final class FileErrors {
    private FileErrors() {
    }

    /** The operating system's reason for {@code e}, in lower-case words ("permission denied"). */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the folder is not empty";
        }
        if (e instanceof FileSystemLoopException) {
            return "too many levels of symbolic links";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return lowerFirst(fse.getReason());
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : lowerFirst(m);
    }

    /** "cannot {@code action} {@code path}: reason", e.g. "cannot read chip configuration a.pb: permission denied". */
    public static String describe(String action, Path path, IOException e) {
        return "cannot " + action + " " + path + ": " + reason(e);
    }

    /** An {@link IOException} whose message is {@link #describe}, keeping {@code e} as the cause. */
    public static IOException wrap(String action, Path path, IOException e) {
        return new IOException(describe(action, path, e), e);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() || (s.length() > 1 && Character.isUpperCase(s.charAt(1))) ? s
                : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
