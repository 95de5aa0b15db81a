package dev.spikeloop.network.audio;

/**
 * An audio file cannot be used: not audio the JDK reads, an encoding it cannot decode, empty,
 * silent, or more than one channel where mono is required. The message names the file and the
 * problem; {@link #reason()} classifies it (for the summary of skipped files).
 */
public class AudioInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Why a file was refused. */
    public enum Reason {
        /** Not a file javax.sound.sampled recognises (or cut short / corrupt). */
        UNREADABLE,
        /** A format it recognises but cannot decode (e.g. compressed WAV). */
        UNSUPPORTED_ENCODING,
        /** No samples. */
        EMPTY,
        /** Samples, but all (close to) zero. */
        SILENT,
        /** Two or more channels and the stereo policy refuses them. */
        NOT_MONO,
        /** The file name does not say what it is (e.g. not {digit}_{speaker}_{index}.wav). */
        BAD_NAME
    }

    private final Reason reason;

    public AudioInputException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the file was refused. */
    public Reason reason() {
        return reason;
    }
}
