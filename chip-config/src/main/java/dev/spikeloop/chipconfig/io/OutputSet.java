package dev.spikeloop.chipconfig.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The outputs of one command, written all or nothing (docs/files.md).
 *
 * <p>A command declares every output before it does any work: {@link #file} and {@link #folder}
 * check the path at once (not empty, the right extension, not a folder where a file is wanted or the
 * reverse, every parent a folder, writable, distinct from the other outputs) and return a
 * <em>staging</em> path in the same folder, which the command hands to the usual writers instead of
 * the user's path. {@link #commit} then renames every staged file over its target; should one rename
 * fail, the files already replaced are put back. A command that fails before {@link #commit} leaves
 * every pre-existing file as it was and no new file: {@link #close} (try-with-resources) removes what
 * was staged and the folders made for it.
 *
 * <pre>{@code
 * try (OutputSet outputs = new OutputSet()) {
 *     Path out = outputs.file("--out", this.out, ".csv");
 *     Path plots = this.plots == null ? null : outputs.folder("--plots", this.plots);
 *     ... work, writing to out and into plots ...
 *     outputs.commit();
 * }
 * }</pre>
 *
 * <p>Modes and links: a new file gets the mode the umask gives, a replaced file keeps its mode, and an
 * output path that is a symbolic link is written through to the link's target.
 */
public final class OutputSet implements AutoCloseable {
    /** Prefix of staged names, so that leftovers of a killed process are recognisable. */
    static final String STAGE_PREFIX = ".spikeloop-";

    private record Entry(String option, Path userPath, Path target, Path staged, boolean folder, boolean staging) {
    }

    private final Map<Path, Entry> entries = new LinkedHashMap<>();
    private final List<Path> createdFolders = new ArrayList<>();
    private final Thread cleanup = new Thread(this::discard, "spikeloop-output-cleanup");
    private boolean hookAdded;
    private boolean done;

    /** An empty set; declare outputs with {@link #file} and {@link #folder}. */
    public OutputSet() {
    }

    /**
     * Declares an output file and returns the path to write it to.
     *
     * @param option     the option that named it, for messages ("--out")
     * @param target     the user's path
     * @param extensions accepted endings ({@code ".csv"}), case-insensitive; none = any
     * @throws IllegalArgumentException if the path is empty, has another extension, or names an output
     *                                  already declared
     * @throws IOException              naming the path, the action and the reason, if it cannot be written
     */
    public synchronized Path file(String option, Path target, String... extensions) throws IOException {
        Entry e = check(option, target, false, extensions);
        Path staged = e.target().resolveSibling(stageName(e.target()));
        try {
            FileTargets.createLike(staged, null); // proves the folder takes a new file, with the OS's reason if not
            Files.delete(staged); // the writer creates it; commit() insists that it did
        } catch (IOException x) {
            throw new IOException(option + " " + target + ": cannot create a file in folder "
                    + e.target().getParent() + ": " + FileErrors.reason(x), x);
        }
        add(new Entry(option, target, e.target(), staged, false, true));
        return staged;
    }

    /**
     * Declares an output folder and returns an empty staging folder to write its files into; at
     * {@link #commit} they are moved into {@code target} (created if needed), replacing files of the same
     * names and leaving other files there alone.
     */
    public synchronized Path folder(String option, Path target) throws IOException {
        Entry e = check(option, target, true);
        Path staged = e.target().resolveSibling(stageName(e.target()));
        try {
            Files.createDirectory(staged);
        } catch (IOException x) {
            throw new IOException(option + " " + target + ": cannot create a folder in "
                    + e.target().getParent() + ": " + FileErrors.reason(x), x);
        }
        add(new Entry(option, target, e.target(), staged, true, true));
        return staged;
    }

    /**
     * Checks a file the command writes itself while it works (a checkpoint), as {@link #file} does, and
     * keeps other outputs from naming it; it is not staged.
     */
    public synchronized void reserve(String option, Path target, String... extensions) throws IOException {
        Entry e = check(option, target, false, extensions);
        add(new Entry(option, target, e.target(), e.target(), false, false));
    }

    /**
     * Moves every staged output to its target, all or none; returns the user's paths. A staged file the
     * command never wrote is an error before anything is moved.
     */
    public synchronized List<Path> commit() throws IOException {
        if (done) {
            throw new IllegalStateException("this output set was already committed or discarded");
        }
        List<Path[]> moves = new ArrayList<>(); // {staged, target}
        for (Entry e : entries.values()) {
            if (!e.staging()) {
                continue;
            }
            if (e.folder()) {
                collect(e, e.staged(), e.target(), moves);
            } else if (!Files.isRegularFile(e.staged())) {
                throw new IllegalStateException(e.option() + " " + e.userPath() + " was declared but not written");
            } else {
                moves.add(new Path[] {e.staged(), e.target()});
            }
        }
        List<Path[]> backups = new ArrayList<>(); // {target, backup or null when the target is new}
        List<Path> madeNow = new ArrayList<>();
        int at = 0;
        try {
            for (; at < moves.size(); at++) {
                Path staged = moves.get(at)[0];
                Path target = moves.get(at)[1];
                madeNow.addAll(createParents(target, target.getParent()));
                if (Files.isDirectory(target)) {
                    throw new IOException("is a folder now"); // made by someone else during the work
                }
                FileTargets.copyMode(target, staged);
                Path backup = null;
                if (Files.exists(target)) {
                    backup = target.resolveSibling(stageName(target) + ".bak");
                    keepCopy(target, backup);
                }
                backups.add(new Path[] {target, backup});
                AtomicFiles.move(staged, target);
            }
        } catch (IOException x) {
            restore(backups);
            for (int i = madeNow.size() - 1; i >= 0; i--) {
                try {
                    Files.deleteIfExists(madeNow.get(i));
                } catch (IOException notEmpty) {
                    // something else lives there now
                }
            }
            throw new IOException("cannot write " + moves.get(at)[1] + ": " + FileErrors.reason(x)
                    + "; no output was changed", x);
        }
        for (Path[] b : backups) {
            if (b[1] != null) {
                Files.deleteIfExists(b[1]);
            }
        }
        List<Path> written = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.staging()) {
                written.add(e.userPath());
                if (e.folder()) {
                    deleteTree(e.staged());
                }
            }
        }
        done = true;
        createdFolders.clear();
        removeHook();
        return written;
    }

    /** Discards whatever was staged (and the folders made for it) unless {@link #commit} succeeded. */
    @Override
    public synchronized void close() {
        discard();
        removeHook();
    }

    /**
     * Creates the folders up to {@code dir} for an output named {@code userPath} by the user, with a
     * message naming the part of the path that is a file rather than a folder.
     *
     * @return the folders created, outermost first
     */
    static List<Path> createParents(Path userPath, Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            missing.add(0, p);
            p = p.getParent();
        }
        if (p != null && !Files.isDirectory(p)) {
            throw new IOException("cannot write " + userPath + ": " + p + " is a file, not a folder");
        }
        for (Path m : missing) {
            try {
                Files.createDirectory(m);
            } catch (IOException x) {
                throw new IOException("cannot write " + userPath + ": cannot create folder " + m + ": "
                        + FileErrors.reason(x), x);
            }
        }
        return missing;
    }

    private Entry check(String option, Path target, boolean folder, String... extensions) throws IOException {
        if (done) {
            throw new IllegalStateException("this output set was already committed or discarded");
        }
        if (target == null || target.toString().isBlank()) {
            throw new IllegalArgumentException(option + ": the path is empty; give a " + (folder ? "folder" : "file")
                    + " name");
        }
        if (!folder && extensions.length > 0) {
            String name = target.getFileName() == null ? "" : target.getFileName().toString().toLowerCase(Locale.ROOT);
            boolean ok = false;
            for (String ext : extensions) {
                ok |= name.endsWith(ext.toLowerCase(Locale.ROOT));
            }
            if (!ok) {
                throw new IllegalArgumentException(option + " " + target + ": the file name must end in "
                        + String.join(" or ", extensions));
            }
        }
        Path resolved;
        try {
            resolved = FileTargets.resolve(target);
        } catch (IOException x) {
            throw new IOException(option + " " + target + ": cannot follow the link: " + FileErrors.reason(x), x);
        }
        if (resolved.getParent() == null || resolved.getFileName() == null) {
            throw new IllegalArgumentException(option + " " + target + ": names the root folder");
        }
        if (!folder && Files.isDirectory(resolved)) {
            throw new IllegalArgumentException(option + " " + target + ": is a folder; give a file name");
        }
        if (folder && Files.exists(resolved) && !Files.isDirectory(resolved)) {
            throw new IllegalArgumentException(option + " " + target + ": is a file; give a folder name");
        }
        if (!folder && Files.exists(resolved) && !Files.isWritable(resolved)) {
            throw new IOException(option + " " + target + ": the file is read-only (permission denied)");
        }
        try {
            createdFolders.addAll(createParents(target, resolved.getParent()));
        } catch (IOException x) {
            throw new IOException(option + " " + x.getMessage().replaceFirst("^cannot write ", ""), x);
        }
        Path key = resolved.getParent().toRealPath().resolve(resolved.getFileName());
        Entry same = entries.get(key);
        if (same != null) {
            throw new IllegalArgumentException(same.option() + " " + same.userPath() + " and " + option + " "
                    + target + " are the same file; give each output its own name");
        }
        return new Entry(option, target, key, null, folder, false);
    }

    private void add(Entry e) {
        entries.put(e.target(), e);
        if (!hookAdded && e.staging()) {
            try {
                Runtime.getRuntime().addShutdownHook(cleanup); // Ctrl-C during the work leaves no staged file
                hookAdded = true;
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting; close() still cleans up
            }
        }
    }

    private static void collect(Entry e, Path from, Path to, List<Path[]> moves) throws IOException {
        if (Files.exists(to) && !Files.isDirectory(to)) {
            throw new IOException("cannot write " + e.option() + " " + e.userPath() + ": " + to
                    + " is a file, not a folder");
        }
        List<Path> children;
        try (Stream<Path> s = Files.list(from)) {
            children = s.sorted().toList();
        }
        for (Path c : children) {
            Path t = FileTargets.resolve(to.resolve(c.getFileName().toString()));
            if (Files.isDirectory(c)) {
                collect(e, c, t, moves);
            } else {
                if (Files.isDirectory(t)) {
                    throw new IOException("cannot write " + t + ": is a folder, not a file");
                }
                moves.add(new Path[] {c, t});
            }
        }
    }

    /** Keeps the old content of {@code target} under {@code backup}: a hard link, else a copy. */
    private static void keepCopy(Path target, Path backup) throws IOException {
        try {
            Files.createLink(backup, target);
        } catch (UnsupportedOperationException | IOException x) {
            Files.copy(target, backup, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static void restore(List<Path[]> backups) {
        for (int i = backups.size() - 1; i >= 0; i--) {
            Path target = backups.get(i)[0];
            Path backup = backups.get(i)[1];
            try {
                if (backup != null) {
                    AtomicFiles.move(backup, target);
                } else {
                    Files.deleteIfExists(target);
                }
            } catch (IOException ignored) {
                // best effort: the message of the failure that led here matters more
            }
        }
    }

    private synchronized void discard() {
        if (done) {
            return;
        }
        done = true;
        for (Entry e : entries.values()) {
            if (!e.staging()) {
                continue;
            }
            try {
                deleteTree(e.staged());
            } catch (IOException | UncheckedIOException ignored) {
                // best effort; the names start with STAGE_PREFIX
            }
        }
        for (int i = createdFolders.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(createdFolders.get(i)); // only when empty: nobody else's files go
            } catch (IOException ignored) {
                // not empty: something else now lives there
            }
        }
    }

    private void removeHook() {
        if (hookAdded) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook itself is running
            }
            hookAdded = false;
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> s = Files.walk(p)) {
                for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(q);
                }
            }
        } else {
            Files.deleteIfExists(p);
        }
    }

    private static String stageName(Path target) {
        return STAGE_PREFIX + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + "-"
                + target.getFileName();
    }
}
