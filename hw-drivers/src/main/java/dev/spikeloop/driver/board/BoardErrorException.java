package dev.spikeloop.driver.board;

import dev.spikeloop.driver.protocol.ErrorCode;

/** The board answered a request with an ERROR reply. */
public final class BoardErrorException extends BoardException {
    private final int code;

    public BoardErrorException(int code, String message) {
        super(message);
        this.code = code;
    }

    /** The error code on the wire. */
    public int code() {
        return code;
    }

    /** The known error code, or null for a code this host does not know. */
    public ErrorCode errorCode() {
        return ErrorCode.byCode(code);
    }
}
