package dev.spikeloop.network.spikedata;

import dev.spikeloop.chipconfig.io.AtomicFiles;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes spike-train data sets in HDF5 (docs/data.md has the full layout).
 *
 * <p><b>Reading</b> accepts two layouts. The Heidelberg layout of SHD and SSC as published:
 * {@code spikes/times} and {@code spikes/units} are variable-length arrays (one array per sample,
 * any float or integer type), {@code labels} an integer array, {@code extra/keys} the class names,
 * {@code extra/speaker} the speaker of each sample (numbers or strings); SHD/SSC have 700 channels,
 * which is assumed unless a unit is larger. Spikeloop's flat layout: the same names, but
 * {@code spikes/times} (float64) and {@code spikes/units} (int32) hold all samples back to back and
 * {@code spikes/offsets} (int64, samples + 1 entries) says where each sample starts; the root
 * attributes {@code format = "spikeloop-spikes"}, {@code version = 1}, {@code channels} and any
 * number of string attributes (provenance); {@code extra/source} names each sample's source file.
 *
 * <p><b>Writing</b> uses the flat layout, because the HDF5 library in use (jHDF) writes fixed-size
 * arrays but not variable-length ones; h5py reads it with plain slicing
 * ({@code times[offsets[i]:offsets[i+1]]}). The file is written beside the target and moved into
 * place, so a failed write leaves no partial file.
 *
 * <p>Every rule a file can break (missing dataset, lengths that disagree, channel out of range,
 * negative or unsorted times, label out of range, a truncated or corrupt file) is an
 * {@link InvalidSpikeDataException} naming the file, the sample and the spike.
 */
public final class SpikeDatasetHdf5 {
    /** Value of the root attribute {@code format} of the flat layout. */
    public static final String FORMAT = "spikeloop-spikes";
    /** Version of the flat layout. */
    public static final int VERSION = 1;
    /** Channel count of the published Heidelberg data sets (SHD, SSC). */
    public static final int HEIDELBERG_CHANNELS = 700;

    private static final java.util.Set<String> RESERVED = java.util.Set.of("format", "version", "channels", "_jHDF"); // _jHDF: the library's own signature

    private SpikeDatasetHdf5() {
    }

