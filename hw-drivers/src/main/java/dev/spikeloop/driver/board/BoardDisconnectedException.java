package dev.spikeloop.driver.board;

/** The link broke (device unplugged, connection closed) and did not come back in time. */
public final class BoardDisconnectedException extends BoardException {
    public BoardDisconnectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
