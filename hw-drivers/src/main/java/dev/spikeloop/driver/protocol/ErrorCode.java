package dev.spikeloop.driver.protocol;

/** Error codes carried by an ERROR reply. Codes are stable across protocol versions. */
public enum ErrorCode {
    /** The request's frame has a protocol version the board does not speak. */
    UNSUPPORTED_VERSION(1, "protocol version not supported"),
    /** The board does not know the message type. */
    UNKNOWN_MESSAGE(2, "unknown message type"),
    /** The payload does not parse (too short, bad field values). */
    MALFORMED_PAYLOAD(3, "malformed payload"),
    /** RUN, RESET or READ_STATE without a committed configuration. */
    NO_CONFIG(4, "no configuration committed"),
    /** CONFIG_CHUNK or CONFIG_COMMIT without a CONFIG_BEGIN. */
    NO_CONFIG_TRANSFER(5, "no configuration transfer in progress"),
    /** A chunk outside the announced length. */
    CHUNK_OUT_OF_RANGE(6, "chunk outside the announced configuration length"),
    /** CONFIG_COMMIT before every byte arrived. */
    CONFIG_INCOMPLETE(7, "configuration incomplete"),
    /** The received bytes do not hash to the announced SHA-256. */
    DIGEST_MISMATCH(8, "configuration digest mismatch"),
    /** The configuration parses but the chip cannot run it (limits, profile). */
    CONFIG_INVALID(9, "configuration invalid for this chip"),
    /** RUN input names a channel the configuration does not have, or too many steps. */
    INPUT_INVALID(10, "run input invalid"),
    /** RESULT_PAGE with no result held, or an offset past its end. */
    RESULT_UNAVAILABLE(11, "result unavailable"),
    /** A request too large for the board's buffers. */
    TOO_LARGE(12, "request too large"),
    /** Anything else that went wrong on the board. */
    INTERNAL(13, "internal board error");

    private final int code;
    private final String meaning;

    ErrorCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The code on the wire. */
    public int code() {
        return code;
    }

    /** A short human description. */
    public String meaning() {
        return meaning;
    }

    /** The error with this code, or null. */
    public static ErrorCode byCode(int code) {
        for (ErrorCode e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return null;
    }
}
