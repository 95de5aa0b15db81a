package dev.spikeloop.network.fsdd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Fetches the published FSDD archive (the project's repository as a zip, with its
 * {@code recordings/} folder and README) into a cache folder once, and returns the folder to
 * encode. The archive is unpacked into a temporary folder beside the target and renamed into place
 * when complete, so an interrupted download leaves nothing that looks finished; only {@code .wav}
 * files under {@code recordings/} and the top-level README (the licence and attribution) are kept,
 * each under its bare file name (no path from the archive is trusted).
 */
public final class FsddDownload {
    /** The published archive: the FSDD repository's default branch as a zip. */
    public static final URI DEFAULT_URI =
            URI.create("https://github.com/Jakobovski/free-spoken-digit-dataset/archive/refs/heads/master.zip");
    private static final String DONE = ".complete";

    private FsddDownload() {
    }

    /** The default cache folder: {@code $XDG_CACHE_HOME/spikeloop/fsdd} or {@code ~/.cache/spikeloop/fsdd}. */
    public static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("spikeloop").resolve("fsdd");
    }

    /** True when {@code cache} already holds a complete download. */
    public static boolean isComplete(Path cache) {
        return Files.exists(cache.resolve(DONE));
    }

    /**
     * The FSDD folder in {@code cache}, downloading {@code uri} first unless a complete copy is there.
     *
     * @return the folder with {@code recordings/}
     */
    public static Path fetch(URI uri, Path cache, Duration timeout) {
        if (isComplete(cache)) {
            return cache;
        }
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(timeout).build();
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            HttpResponse<InputStream> resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            if (resp.statusCode() != 200) {
                resp.body().close();
                throw new IllegalStateException("download of " + uri + " failed: HTTP " + resp.statusCode());
            }
            try (InputStream body = resp.body()) {
                return unpack(body, cache, uri.toString());
            }
        } catch (IOException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new UncheckedIOException("download of " + uri + " failed: " + why
                    + " (no network? give --from with a local copy)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("download of " + uri + " interrupted", e);
        }
    }

    /** Unpacks an FSDD archive read from {@code zip} into {@code cache}; {@code source} names it in messages. */
    static Path unpack(InputStream zip, Path cache, String source) throws IOException {
        Path abs = cache.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".");
        try {
            Path rec = Files.createDirectories(tmp.resolve("recordings"));
            int wavs = 0;
            try (ZipInputStream in = new ZipInputStream(zip)) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    String name = e.getName();
                    String base = name.substring(name.lastIndexOf('/') + 1);
                    if (e.isDirectory() || base.isEmpty()) {
                        continue;
                    }
                    if (name.contains("/recordings/") && base.toLowerCase(Locale.ROOT).endsWith(".wav")) {
                        Files.copy(in, rec.resolve(base), StandardCopyOption.REPLACE_EXISTING);
                        wavs++;
                    } else if (base.equals("README.md") && name.indexOf('/') == name.lastIndexOf('/')) {
                        Files.copy(in, tmp.resolve(base), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            if (wavs == 0) {
                throw new IllegalStateException(source + ": the archive holds no recordings/*.wav; is it the FSDD archive?");
            }
            Files.writeString(tmp.resolve(DONE), source + "\n" + wavs + " recordings\n");
            if (Files.exists(abs)) {
                deleteTree(abs); // an incomplete earlier attempt
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
            return abs;
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
