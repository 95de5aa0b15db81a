package dev.spikeloop.compiler.hdf5;

import io.jhdf.checksum.JenkinsLookup3HashLittle;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A version-2 object header (format specification, "Version 2 Object Header"): signature
 * {@code OHDR}, no times, no attribute storage settings, one chunk holding the messages, and the
 * Jenkins lookup3 checksum of everything before it (jhdf's implementation of the hash the
 * specification names).
 */
final class ObjectHeader {
    /** Message types used here (specification, "Header Message Types"). */
    static final int DATASPACE = 0x01;
    static final int LINK_INFO = 0x02;
    static final int DATATYPE = 0x03;
    static final int FILL_VALUE = 0x05;
    static final int LINK = 0x06;
    static final int LAYOUT = 0x08;
    static final int GROUP_INFO = 0x0A;
    /** Message flag: the message is constant (the library sets it on datatype, fill value and group info). */
    static final int CONSTANT = 0x01;

    private final LittleEndianBytes messages = new LittleEndianBytes();

    /** Appends one message: type, body size, flags, body. */
    ObjectHeader message(int type, int flags, Consumer<LittleEndianBytes> body) {
        LittleEndianBytes b = new LittleEndianBytes();
        body.accept(b);
        if (b.size() > 0xFFFF) {
            throw new IllegalStateException("an HDF5 header message holds at most 65535 bytes, got " + b.size());
        }
        messages.u8(type).u16(b.size()).u8(flags).bytes(b.toArray());
        return this;
    }

    /** Writes the header at the end of {@code out} and returns its address. */
    long writeTo(LittleEndianBytes out) {
        int start = out.size();
        long chunk = messages.size();
        int widthCode = chunk <= 0xFF ? 0 : chunk <= 0xFFFF ? 1 : chunk <= 0xFFFFFFFFL ? 2 : 3;
        out.bytes("OHDR".getBytes(StandardCharsets.US_ASCII)).u8(2).u8(widthCode)
                .uint(chunk, 1 << widthCode).bytes(messages.toArray());
        out.u32(JenkinsLookup3HashLittle.hash(out.range(start, out.size())));
        return start;
    }
}
