package dev.spikeloop.driver.board;

/** After flashing, the board's configuration digest is not the digest of what was sent. */
public final class FlashVerificationException extends BoardException {
    public FlashVerificationException(String message) {
        super(message);
    }
}
