package dev.spikeloop.driver.board;

/** The host and the board speak different protocol versions. */
public final class ProtocolVersionException extends BoardException {
    public ProtocolVersionException(String message) {
        super(message);
    }
}
