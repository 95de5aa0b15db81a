package dev.spikeloop.driver.protocol;

/** Why a block of bytes between two delimiters was rejected. Every rejected block is counted. */
public enum FrameError {
    /** More bytes than {@link Protocol#MAX_ENCODED_FRAME} before a delimiter. */
    OVERSIZE,
    /** Not valid COBS (a code byte points past the end of the block). */
    BAD_COBS,
    /** Shorter than the header and CRC, or longer than the maximum frame once decoded. */
    BAD_LENGTH,
    /** The CRC-32C does not match: the frame was corrupted. */
    CRC_MISMATCH
}
