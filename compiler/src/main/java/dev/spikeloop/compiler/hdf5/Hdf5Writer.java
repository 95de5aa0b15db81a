package dev.spikeloop.compiler.hdf5;

import io.jhdf.checksum.JenkinsLookup3HashLittle;

import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encodes an {@link Hdf5Group} tree as an HDF5 file, written from the public HDF5 file format
 * specification (version 3.0) for exactly what NIR files need: nested groups, contiguous datasets
 * of float32/float64/int64 of any rank, and variable-length UTF-8 strings stored the way h5py
 * stores {@code h5py.string_dtype()} data (datatype class 9, strings in global heap collections).
 *
 * <p>Layout: superblock version 2 (readable by HDF5 1.8 and later, h5py, jhdf); the global heap
 * collections; then every object after its children (post-order), so each header is written once
 * with its children's and its data's addresses already known. Groups are version-2 object headers
 * with compact link storage (a Link Info, a Group Info and one Link message per child, in
 * insertion order); datasets hold a Dataspace (version 2), a Datatype, a Fill Value (version 3:
 * allocated late, filled if set, the library's defaults) and a contiguous Layout (version 3)
 * message, their raw data 8-byte aligned just before the header. No attributes, no times, no
 * private marks: the file holds exactly the tree. The same tree always gives the same bytes.
 *
 * <p>Limits: at most 65535 links per group (the Group Info field), names up to
 * {@link #MAX_NAME_BYTES} bytes of UTF-8; files up to 2 GiB (built in memory, then written at once).
 */
public final class Hdf5Writer {
    /** The longest link name accepted, in UTF-8 bytes (keeps every header message under 64 KiB). */
    public static final int MAX_NAME_BYTES = 65000;
    private static final long UNDEFINED = -1L;
    private static final int SUPERBLOCK_SIZE = 48;
    private static final int MAX_LINKS = 0xFFFF;
    /** The library's default phase change: compact storage up to 8 links, dense from 6 down. */
    private static final int DEFAULT_MAX_COMPACT = 8;
    private static final int DEFAULT_MIN_DENSE = 6;

    private final LittleEndianBytes out = new LittleEndianBytes();
    private final GlobalHeap heap = new GlobalHeap();
    private final Map<Hdf5Dataset, Integer> firstString = new IdentityHashMap<>();

    private Hdf5Writer() {
    }

    /** The bytes of an HDF5 file whose root group is {@code root}. */
    public static byte[] encode(Hdf5Group root) {
        Hdf5Writer w = new Hdf5Writer();
        w.registerStrings(root);
        for (int i = 0; i < SUPERBLOCK_SIZE; i++) {
            w.out.u8(0); // filled in last, when the root's address and the end of file are known
        }
        w.heap.writeTo(w.out);
        long rootAddress = w.writeGroup(root);
        w.writeSuperblock(rootAddress);
        return w.out.toArray();
    }

    private void registerStrings(Hdf5Group g) {
        for (Object child : g.children().values()) {
            if (child instanceof Hdf5Group sub) {
                registerStrings(sub);
            } else if (child instanceof Hdf5Dataset d && d.type() == Hdf5Type.VLEN_UTF8_STRING) {
                firstString.put(d, heap.add((String[]) d.values()));
            }
        }
    }

    private long writeGroup(Hdf5Group g) {
        Map<String, Object> children = g.children();
        if (children.size() > MAX_LINKS) {
            throw new IllegalArgumentException("an HDF5 group written here holds at most " + MAX_LINKS
                    + " members, got " + children.size());
        }
        Map<String, Long> addresses = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : children.entrySet()) {
            long a = e.getValue() instanceof Hdf5Group sub ? writeGroup(sub) : writeDataset((Hdf5Dataset) e.getValue());
            addresses.put(e.getKey(), a);
        }
        ObjectHeader h = new ObjectHeader();
        // compact links: no fractal heap, no name index
        h.message(ObjectHeader.LINK_INFO, 0, b -> b.u8(0).u8(0).u64(UNDEFINED).u64(UNDEFINED));
        int links = addresses.size();
        h.message(ObjectHeader.GROUP_INFO, ObjectHeader.CONSTANT, b -> {
            if (links > DEFAULT_MAX_COMPACT) {
                // more links than the default compact limit: record a limit that holds them all, so
                // the group is a valid compact group as stored
                b.u8(0).u8(1).u16(links).u16(DEFAULT_MIN_DENSE);
            } else {
                b.u8(0).u8(0);
            }
        });
        for (Map.Entry<String, Long> e : addresses.entrySet()) {
            h.message(ObjectHeader.LINK, 0, b -> link(b, e.getKey(), e.getValue()));
        }
        return h.writeTo(out);
    }

    /** A hard link: version 1; the character set is given only for non-ASCII names (ASCII is the default). */
    private static void link(LittleEndianBytes b, String name, long address) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        boolean ascii = bytes.length == name.length();
        int lengthWidth = bytes.length <= 0xFF ? 0 : 1;
        b.u8(1).u8(lengthWidth | (ascii ? 0 : 0x10));
        if (!ascii) {
            b.u8(1); // UTF-8
        }
        b.uint(bytes.length, 1 << lengthWidth).bytes(bytes).u64(address);
    }

    private long writeDataset(Hdf5Dataset d) {
        long dataAddress = UNDEFINED;
        if (d.count() > 0) {
            out.padTo(8);
            dataAddress = out.size();
            writeData(d);
        }
        long[] dims = d.dims();
        long size = d.byteSize();
        long address = dataAddress;
        ObjectHeader h = new ObjectHeader();
        h.message(ObjectHeader.DATASPACE, 0, b -> {
            b.u8(2).u8(dims.length).u8(0).u8(dims.length == 0 ? 0 : 1); // version 2, no max dims, scalar/simple
            for (long n : dims) {
                b.u64(n);
            }
        });
        h.message(ObjectHeader.DATATYPE, ObjectHeader.CONSTANT, d.type()::encode);
        h.message(ObjectHeader.FILL_VALUE, ObjectHeader.CONSTANT, b -> b.u8(3).u8(0x0A));
        h.message(ObjectHeader.LAYOUT, 0, b -> b.u8(3).u8(1).u64(address).u64(size)); // contiguous
        return h.writeTo(out);
    }

    private void writeData(Hdf5Dataset d) {
        switch (d.type()) {
            case FLOAT32 -> {
                for (float v : (float[]) d.values()) {
                    out.u32(Float.floatToRawIntBits(v));
                }
            }
            case FLOAT64 -> {
                for (double v : (double[]) d.values()) {
                    out.u64(Double.doubleToRawLongBits(v));
                }
            }
            case INT64 -> {
                for (long v : (long[]) d.values()) {
                    out.u64(v);
                }
            }
            case VLEN_UTF8_STRING -> {
                int first = firstString.get(d);
                for (int i = 0; i < d.count(); i++) {
                    heap.writeReference(out, first + i);
                }
            }
            default -> throw new AssertionError(d.type());
        }
    }

    /** Superblock version 2: sizes of offsets and lengths 8, no extension, base address 0, checksum. */
    private void writeSuperblock(long rootAddress) {
        LittleEndianBytes s = new LittleEndianBytes();
        s.bytes(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'})
                .u8(2).u8(8).u8(8).u8(0)
                .u64(0).u64(UNDEFINED).u64(out.size()).u64(rootAddress);
        s.u32(JenkinsLookup3HashLittle.hash(s.toArray()));
        out.overwrite(0, s.toArray());
    }
}
