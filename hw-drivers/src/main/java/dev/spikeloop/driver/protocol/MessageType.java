package dev.spikeloop.driver.protocol;

import java.util.Optional;

/**
 * Message types. A request has a code below 0x80; its reply has the same code with the high bit
 * set. {@link #ERROR} and {@link #BUSY} may answer any request.
 */
public enum MessageType {
    IDENTIFY(0x01),
    CONFIG_BEGIN(0x02),
    CONFIG_CHUNK(0x03),
    CONFIG_COMMIT(0x04),
    READ_DIGEST(0x05),
    RESET(0x06),
    RUN(0x07),
    RESULT_PAGE(0x08),
    READ_STATE(0x09),

    IDENTIFY_REPLY(0x81),
    CONFIG_BEGIN_REPLY(0x82),
    CONFIG_CHUNK_REPLY(0x83),
    CONFIG_COMMIT_REPLY(0x84),
    READ_DIGEST_REPLY(0x85),
    RESET_REPLY(0x86),
    RUN_REPLY(0x87),
    RESULT_PAGE_REPLY(0x88),
    READ_STATE_REPLY(0x89),

    /** The board is still working on the request with this sequence number (keep-alive). */
    BUSY(0xFE),
    /** The request failed; the payload holds an {@link ErrorCode} and a message. */
    ERROR(0xFF);

    private static final MessageType[] BY_CODE = new MessageType[256];

    static {
        for (MessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    /** The code on the wire. */
    public int code() {
        return code;
    }

    /** Whether this is a request (sent by the host). */
    public boolean isRequest() {
        return code < 0x80;
    }

    /** The reply type of a request. */
    public MessageType reply() {
        if (!isRequest()) {
            throw new IllegalStateException(this + " is not a request");
        }
        return BY_CODE[code | 0x80];
    }

    /** The type with this code, if any. */
    public static Optional<MessageType> byCode(int code) {
        return code >= 0 && code < 256 ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }
}
