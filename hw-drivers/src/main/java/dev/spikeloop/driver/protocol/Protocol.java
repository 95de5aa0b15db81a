package dev.spikeloop.driver.protocol;

/**
 * Fixed numbers of the Spikeloop board protocol (docs/protocol.md). The frame header layout and
 * the ERROR message layout never change between versions, so a host and a board of different
 * versions can always tell each other that they disagree.
 */
public final class Protocol {
    private Protocol() {
    }

    /** The protocol version this code speaks. */
    public static final int VERSION = 1;
    /** Largest payload of one frame, in bytes. */
    public static final int MAX_PAYLOAD = 4096;
    /** version, type, sequence number (2 bytes). */
    public static final int HEADER_BYTES = 4;
    /** CRC-32C at the end of every frame. */
    public static final int CRC_BYTES = 4;
    /** Smallest decoded frame: header and CRC, empty payload. */
    public static final int MIN_FRAME = HEADER_BYTES + CRC_BYTES;
    /** Largest decoded frame. */
    public static final int MAX_FRAME = MIN_FRAME + MAX_PAYLOAD;
    /** Largest COBS-encoded frame between two delimiters. */
    public static final int MAX_ENCODED_FRAME = Cobs.maxEncodedLength(MAX_FRAME);
    /** SHA-256 digest length. */
    public static final int DIGEST_BYTES = 32;
}
