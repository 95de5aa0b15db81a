package dev.spikeloop.driver.protocol;

import java.util.Arrays;

/**
 * One decoded frame: protocol version, message type code, sequence number and payload. The type
 * is kept as a raw code so that a frame of an unknown type can still be answered with an error.
 *
 * @param version protocol version of the sender (0..255)
 * @param type    message type code (0..255), see {@link MessageType}
 * @param seq     sequence number (0..65535); a response carries its request's number
 * @param payload message body, at most {@link Protocol#MAX_PAYLOAD} bytes
 */
public record Frame(int version, int type, int seq, byte[] payload) {
    public Frame {
        if (version < 0 || version > 0xFF) {
            throw new IllegalArgumentException("version " + version + " outside 0..255");
        }
        if (type < 0 || type > 0xFF) {
            throw new IllegalArgumentException("type " + type + " outside 0..255");
        }
        if (seq < 0 || seq > 0xFFFF) {
            throw new IllegalArgumentException("sequence number " + seq + " outside 0..65535");
        }
        if (payload.length > Protocol.MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds the maximum of "
                    + Protocol.MAX_PAYLOAD);
        }
    }

    /** A frame of this protocol version. */
    public static Frame of(MessageType type, int seq, byte[] payload) {
        return new Frame(Protocol.VERSION, type.code(), seq, payload);
    }

    /** The message type, if this version knows the code. */
    public java.util.Optional<MessageType> messageType() {
        return MessageType.byCode(type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.version == version && f.type == type && f.seq == seq
                && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return ((version * 31 + type) * 31 + seq) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        String name = messageType().map(Enum::name).orElse("type 0x" + Integer.toHexString(type));
        return name + "(seq " + seq + ", " + payload.length + " bytes, v" + version + ")";
    }
}
