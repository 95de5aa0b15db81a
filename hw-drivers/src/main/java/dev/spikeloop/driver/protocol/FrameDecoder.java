package dev.spikeloop.driver.protocol;

import java.util.Optional;

/**
 * Streaming frame decoder: fed raw bytes from a link in any chunking, it reports each valid frame
 * and each rejected block to a {@link Listener}. It never throws for any input, holds at most
 * {@link Protocol#MAX_ENCODED_FRAME} bytes, and does work linear in the bytes fed, so garbage on
 * the line can neither crash nor stall a reader. Not thread-safe: one reader thread owns it.
 */
public final class FrameDecoder {

    /** Receives the decoder's results, in wire order. */
    public interface Listener {
        /** A frame whose COBS, length and CRC-32C are all valid. */
        void onFrame(Frame frame);

        /** A rejected block of {@code length} encoded bytes. */
        void onError(FrameError error, int length);
    }

    private final byte[] buffer = new byte[Protocol.MAX_ENCODED_FRAME];
    private int filled;
    /** Bytes seen since the buffer overflowed; the rest of that block is skipped up to the next delimiter. */
    private int overflow;

    /** Feeds bytes {@code data[off, off+len)}. */
    public void feed(byte[] data, int off, int len, Listener listener) {
        for (int i = off; i < off + len; i++) {
            byte b = data[i];
            if (b == 0) {
                endOfBlock(listener);
            } else if (overflow > 0) {
                overflow++;
            } else if (filled == buffer.length) {
                overflow = filled + 1;
                filled = 0;
            } else {
                buffer[filled++] = b;
            }
        }
    }

    /** Bytes held from an unfinished block (for tests and diagnostics). */
    public int pending() {
        return overflow > 0 ? overflow : filled;
    }

    /** Drops an unfinished block, e.g. after the link was reopened. */
    public void reset() {
        filled = 0;
        overflow = 0;
    }

    private void endOfBlock(Listener listener) {
        if (overflow > 0) {
            int length = overflow;
            overflow = 0;
            listener.onError(FrameError.OVERSIZE, length);
            return;
        }
        int length = filled;
        filled = 0;
        if (length == 0) {
            return; // back-to-back delimiters separate frames; they are not errors
        }
        Optional<byte[]> decoded = Cobs.decode(buffer, 0, length);
        if (decoded.isEmpty()) {
            listener.onError(FrameError.BAD_COBS, length);
            return;
        }
        byte[] raw = decoded.get();
        if (raw.length < Protocol.MIN_FRAME || raw.length > Protocol.MAX_FRAME) {
            listener.onError(FrameError.BAD_LENGTH, length);
            return;
        }
        int n = raw.length - Protocol.CRC_BYTES;
        int expected = (raw[n] & 0xFF) | (raw[n + 1] & 0xFF) << 8 | (raw[n + 2] & 0xFF) << 16 | (raw[n + 3] & 0xFF) << 24;
        if (FrameEncoder.crc32c(raw, 0, n) != expected) {
            listener.onError(FrameError.CRC_MISMATCH, length);
            return;
        }
        byte[] payload = new byte[n - Protocol.HEADER_BYTES];
        System.arraycopy(raw, Protocol.HEADER_BYTES, payload, 0, payload.length);
        int seq = (raw[2] & 0xFF) | (raw[3] & 0xFF) << 8;
        listener.onFrame(new Frame(raw[0] & 0xFF, raw[1] & 0xFF, seq, payload));
    }
}
