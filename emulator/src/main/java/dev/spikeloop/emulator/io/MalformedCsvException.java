package dev.spikeloop.emulator.io;

import java.io.IOException;
import java.nio.file.Path;

/** A CSV file that cannot be read as what it should hold; names the file and the 1-based line. */
public class MalformedCsvException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final int line;

    public MalformedCsvException(Path file, int line, String problem) {
        super(file + " line " + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The 1-based line number. */
    public int line() {
        return line;
    }
}
