package dev.spikeloop.driver.board;

/**
 * Something went wrong talking to a board. The message is meant for a user: it names the port,
 * the operation and what to check. Subclasses say which kind of failure it was.
 */
public class BoardException extends RuntimeException {
    public BoardException(String message) {
        super(message);
    }

    public BoardException(String message, Throwable cause) {
        super(message, cause);
    }
}
