package dev.spikeloop.compiler.hdf5;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The global heap collections holding the bytes of every variable-length string (format
 * specification, "Global Heap"), laid out as the HDF5 library lays them out for h5py: each string
 * element is its own heap object (index from 1, reference count 0, its UTF-8 bytes without a
 * terminator, padded to 8 bytes); object 0 describes the free space at the end. A collection is at
 * least 4096 bytes (the library's minimum, which its readers may read ahead) and holds at most
 * 65535 objects (the index is 16 bits); more strings go into further collections.
 *
 * <p>Empty strings get no object: their reference is length 0 with a null heap address, as the
 * HDF5 library writes them.
 */
final class GlobalHeap {
    static final int MIN_COLLECTION_SIZE = 4096;
    static final int MAX_OBJECTS = 65535;
    private static final int COLLECTION_HEADER = 16;
    private static final int OBJECT_HEADER = 16;

    private final List<byte[]> objects = new ArrayList<>();
    private final List<Integer> objectOf = new ArrayList<>(); // string sequence number -> object number, -1 = empty
    private long[] collectionAddresses;

    /** Registers the strings of one dataset and returns the sequence number of the first. */
    int add(String[] values) {
        int first = objectOf.size();
        for (String s : values) {
            if (s.isEmpty()) {
                objectOf.add(-1);
            } else {
                objectOf.add(objects.size());
                objects.add(s.getBytes(StandardCharsets.UTF_8));
            }
        }
        return first;
    }

    /** True when there is nothing to store. */
    boolean isEmpty() {
        return objects.isEmpty();
    }

    /** Writes every collection at the end of {@code out} (so their addresses are {@code out}'s size). */
    void writeTo(LittleEndianBytes out) {
        int collections = (objects.size() + MAX_OBJECTS - 1) / MAX_OBJECTS;
        collectionAddresses = new long[collections];
        for (int c = 0; c < collections; c++) {
            collectionAddresses[c] = out.size();
            int from = c * MAX_OBJECTS;
            int to = Math.min(objects.size(), from + MAX_OBJECTS);
            long used = COLLECTION_HEADER;
            for (int i = from; i < to; i++) {
                used += OBJECT_HEADER + padded(objects.get(i).length);
            }
            // room for the free-space object's header, so the collection always ends with one
            long size = Math.max(MIN_COLLECTION_SIZE, used + OBJECT_HEADER);
            int start = out.size();
            out.bytes("GCOL".getBytes(StandardCharsets.US_ASCII)).u8(1).u8(0).u8(0).u8(0).u64(size);
            for (int i = from; i < to; i++) {
                byte[] b = objects.get(i);
                out.u16(i - from + 1).u16(0).u32(0).u64(b.length).bytes(b).padTo(8);
            }
            long free = size - (out.size() - start);
            out.u16(0).u16(0).u32(0).u64(free); // object 0: the free space, its own header included
            while (out.size() - start < size) {
                out.u8(0);
            }
        }
    }

    /** Writes the 16-byte reference of string {@code sequence} (after {@link #writeTo}). */
    void writeReference(LittleEndianBytes out, int sequence) {
        int object = objectOf.get(sequence);
        if (object < 0) {
            out.u32(0).u64(0).u32(0);
            return;
        }
        out.u32(objects.get(object).length)
                .u64(collectionAddresses[object / MAX_OBJECTS])
                .u32(object % MAX_OBJECTS + 1);
    }

    private static long padded(int n) {
        return (n + 7L) / 8 * 8;
    }
}
