package dev.spikeloop.chipconfig.io;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.WireFormat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.Optional;

/**
 * A streaming reader of protobuf JSON, driven by the message's schema ({@link ProtoSchema}, from a
 * descriptor or from protoc's descriptor set): one pass over the UTF-8
 * bytes writes the protobuf wire format directly (repeated numbers go through primitive arrays into
 * packed fields), so a configuration with millions of weights never becomes a tree of JSON objects
 * nor a list of boxed numbers. Parse the result with the message's {@code parseFrom}.
 *
 * <p>It reads only the plain subset of protobuf JSON that {@code JsonFormat.printer()} writes: an
 * object per message, fields by JSON or proto name at most once each, integers as plain JSON
 * integers in range, other numbers as finite JSON numbers, booleans, strings without escapes, enum
 * names, nested messages and arrays of these, separated by JSON whitespace. For anything else
 * (syntax errors, unknown or repeated fields, {@code null}, numbers written as strings or as
 * {@code 1.0}, escapes, bytes, maps, oneofs, well-known types, trailing content) it returns empty,
 * and the caller falls back to {@code JsonFormat}, which then accepts or rejects the text with its
 * own message. So files are accepted and rejected exactly as by {@code JsonFormat}, with the same
 * result; and since it is driven by the schema, a field added to the {@code .proto} needs no change
 * here.
 *
 * <p>Why not Jackson's streaming parser: on a full-size configuration (6.5 MB, 2.2 million numbers)
 * in a fresh JVM, Jackson alone took 170-210 ms to tokenise while this loop over the bytes takes
 * 20-35 ms, and that start-up cost is what a command-line run pays (docs/benchmarks.md).
 *
 * <p>An instance keeps the position of the text it is reading: one instance per thread.
 */
final class ProtoJsonStreamReader {
    /** Signals input outside the fast subset; never escapes this class. */
    private static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final Unsupported UNSUPPORTED = new Unsupported();

    /** Message types whose JSON form is not an object of their fields (protobuf JSON mapping). */
    private static final java.util.Set<String> SPECIAL_JSON = java.util.Set.of("google.protobuf.Any",
            "google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.FieldMask",
            "google.protobuf.Struct", "google.protobuf.Value", "google.protobuf.ListValue",
            "google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value",
            "google.protobuf.UInt64Value", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
            "google.protobuf.BoolValue", "google.protobuf.StringValue", "google.protobuf.BytesValue");

    private final ProtoSchema schema;
    private final ProtoSchema.Message root;
    private byte[] b;
    private int pos;

    /** A reader of {@code root} messages, its schema taken from the descriptor. */
    ProtoJsonStreamReader(Descriptor root) {
        this(ProtoSchema.of(root), root.getFullName());
    }

    /**
     * A reader of the message type {@code rootName} of {@code schema}.
     *
     * @throws IllegalArgumentException if the schema has no such type
     */
    ProtoJsonStreamReader(ProtoSchema schema, String rootName) {
        this.schema = schema;
        this.root = schema.message(rootName);
        if (root == null) {
            throw new IllegalArgumentException("no message type " + rootName + " in the schema");
        }
    }

