package dev.spikeloop.compiler.nir;

import java.util.List;

/** A NIR file that cannot be read as a float network; the message names the file, the node and the problem. */
public class InvalidNirException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidNirException(String message) {
        super(message);
    }

    public InvalidNirException(String message, Throwable cause) {
        super(message, cause);
    }

    /** One exception listing several problems of {@code source}. */
    static InvalidNirException of(String source, List<String> problems) {
        if (problems.size() == 1) {
            return new InvalidNirException(source + ": " + problems.get(0));
        }
        return new InvalidNirException(source + ": " + problems.size() + " problems\n  - "
                + String.join("\n  - ", problems));
    }
}
