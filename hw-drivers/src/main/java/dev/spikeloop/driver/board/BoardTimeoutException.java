package dev.spikeloop.driver.board;

/** The board stopped answering: every attempt of a request timed out or came back corrupted. */
public final class BoardTimeoutException extends BoardException {
    public BoardTimeoutException(String message) {
        super(message);
    }
}