    /**
     * The wire-format encoding of the message in {@code json} (UTF-8), or empty if the text is outside
     * the fast subset (then {@code JsonFormat} must decide).
     */
    Optional<byte[]> toWireFormat(byte[] json) {
        b = json;
        pos = 0;
        try {
            skipWhitespace();
            expect('{');
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, json.length / 3));
            CodedOutputStream out = CodedOutputStream.newInstance(bytes, 1 << 16);
            message(root, out);
            skipWhitespace();
            if (pos != b.length) {
                return Optional.empty();
            }
            out.flush();
            return Optional.of(bytes.toByteArray());
        } catch (IOException | Unsupported | RuntimeException e) {
            // Truncated text (index out of bounds) or anything unusual: JsonFormat gives the verdict.
            return Optional.empty();
        } finally {
            b = null;
        }
    }

    /** Reads the fields of one object (past its '{') and writes them. */
    private void message(ProtoSchema.Message type, CodedOutputStream out) throws IOException, Unsupported {
        if (SPECIAL_JSON.contains(type.fullName())) {
            throw UNSUPPORTED;                 // well-known types with their own JSON forms
        }
        Map<String, ProtoSchema.Field> fields = type.byName();
        BitSet seen = new BitSet();
        skipWhitespace();
        if (b[pos] == '}') {
            pos++;
            return;
        }
        while (true) {
            ProtoSchema.Field f = fields.get(string());
            if (f == null || seen.get(f.index()) || !f.plain()) {
                throw UNSUPPORTED;             // unknown, repeated, or a map, oneof, bytes or group field
            }
            seen.set(f.index());
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (f.repeated()) {
                expect('[');
                repeated(f, out);
            } else {
                single(f, out);
            }
            skipWhitespace();
            byte c = b[pos++];
            if (c == '}') {
                return;
            }
            if (c != ',') {
                throw UNSUPPORTED;
            }
            skipWhitespace();
        }
    }

    private void single(ProtoSchema.Field f, CodedOutputStream out) throws IOException, Unsupported {
        int n = f.number();
        switch (f.type()) {
            case ProtoSchema.MESSAGE -> {
                ProtoSchema.Message type = schema.message(f.typeName());
                if (type == null) {
                    throw UNSUPPORTED;
                }
                expect('{');
                ByteArrayOutputStream nested = new ByteArrayOutputStream();
                CodedOutputStream inner = CodedOutputStream.newInstance(nested);
                message(type, inner);
                inner.flush();
                out.writeByteArray(n, nested.toByteArray());
            }
            case ProtoSchema.STRING -> out.writeString(n, string());
            case ProtoSchema.BOOL -> out.writeBool(n, bool());
            case ProtoSchema.ENUM -> out.writeEnum(n, enumNumber(f));
            case ProtoSchema.DOUBLE -> out.writeDouble(n, number());
            case ProtoSchema.FLOAT -> out.writeFloat(n, floatNumber());
            case ProtoSchema.INT32 -> out.writeInt32(n, int32());
            case ProtoSchema.SINT32 -> out.writeSInt32(n, int32());
            case ProtoSchema.SFIXED32 -> out.writeSFixed32(n, int32());
            case ProtoSchema.UINT32 -> out.writeUInt32(n, uint32());
            case ProtoSchema.FIXED32 -> out.writeFixed32(n, uint32());
            case ProtoSchema.INT64 -> out.writeInt64(n, integer());
            case ProtoSchema.SINT64 -> out.writeSInt64(n, integer());
            case ProtoSchema.SFIXED64 -> out.writeSFixed64(n, integer());
            case ProtoSchema.UINT64 -> out.writeUInt64(n, uint64());
            case ProtoSchema.FIXED64 -> out.writeFixed64(n, uint64());
            default -> throw UNSUPPORTED;     // bytes (base64), groups
        }
    }

    /** A repeated field (past its '['): numbers packed, the rest one entry each. */
    private void repeated(ProtoSchema.Field f, CodedOutputStream out) throws IOException, Unsupported {
        int type = f.type();
        switch (type) {
            case ProtoSchema.INT32, ProtoSchema.SINT32, ProtoSchema.SFIXED32, ProtoSchema.UINT32, ProtoSchema.FIXED32,
                    ProtoSchema.ENUM, ProtoSchema.BOOL -> {
                IntBuffer values = new IntBuffer();
                skipWhitespace();
                if (b[pos] == ']') {
                    pos++;
                    return;
                }
                // One tight loop per kind: the common case (signed weights) must be quick in a cold JVM.
                switch (type) {
                    case ProtoSchema.INT32, ProtoSchema.SINT32, ProtoSchema.SFIXED32 -> signedInts(values);
                    case ProtoSchema.UINT32, ProtoSchema.FIXED32 -> {
                        do {
                            values.add(uint32());
                        } while (nextElement());
                    }
                    case ProtoSchema.ENUM -> {
                        do {
                            values.add(enumNumber(f));
                        } while (nextElement());
                    }
                    default -> {
                        do {
                            values.add(bool() ? 1 : 0);
                        } while (nextElement());
                    }
                }
                writePacked(out, f.number(), type, values);
            }
            case ProtoSchema.INT64, ProtoSchema.SINT64, ProtoSchema.SFIXED64, ProtoSchema.UINT64, ProtoSchema.FIXED64,
                    ProtoSchema.DOUBLE, ProtoSchema.FLOAT -> {
                LongBuffer values = new LongBuffer();
                skipWhitespace();
                if (b[pos] == ']') {
                    pos++;
                    return;
                }
                do {
                    values.add(switch (type) {
                        case ProtoSchema.DOUBLE -> Double.doubleToRawLongBits(number());
                        case ProtoSchema.FLOAT -> Float.floatToRawIntBits(floatNumber());
                        case ProtoSchema.UINT64, ProtoSchema.FIXED64 -> uint64();
                        default -> integer();
                    });
                } while (nextElement());
                writePacked(out, f.number(), type, values);
            }
            default -> {
                skipWhitespace();
                if (b[pos] == ']') {
                    pos++;
                    return;
                }
                do {
                    single(f, out);            // strings, messages: one field entry each
                } while (nextElement());
            }
        }
    }

    /**
     * The common case, a flat array of signed integers (the weights): the whole array in one loop
     * that calls nothing, with the same rules as {@link #int32()} and {@link #nextElement()}, because a
     * command-line run mostly executes it before the JIT has compiled anything it would call.
     */
    private void signedInts(IntBuffer values) throws Unsupported {
        byte[] b = this.b;
        int p = pos;
        int[] data = values.data;
        int size = values.size;
        while (true) {
            byte c = b[p];
            boolean negative = c == '-';
            if (negative) {
                c = b[++p];
            }
            int first = p;
            long v = 0;
            while (c >= '0' && c <= '9') {
                v = v * 10 + (c - '0');
                c = b[++p];
            }
            int digits = p - first;
            if (digits == 0 || digits > 18 || (digits > 1 && b[first] == '0') || c == '.' || c == 'e' || c == 'E') {
                throw UNSUPPORTED;
            }
            if (negative) {
                v = -v;
            }
            if (v != (int) v) {
                throw UNSUPPORTED;
            }
            if (size == data.length) {
                data = Arrays.copyOf(data, 2 * size);
            }
            data[size++] = (int) v;
            while (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                c = b[++p];
            }
            if (c == ']') {
                p++;
                break;
            }
            if (c != ',') {
                throw UNSUPPORTED;
            }
            c = b[++p];
            while (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                c = b[++p];
            }
        }
        pos = p;
        values.data = data;
        values.size = size;
    }

    /** After an array element: true at ',' (more follow), false at ']'. */
    private boolean nextElement() throws Unsupported {
        skipWhitespace();
        byte c = b[pos++];
        if (c == ',') {
            skipWhitespace();
            return true;
        }
        if (c == ']') {
            return false;
        }
        throw UNSUPPORTED;
    }

    private static void writePacked(CodedOutputStream out, int n, int type, IntBuffer v) throws IOException {
        if (type == ProtoSchema.SINT32 || type == ProtoSchema.UINT32) {
            writeVarints(out, n, v, type == ProtoSchema.SINT32);
            return;
        }
        int[] x = v.data;
        int size = 0;
        switch (type) {
            case ProtoSchema.SFIXED32, ProtoSchema.FIXED32 -> size = 4 * v.size;
            case ProtoSchema.BOOL -> size = v.size;
            default -> {                       // int32, enum
                for (int k = 0; k < v.size; k++) {
                    size += CodedOutputStream.computeInt32SizeNoTag(x[k]);
                }
            }
        }
        out.writeTag(n, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(size);
        switch (type) {
            case ProtoSchema.SFIXED32, ProtoSchema.FIXED32 -> {
                for (int k = 0; k < v.size; k++) {
                    out.writeFixed32NoTag(x[k]);
                }
            }
            case ProtoSchema.BOOL -> {
                for (int k = 0; k < v.size; k++) {
                    out.writeBoolNoTag(x[k] != 0);
                }
            }
            default -> {
                for (int k = 0; k < v.size; k++) {
                    out.writeInt32NoTag(x[k]);
                }
            }
        }
    }

    /**
     * A packed field of 32-bit varints (sint32 zigzag-encoded first), encoded here in two tight loops
     * rather than one encoder call per value (the wire format: 7 bits per byte, high bit = more).
     */
    private static void writeVarints(CodedOutputStream out, int n, IntBuffer v, boolean zigzag) throws IOException {
        int[] x = v.data;
        int count = v.size;
        // zigzag as arithmetic, not a branch in the loops: the JIT would compile them for the first kind
        // it saw and throw the code away at the first field of the other kind.
        int z = zigzag ? 1 : 0;
        int size = 0;
        for (int k = 0; k < count; k++) {
            int u = (x[k] << z) ^ ((x[k] >> 31) & -z);
            size += (u & ~0x7F) == 0 ? 1 : (u & ~0x3FFF) == 0 ? 2 : (u & ~0x1FFFFF) == 0 ? 3
                    : (u & ~0xFFFFFFF) == 0 ? 4 : 5;
        }
        byte[] bytes = new byte[size];
        int m = 0;
        for (int k = 0; k < count; k++) {
            int u = (x[k] << z) ^ ((x[k] >> 31) & -z);
            while ((u & ~0x7F) != 0) {
                bytes[m++] = (byte) ((u & 0x7F) | 0x80);
                u >>>= 7;
            }
            bytes[m++] = (byte) u;
        }
        out.writeTag(n, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(size);
        out.writeRawBytes(bytes, 0, size);
    }

    private static void writePacked(CodedOutputStream out, int n, int type, LongBuffer v) throws IOException {
        int size = 0;
        for (int k = 0; k < v.size; k++) {
            size += switch (type) {
                case ProtoSchema.SINT64 -> CodedOutputStream.computeSInt64SizeNoTag(v.data[k]);
                case ProtoSchema.UINT64 -> CodedOutputStream.computeUInt64SizeNoTag(v.data[k]);
                case ProtoSchema.INT64 -> CodedOutputStream.computeInt64SizeNoTag(v.data[k]);
                case ProtoSchema.FLOAT -> 4;
                default -> 8;                  // double, fixed64, sfixed64
            };
        }
        out.writeTag(n, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(size);
        for (int k = 0; k < v.size; k++) {
            long x = v.data[k];
            switch (type) {
                case ProtoSchema.SINT64 -> out.writeSInt64NoTag(x);
                case ProtoSchema.UINT64 -> out.writeUInt64NoTag(x);
                case ProtoSchema.INT64 -> out.writeInt64NoTag(x);
                case ProtoSchema.FLOAT -> out.writeFixed32NoTag((int) x);
                default -> out.writeFixed64NoTag(x);
            }
        }
    }

    private void skipWhitespace() {
        byte c;
        while (pos < b.length && ((c = b[pos]) == ' ' || c == '\n' || c == '\r' || c == '\t')) {
            pos++;
        }
    }

    private void expect(char c) throws Unsupported {
        if (b[pos++] != c) {
            throw UNSUPPORTED;
        }
    }

    /** A string without escapes or control characters (UTF-8 decoded as the fallback path does). */
    private String string() throws Unsupported {
        expect('"');
        int start = pos;
        byte c;
        while ((c = b[pos]) != '"') {
            if (c == '\\' || (c >= 0 && c < 0x20)) {
                throw UNSUPPORTED;
            }
            pos++;
        }
        String s = new String(b, start, pos - start, StandardCharsets.UTF_8);
        pos++;
        return s;
    }

    private boolean bool() throws Unsupported {
        if (literal("true")) {
            return true;
        }
        if (literal("false")) {
            return false;
        }
        throw UNSUPPORTED;
    }

    private boolean literal(String word) {
        for (int k = 0; k < word.length(); k++) {
            if (b[pos + k] != word.charAt(k)) {
                return false;
            }
        }
        if (pos + word.length() < b.length && isWordByte(b[pos + word.length()])) {
            return false;
        }
        pos += word.length();
        return true;
    }

    private static boolean isWordByte(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c < 0;
    }

    private int enumNumber(ProtoSchema.Field f) throws Unsupported {
        Map<String, Integer> values = schema.enumValues(f.typeName());
        Integer number = values == null ? null : values.get(string());
        if (number == null) {
            throw UNSUPPORTED;
        }
        return number;
    }

    /**
     * A plain JSON integer ({@code -?(0|[1-9][0-9]*)}, at most 18 digits), not followed by a fraction
     * or exponent (JsonFormat accepts {@code 1.0} for an integer field; that goes to it).
     */
    private long integer() throws Unsupported {
        boolean negative = b[pos] == '-';
        if (negative) {
            pos++;
        }
        int first = pos;
        long v = 0;
        byte c;
        while (pos < b.length && (c = b[pos]) >= '0' && c <= '9') {
            v = v * 10 + (c - '0');
            pos++;
        }
        int digits = pos - first;
        if (digits == 0 || digits > 18 || (digits > 1 && b[first] == '0')) {
            throw UNSUPPORTED;
        }
        if (pos < b.length && ((c = b[pos]) == '.' || c == 'e' || c == 'E')) {
            throw UNSUPPORTED;
        }
        return negative ? -v : v;
    }

    private int int32() throws Unsupported {
        long v = integer();
        if (v != (int) v) {
            throw UNSUPPORTED;
        }
        return (int) v;
    }

    /** 0..2^32-1, as the int with the same bits. */
    private int uint32() throws Unsupported {
        long v = integer();
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw UNSUPPORTED;
        }
        return (int) v;
    }

    /** Non-negative values that fit 18 digits; larger ones go to JsonFormat. */
    private long uint64() throws Unsupported {
        long v = integer();
        if (v < 0) {
            throw UNSUPPORTED;
        }
        return v;
    }

    /** A finite JSON number ({@code "NaN"} and {@code "Infinity"} are strings in protobuf JSON: JsonFormat). */
    private double number() throws Unsupported {
        int start = pos;
        if (b[pos] == '-') {
            pos++;
        }
        int intDigits = digits();
        if (intDigits == 0 || (intDigits > 1 && b[start + (b[start] == '-' ? 1 : 0)] == '0')) {
            throw UNSUPPORTED;
        }
        if (pos < b.length && b[pos] == '.') {
            pos++;
            if (digits() == 0) {
                throw UNSUPPORTED;
            }
        }
        if (pos < b.length && (b[pos] == 'e' || b[pos] == 'E')) {
            pos++;
            if (b[pos] == '+' || b[pos] == '-') {
                pos++;
            }
            if (digits() == 0) {
                throw UNSUPPORTED;
            }
        }
        double d = Double.parseDouble(new String(b, start, pos - start, StandardCharsets.US_ASCII));
        if (!Double.isFinite(d)) {
            throw UNSUPPORTED;                 // out of range: JsonFormat reports it
        }
        return d;
    }

    private int digits() {
        int first = pos;
        byte c;
        while (pos < b.length && (c = b[pos]) >= '0' && c <= '9') {
            pos++;
        }
        return pos - first;
    }

    private float floatNumber() throws Unsupported {
        double d = number();
        if (Math.abs(d) > Float.MAX_VALUE) {
            throw UNSUPPORTED;
        }
        return (float) d;
    }

    /** A growable int array. */
    private static final class IntBuffer {
        int[] data = new int[256];
        int size;

        void add(int x) {
            if (size == data.length) {
                data = Arrays.copyOf(data, 2 * size);
            }
            data[size++] = x;
        }
    }

    /** A growable long array. */
    private static final class LongBuffer {
        long[] data = new long[64];
        int size;

        void add(long x) {
            if (size == data.length) {
                data = Arrays.copyOf(data, 2 * size);
            }
            data[size++] = x;
        }
    }
}
