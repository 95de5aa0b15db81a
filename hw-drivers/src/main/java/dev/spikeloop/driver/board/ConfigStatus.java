package dev.spikeloop.driver.board;

import java.util.HexFormat;

/**
 * The board's configuration state (READ_DIGEST).
 *
 * @param state  none, receiving (a transfer started and not committed) or committed
 * @param length image length in bytes (0 unless committed)
 * @param digest SHA-256 of the committed image (zeros unless committed)
 */
public record ConfigStatus(State state, int length, byte[] digest) {
    /** Configuration states. */
    public enum State { NONE, RECEIVING, COMMITTED }

    public ConfigStatus {
        digest = digest.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    /** The digest in lower-case hex. */
    public String digestHex() {
        return HexFormat.of().formatHex(digest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigStatus c && c.state == state && c.length == length
                && java.util.Arrays.equals(c.digest, digest);
    }

    @Override
    public int hashCode() {
        return state.hashCode() * 31 + java.util.Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return state == State.COMMITTED ? "committed, " + length + " bytes, sha256 " + digestHex()
                : state.name().toLowerCase(java.util.Locale.ROOT);
    }
}
