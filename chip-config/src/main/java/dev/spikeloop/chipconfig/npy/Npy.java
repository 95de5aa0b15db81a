package dev.spikeloop.chipconfig.npy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NPY file format (NumPy's {@code numpy/lib/format.py}, versions 1.0, 2.0 and 3.0): a magic
 * string, a version, a little-endian header length, a Python dict literal giving {@code descr},
 * {@code fortran_order} and {@code shape}, then the raw elements. Reading accepts either byte order
 * and Fortran order (returned in C order); writing produces version 1.0, little-endian, C order,
 * the header padded with spaces to a multiple of 64 bytes as NumPy does.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern TYPE = Pattern.compile("([<>|=]?)([a-zA-Z])(\\d+)");

    private Npy() {
    }

    /**
     * Parses one NPY file.
     *
     * @param source the file or zip entry name, for messages
     * @throws NpyFormatException naming {@code source} and what is wrong (not NPY, unsupported dtype,
     *                            truncated data)
     */
    public static NpyArray read(byte[] bytes, String source) throws NpyFormatException {
        if (bytes.length < 10 || !startsWithMagic(bytes)) {
            throw new NpyFormatException(source + ": not an NPY array (no \\x93NUMPY magic)");
        }
        int major = bytes[6] & 0xFF;
        int headerStart;
        long headerLength;
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            headerLength = buf.getShort(8) & 0xFFFF;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new NpyFormatException(source + ": truncated NPY header");
            }
            headerLength = buf.getInt(8) & 0xFFFFFFFFL;
            headerStart = 12;
        } else {
            throw new NpyFormatException(source + ": NPY format version " + major + "." + (bytes[7] & 0xFF)
                    + " is not supported (1.0, 2.0 and 3.0 are)");
        }
        if (headerStart + headerLength > bytes.length) {
            throw new NpyFormatException(source + ": truncated NPY header");
        }
        String header = new String(bytes, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int dataStart = headerStart + (int) headerLength;
        return parse(header, bytes, dataStart, source);
    }

    private static boolean startsWithMagic(byte[] bytes) {
        for (int k = 0; k < MAGIC.length; k++) {
            if (bytes[k] != MAGIC[k]) {
                return false;
            }
        }
        return true;
    }

    private static NpyArray parse(String header, byte[] bytes, int dataStart, String source) throws NpyFormatException {
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find()) {
            throw new NpyFormatException(source + ": dtype is not a plain type (structured dtypes are not supported): "
                    + header.strip());
        }
        if (!f.find() || !s.find()) {
            throw new NpyFormatException(source + ": malformed NPY header: " + header.strip());
        }
        String descr = d.group(1);
        Matcher t = TYPE.matcher(descr);
        NpyDtype dtype = t.matches() ? NpyDtype.of(t.group(2).charAt(0), Integer.parseInt(t.group(3))).orElse(null) : null;
        if (dtype == null) {
            throw new NpyFormatException(source + ": dtype '" + descr + "' is not supported (bool, int8..int64, "
                    + "uint8..uint64, float32 and float64 are)");
        }
        ByteOrder order = t.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int[] shape = parseShape(s.group(1), source);
        long count;
        try {
            count = NpyArray.count(shape);
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(source + ": " + e.getMessage());
        }
        long needed = count * dtype.size();
        if (bytes.length - dataStart < needed) {
            throw new NpyFormatException(source + ": truncated data: shape " + NpyArray.shapeText(shape) + " of "
                    + dtype.numpyName() + " needs " + needed + " bytes, the file has " + (bytes.length - dataStart));
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, dataStart, (int) needed).slice().order(order);
        int n = (int) count;
        boolean fortran = f.group(1).equals("True");
        long[] ints = dtype.isFloat() ? null : new long[n];
        double[] floats = dtype.isFloat() ? new double[n] : null;
        for (int k = 0; k < n; k++) {
            int at = fortran ? fortranIndex(k, shape) : k;
            if (dtype.isFloat()) {
                floats[at] = dtype.size() == 4 ? buf.getFloat() : buf.getDouble();
            } else {
                ints[at] = readInteger(buf, dtype, source);
            }
        }
        return NpyArray.wrap(dtype, shape, ints, floats);
    }

    private static long readInteger(ByteBuffer buf, NpyDtype dtype, String source) throws NpyFormatException {
        boolean unsigned = dtype.kind() != 'i';
        return switch (dtype.size()) {
            case 1 -> unsigned ? buf.get() & 0xFFL : buf.get();
            case 2 -> unsigned ? buf.getShort() & 0xFFFFL : buf.getShort();
            case 4 -> unsigned ? buf.getInt() & 0xFFFFFFFFL : buf.getInt();
            default -> {
                long v = buf.getLong();
                if (unsigned && v < 0) {
                    throw new NpyFormatException(source + ": uint64 value " + Long.toUnsignedString(v)
                            + " is larger than this reader holds (" + Long.MAX_VALUE + ")");
                }
                yield v;
            }
        };
    }

    /** The C-order index of the k-th element stored in Fortran (column-major) order. */
    private static int fortranIndex(int k, int[] shape) {
        int c = 0;
        int rest = k;
        int[] idx = new int[shape.length];
        for (int dim = 0; dim < shape.length; dim++) {
            idx[dim] = rest % shape[dim];
            rest /= shape[dim];
        }
        for (int dim = 0; dim < shape.length; dim++) {
            c = c * shape[dim] + idx[dim];
        }
        return c;
    }

    private static int[] parseShape(String text, String source) throws NpyFormatException {
        String[] parts = text.split(",");
        int dims = 0;
        int[] shape = new int[parts.length];
        for (String p : parts) {
            String v = p.strip();
            if (v.endsWith("L")) {
                v = v.substring(0, v.length() - 1); // Python 2 longs
            }
            if (v.isEmpty()) {
                continue;
            }
            try {
                shape[dims++] = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new NpyFormatException(source + ": malformed shape (" + text + ")");
            }
            if (shape[dims - 1] < 0) {
                throw new NpyFormatException(source + ": negative dimension in shape (" + text + ")");
            }
        }
        return java.util.Arrays.copyOf(shape, dims);
    }

    /** Encodes an array as an NPY 1.0 file. */
    public static byte[] write(NpyArray a) {
        String dict = "{'descr': '" + a.dtype().descr() + "', 'fortran_order': False, 'shape': " + a.shapeText() + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xFF);
        out.write(header.length() >>> 8);
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer data = ByteBuffer.allocate(a.size() * a.dtype().size()).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < a.size(); k++) {
            switch (a.dtype()) {
                case FLOAT32 -> data.putFloat((float) a.doubleAt(k));
                case FLOAT64 -> data.putDouble(a.doubleAt(k));
                default -> {
                    long v = a.longAt(k);
                    switch (a.dtype().size()) {
                        case 1 -> data.put((byte) v);
                        case 2 -> data.putShort((short) v);
                        case 4 -> data.putInt((int) v);
                        default -> data.putLong(v);
                    }
                }
            }
        }
        out.writeBytes(data.array());
        return out.toByteArray();
    }
}
