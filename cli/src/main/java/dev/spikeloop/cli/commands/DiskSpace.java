package dev.spikeloop.cli.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Refuses up front an output that cannot fit on its disk, instead of failing after minutes of work. */
final class DiskSpace {
    private DiskSpace() {
    }

    /**
     * Throws if the file system holding {@code file} has less than {@code bytes} free.
     *
     * @param what names the output for the message ("--out d.csv: 2000000000 samples")
     */
    static void require(Path file, long bytes, String what) throws IOException {
        long free = Files.getFileStore(file.toAbsolutePath().getParent()).getUsableSpace();
        if (bytes > free) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s need about %s of disk space, but the disk has %s free", what, size(bytes), size(free)));
        }
    }

    /** Bytes in the largest unit that keeps the number at least 1 (MB, GB, TB). */
    static String size(long bytes) {
        if (bytes >= 1L << 40) {
            return String.format(Locale.ROOT, "%.1f TB", bytes / (double) (1L << 40));
        }
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
    }
}
