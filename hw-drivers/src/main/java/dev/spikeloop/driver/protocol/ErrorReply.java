package dev.spikeloop.driver.protocol;

/**
 * ERROR: {@code u16 code, u16 length, UTF-8 message}. This layout is the same in every protocol
 * version, so a host can read a board's complaint about a version it does not speak.
 */
public record ErrorReply(int code, String message) {
    /** Longest message in bytes. */
    public static final int MAX_MESSAGE = Protocol.MAX_PAYLOAD - 4;

    public ErrorReply(ErrorCode code, String message) {
        this(code.code(), message);
    }

    public byte[] toPayload() {
        return new PayloadWriter().u16(code).string16(message, MAX_MESSAGE).toByteArray();
    }

    public static ErrorReply parse(byte[] payload) throws MalformedPayloadException {
        PayloadReader r = new PayloadReader(payload);
        return new ErrorReply(r.u16("error code"), r.string16("error message"));
    }

    /** The known code, or null. */
    public ErrorCode errorCode() {
        return ErrorCode.byCode(code);
    }

    /** "CONFIG_INVALID (9): message". */
    public String describe() {
        ErrorCode known = errorCode();
        return (known == null ? "error code " + code : known.name() + " (" + code + ")") + ": " + message;
    }
}
