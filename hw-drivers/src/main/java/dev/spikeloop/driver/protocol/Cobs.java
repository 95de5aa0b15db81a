package dev.spikeloop.driver.protocol;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * Consistent Overhead Byte Stuffing: removes every 0x00 from a block so that 0x00 can delimit
 * frames on the wire. The overhead is one byte per 254 bytes plus one, which keeps the worst-case
 * frame length known in advance (see {@link #maxEncodedLength(int)}).
 */
public final class Cobs {
    private Cobs() {
    }

    /** Longest encoding of {@code length} input bytes (delimiters not included); exact for data without zeros. */
    public static int maxEncodedLength(int length) {
        return length + length / 254 + 1;
    }

    /** Encodes {@code data[off, off+len)}; the result contains no 0x00. */
    public static byte[] encode(byte[] data, int off, int len) {
        byte[] out = new byte[maxEncodedLength(len)];
        int codeIndex = 0;
        int write = 1;
        int code = 1;
        // True right after a full 254-byte group: if the data ends there, no empty group follows
        // (the canonical encoding, which every COBS decoder reads).
        boolean afterFullGroup = false;
        for (int i = off; i < off + len; i++) {
            byte b = data[i];
            afterFullGroup = false;
            if (b == 0) {
                out[codeIndex] = (byte) code;
                codeIndex = write++;
                code = 1;
            } else {
                out[write++] = b;
                code++;
                if (code == 0xFF) {
                    out[codeIndex] = (byte) code;
                    codeIndex = write++;
                    code = 1;
                    afterFullGroup = true;
                }
            }
        }
        if (afterFullGroup) {
            write--; // drop the slot reserved for a group that has no bytes and no zero
        } else {
            out[codeIndex] = (byte) code;
        }
        if (write == out.length) {
            return out;
        }
        byte[] trimmed = new byte[write];
        System.arraycopy(out, 0, trimmed, 0, write);
        return trimmed;
    }

    /**
     * Decodes one COBS block (without delimiters). Returns empty when the block is not valid COBS:
     * it contains 0x00, or a code byte points past the end of the block.
     */
    public static Optional<byte[]> decode(byte[] block, int off, int len) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(len);
        int i = off;
        int end = off + len;
        while (i < end) {
            int code = block[i] & 0xFF;
            if (code == 0 || i + code > end) {
                return Optional.empty();
            }
            for (int k = 1; k < code; k++) {
                byte b = block[i + k];
                if (b == 0) {
                    return Optional.empty();
                }
                out.write(b);
            }
            i += code;
            // A group shorter than 255 stands for "data then a zero", except at the very end.
            if (code < 0xFF && i < end) {
                out.write(0);
            }
        }
        return Optional.of(out.toByteArray());
    }
}
