package dev.spikeloop.network;

/**
 * A float network (or its file, or an input spike file) breaks a rule of the network format. The
 * message names the place (source file, layer, row, column, line) and the rule that was broken.
 */
public class InvalidNetworkException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidNetworkException(String message) {
        super(message);
    }

    public InvalidNetworkException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The same problem with {@code source} (typically a file name) in front of the message. */
    public InvalidNetworkException withSource(String source) {
        if (source == null || source.isEmpty()) {
            return this;
        }
        return new InvalidNetworkException(source + ": " + getMessage(), this);
    }
}