    /** True when {@code path} names an HDF5 file by its extension ({@code .h5}, {@code .hdf5}, {@code .hdf}). */
    public static boolean isHdf5Name(Path path) {
        String n = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".hdf");
    }

    /** Reads a data set in either layout. */
    public static SpikeTrainDataset read(Path path) {
        if (!Files.exists(path)) {
            throw new InvalidSpikeDataException(path + ": file not found");
        }
        try (HdfFile file = new HdfFile(path)) {
            return read(file, path.toString());
        } catch (InvalidSpikeDataException e) {
            throw e;
        } catch (RuntimeException e) {
            // jHDF reports a cut-off or damaged file with assorted runtime exceptions
            throw new InvalidSpikeDataException(path + ": not a readable HDF5 file (truncated or corrupt?): "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        }
    }

    private static SpikeTrainDataset read(HdfFile file, String where) {
        Dataset times = required(file, "spikes/times", where);
        Dataset units = required(file, "spikes/units", where);
        Dataset labelsSet = required(file, "labels", where);
        int[] labels = ints(labelsSet.getData(), where + ": labels");
        Node offsetsNode = child(file, "spikes/offsets");
        List<double[]> t = new ArrayList<>();
        List<int[]> u = new ArrayList<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        Integer channels = null;
        if (offsetsNode != null) {
            if (!(offsetsNode instanceof Dataset od)) {
                throw new InvalidSpikeDataException(where + ": 'spikes/offsets' must be a dataset");
            }
            long[] offsets = longs(od.getData(), where + ": spikes/offsets");
            double[] allTimes = doubles(times.getData(), where + ": spikes/times");
            int[] allUnits = ints(units.getData(), where + ": spikes/units");
            if (allTimes.length != allUnits.length) {
                throw new InvalidSpikeDataException(where + ": spikes/times has " + allTimes.length
                        + " entries but spikes/units has " + allUnits.length);
            }
            if (offsets.length != labels.length + 1) {
                throw new InvalidSpikeDataException(where + ": spikes/offsets must have one entry more than labels ("
                        + (labels.length + 1) + "), got " + offsets.length);
            }
            if (offsets[0] != 0 || offsets[offsets.length - 1] != allTimes.length) {
                throw new InvalidSpikeDataException(where + ": spikes/offsets must run from 0 to the spike count "
                        + allTimes.length + ", got " + offsets[0] + ".." + offsets[offsets.length - 1]);
            }
            for (int i = 0; i < labels.length; i++) {
                if (offsets[i + 1] < offsets[i]) {
                    throw new InvalidSpikeDataException(where + " sample " + i + ": spikes/offsets decrease ("
                            + offsets[i] + " then " + offsets[i + 1] + ")");
                }
                t.add(java.util.Arrays.copyOfRange(allTimes, (int) offsets[i], (int) offsets[i + 1]));
                u.add(java.util.Arrays.copyOfRange(allUnits, (int) offsets[i], (int) offsets[i + 1]));
            }
            for (Map.Entry<String, Attribute> a : file.getAttributes().entrySet()) {
                Object v = a.getValue().getData();
                String key = a.getKey();
                if (key.equals("channels")) {
                    channels = ints(v, where + ": attribute 'channels'")[0];
                } else if (key.equals("format")) {
                    if (!FORMAT.equals(string(v))) {
                        throw new InvalidSpikeDataException(where + ": attribute format is '" + string(v)
                                + "', expected '" + FORMAT + "'");
                    }
                } else if (key.equals("version")) {
                    int version = ints(v, where + ": attribute 'version'")[0];
                    if (version > VERSION) {
                        throw new InvalidSpikeDataException(where + ": layout version " + version
                                + " is newer than this tool reads (" + VERSION + ")");
                    }
                } else if (!RESERVED.contains(key) && (v instanceof String || v instanceof String[])) {
                    attributes.put(key, string(v));
                }
            }
        } else {
            Object tv = times.getData();
            Object uv = units.getData();
            if (!(tv instanceof Object[] ta) || !(uv instanceof Object[] ua)) {
                throw new InvalidSpikeDataException(where + ": spikes/times and spikes/units must be variable-length "
                        + "arrays (Heidelberg layout) or come with spikes/offsets (flat layout)");
            }
            if (ta.length != labels.length || ua.length != labels.length) {
                throw new InvalidSpikeDataException(where + ": spikes/times has " + ta.length + " samples, spikes/units "
                        + ua.length + ", labels " + labels.length + "; they must agree");
            }
            for (int i = 0; i < labels.length; i++) {
                t.add(doubles(ta[i], where + " sample " + i + ": spikes/times"));
                u.add(ints(ua[i], where + " sample " + i + ": spikes/units"));
                if (t.get(i).length != u.get(i).length) {
                    throw new InvalidSpikeDataException(where + " sample " + i + ": " + t.get(i).length
                            + " spike times but " + u.get(i).length + " units");
                }
            }
            int max = -1;
            for (int[] a : u) {
                for (int c : a) {
                    max = Math.max(max, c);
                }
            }
            channels = Math.max(HEIDELBERG_CHANNELS, max + 1);
        }
        List<String> keys = optionalStrings(file, "extra/keys", where);
        List<String> speakers = optionalStrings(file, "extra/speaker", where);
        List<String> sources = optionalStrings(file, "extra/source", where);
        requireLength(speakers, labels.length, where, "extra/speaker");
        requireLength(sources, labels.length, where, "extra/source");
        if (channels == null) {
            throw new InvalidSpikeDataException(where + ": the flat layout needs the root attribute 'channels'");
        }
        List<SpikeSample> samples = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            try {
                samples.add(new SpikeSample(t.get(i), u.get(i), labels[i],
                        speakers.isEmpty() ? "" : speakers.get(i), sources.isEmpty() ? "" : sources.get(i)));
            } catch (InvalidSpikeDataException e) {
                throw new InvalidSpikeDataException(where + " sample " + i + ": " + e.getMessage());
            }
        }
        try {
            return new SpikeTrainDataset(channels, keys, samples, attributes);
        } catch (InvalidSpikeDataException e) {
            throw new InvalidSpikeDataException(where + ": " + e.getMessage());
        }
    }

    /**
     * Writes {@code data} in the flat layout, atomically. A data set without samples or without a
     * single spike is refused (jHDF cannot write zero-length arrays, and such a file trains nothing).
     */
    public static void write(SpikeTrainDataset data, Path path) {
        if (data.size() == 0 || data.spikeCount() == 0) {
            throw new InvalidSpikeDataException(path + ": nothing to write, the data set has " + data.size()
                    + " samples and " + data.spikeCount() + " spikes");
        }
        Path abs = path.toAbsolutePath();
        Path dir = abs.getParent();
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            // jHDF writes to a path: fill a private temporary file, then move it into place atomically
            Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".h5.tmp");
            try {
                try (WritableHdfFile file = HdfFile.write(tmp)) {
                    fill(file, data);
                }
                AtomicFiles.write(abs, out -> Files.copy(tmp, out));
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    private static void fill(WritableHdfFile file, SpikeTrainDataset data) {
        long total = data.spikeCount();
        if (total > Integer.MAX_VALUE) {
            throw new InvalidSpikeDataException("data set has " + total + " spikes, more than one file can hold ("
                    + Integer.MAX_VALUE + ")");
        }
        int n = data.size();
        double[] times = new double[(int) total];
        int[] units = new int[(int) total];
        long[] offsets = new long[n + 1];
        int[] labels = new int[n];
        String[] speakers = new String[n];
        String[] sources = new String[n];
        int at = 0;
        boolean anySpeaker = false;
        boolean anySource = false;
        for (int i = 0; i < n; i++) {
            SpikeSample s = data.sample(i);
            System.arraycopy(s.times(), 0, times, at, s.count());
            System.arraycopy(s.channels(), 0, units, at, s.count());
            at += s.count();
            offsets[i + 1] = at;
            labels[i] = s.label();
            speakers[i] = s.speaker();
            sources[i] = s.source();
            anySpeaker |= !s.speaker().isEmpty();
            anySource |= !s.source().isEmpty();
        }
        file.putAttribute("format", FORMAT);
        file.putAttribute("version", VERSION);
        file.putAttribute("channels", data.channels());
        for (Map.Entry<String, String> a : data.attributes().entrySet()) {
            if (RESERVED.contains(a.getKey())) {
                throw new InvalidSpikeDataException("data set attribute '" + a.getKey() + "' is reserved by the layout");
            }
            file.putAttribute(a.getKey(), a.getValue());
        }
        WritableGroup spikes = file.putGroup("spikes");
        spikes.putDataset("times", times);
        spikes.putDataset("units", units);
        spikes.putDataset("offsets", offsets);
        file.putDataset("labels", labels);
        WritableGroup extra = file.putGroup("extra");
        if (!data.classNames().isEmpty()) {
            extra.putDataset("keys", data.classNames().toArray(new String[0]));
        }
        if (anySpeaker && n > 0) {
            extra.putDataset("speaker", speakers);
        }
        if (anySource && n > 0) {
            extra.putDataset("source", sources);
        }
    }

    private static Node child(Group root, String path) {
        Group g = root;
        String[] parts = path.split("/");
        for (int k = 0; k < parts.length; k++) {
            Node n = g.getChildren().get(parts[k]);
            if (n == null) {
                return null;
            }
            if (k == parts.length - 1) {
                return n;
            }
            if (!(n instanceof Group next)) {
                return null;
            }
            g = next;
        }
        return g;
    }

    private static Dataset required(Group root, String path, String where) {
        Node n = child(root, path);
        if (n == null) {
            throw new InvalidSpikeDataException(where + ": missing dataset '" + path + "' (a spike data set has "
                    + "spikes/times, spikes/units and labels; docs/data.md)");
        }
        if (!(n instanceof Dataset d)) {
            throw new InvalidSpikeDataException(where + ": '" + path + "' is a group, expected a dataset");
        }
        return d;
    }

    private static List<String> optionalStrings(Group root, String path, String where) {
        Node n = child(root, path);
        if (!(n instanceof Dataset d)) {
            return List.of();
        }
        Object v = d.getData();
        if (v instanceof String[] s) {
            return List.of(s);
        }
        if (v != null && v.getClass().isArray() && !(v instanceof Object[])) {
            // SHD stores speakers as numbers
            List<String> out = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++) {
                out.add(String.valueOf(Array.get(v, i)));
            }
            return out;
        }
        throw new InvalidSpikeDataException(where + ": '" + path + "' must be an array of strings or numbers");
    }

    private static void requireLength(List<String> values, int n, String where, String name) {
        if (!values.isEmpty() && values.size() != n) {
            throw new InvalidSpikeDataException(where + ": " + name + " has " + values.size() + " entries, expected one "
                    + "per sample (" + n + ")");
        }
    }

    private static String string(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof String[] a && a.length == 1) {
            return a[0];
        }
        return String.valueOf(v);
    }

    private static double[] doubles(Object v, String where) {
        if (v instanceof double[] d) {
            return d;
        }
        if (v == null || !v.getClass().isArray() || v instanceof Object[]) {
            throw new InvalidSpikeDataException(where + ": expected a one-dimensional array of numbers");
        }
        double[] out = new double[Array.getLength(v)];
        for (int i = 0; i < out.length; i++) {
            Object e = Array.get(v, i);
            if (!(e instanceof Number num)) {
                throw new InvalidSpikeDataException(where + ": expected numbers");
            }
            out[i] = num.doubleValue();
        }
        return out;
    }

    private static int[] ints(Object v, String where) {
        if (v instanceof int[] d) {
            return d;
        }
        if (v instanceof Number n) {
            return new int[] {exactInt(n, where)};
        }
        long[] l = longs(v, where);
        int[] out = new int[l.length];
        for (int i = 0; i < out.length; i++) {
            if (l[i] < Integer.MIN_VALUE || l[i] > Integer.MAX_VALUE) {
                throw new InvalidSpikeDataException(where + " entry " + i + ": " + l[i] + " does not fit an int");
            }
            out[i] = (int) l[i];
        }
        return out;
    }

    private static int exactInt(Number n, String where) {
        double d = n.doubleValue();
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new InvalidSpikeDataException(where + ": expected an integer, got " + n);
        }
        return (int) d;
    }

    private static long[] longs(Object v, String where) {
        if (v instanceof long[] d) {
            return d;
        }
        if (v == null || !v.getClass().isArray() || v instanceof Object[]) {
            throw new InvalidSpikeDataException(where + ": expected a one-dimensional array of integers");
        }
        long[] out = new long[Array.getLength(v)];
        for (int i = 0; i < out.length; i++) {
            Object e = Array.get(v, i);
            if (!(e instanceof Number num) || num.doubleValue() != Math.rint(num.doubleValue())) {
                throw new InvalidSpikeDataException(where + " entry " + i + ": expected an integer, got " + e);
            }
            out[i] = num.longValue();
        }
        return out;
    }
}
