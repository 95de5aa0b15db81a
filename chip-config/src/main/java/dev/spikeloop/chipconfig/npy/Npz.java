package dev.spikeloop.chipconfig.npy;

import dev.spikeloop.chipconfig.io.AtomicFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npz} archives ({@code np.savez}, {@code np.savez_compressed}): a zip file with one
 * {@code NAME.npy} entry per array. Reading accepts stored and deflated entries (and ZIP64, which
 * NumPy writes); writing stores entries uncompressed, like {@code np.savez}, and replaces the file
 * atomically.
 */
public final class Npz {
    /** Largest entry read, to refuse a hostile archive before allocating its claimed size. */
    private static final long MAX_ENTRY_BYTES = 1L << 30;

    private Npz() {
    }

    /**
     * Reads every array, keyed by name without {@code .npy}, in archive order.
     *
     * @throws NpyFormatException naming the file (and entry) when it is not an NPZ archive of NPY
     *                            arrays; every unreadable entry is listed
     */
    public static Map<String, NpyArray> read(Path path) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (e.isDirectory()) {
                    continue;
                }
                String entry = e.getName();
                String source = path + " entry '" + entry + "'";
                if (!entry.endsWith(".npy")) {
                    unreadable.add(source + ": not an NPY array (NPZ entries are NAME.npy)");
                    continue;
                }
                if (e.getSize() > MAX_ENTRY_BYTES) {
                    throw new NpyFormatException(source + ": " + e.getSize() + " bytes is more than this reader loads");
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = readLimited(in, source);
                }
                try {
                    arrays.put(entry.substring(0, entry.length() - 4), Npy.read(bytes, source));
                } catch (NpyFormatException bad) {
                    unreadable.add(bad.getMessage());
                }
            }
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new NoSuchFileException(path.toString(), null, "NPZ file not found");
        } catch (ZipException e) {
            throw new NpyFormatException(path + ": not an NPZ archive (" + e.getMessage() + ")");
        }
        if (unreadable.size() == 1) {
            throw new NpyFormatException(unreadable.get(0));
        }
        if (!unreadable.isEmpty()) {
            throw new NpyFormatException(path + ": " + unreadable.size() + " unreadable arrays\n  - "
                    + String.join("\n  - ", unreadable));
        }
        return arrays;
    }

    private static byte[] readLimited(InputStream in, String source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > MAX_ENTRY_BYTES) {
                throw new NpyFormatException(source + ": more than " + MAX_ENTRY_BYTES + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** Encodes arrays as an NPZ archive, entries in map order. */
    public static byte[] encode(Map<String, NpyArray> arrays) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, NpyArray> a : arrays.entrySet()) {
                byte[] npy = Npy.write(a.getValue());
                ZipEntry e = new ZipEntry(a.getKey() + ".npy");
                e.setMethod(ZipEntry.STORED);
                e.setSize(npy.length);
                e.setCompressedSize(npy.length);
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(npy);
                e.setCrc(crc.getValue());
                zip.putNextEntry(e);
                zip.write(npy);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Writes arrays as an NPZ archive, atomically. */
    public static void write(Map<String, NpyArray> arrays, Path path) throws IOException {
        AtomicFiles.write(path, encode(arrays));
    }
}
