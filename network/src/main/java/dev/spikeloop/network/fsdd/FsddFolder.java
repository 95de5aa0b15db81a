package dev.spikeloop.network.fsdd;

import dev.spikeloop.network.audio.AudioInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Finds the FSDD recordings in a folder as published: either the repository's root (with a
 * {@code recordings/} folder) or the {@code recordings/} folder itself. Files that are not
 * {@code .wav} (README, scripts) are ignored; a {@code .wav} whose name breaks the pattern is
 * reported, never guessed at.
 */
public final class FsddFolder {
    private FsddFolder() {
    }

    /** The recordings of one part, sorted by name, and the {@code .wav} files whose name is not FSDD's. */
    public record Scan(Path folder, List<FsddRecording> recordings, List<AudioInputException> badNames) {
    }

    /** The folder that holds the {@code .wav} files. */
    public static Path recordingsFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a folder (expected the FSDD folder or its recordings/)");
        }
        Path sub = dir.resolve("recordings");
        return Files.isDirectory(sub) ? sub : dir;
    }

    /** Lists the recordings of {@code split} (validation takes {@code validation}) under {@code dir}. */
    public static Scan scan(Path dir, FsddSplit split, FsddSplit.IndexRange validation) {
        Path folder = recordingsFolder(dir);
        List<Path> wavs;
        try (Stream<Path> s = Files.list(folder)) {
            wavs = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        if (wavs.isEmpty()) {
            throw new IllegalArgumentException(folder + ": no .wav files (expected FSDD's {digit}_{speaker}_{index}.wav)");
        }
        List<FsddRecording> out = new ArrayList<>();
        List<AudioInputException> bad = new ArrayList<>();
        for (Path p : wavs) {
            try {
                FsddRecording r = FsddRecording.parse(p);
                if (split.includes(r, validation)) {
                    out.add(r);
                }
            } catch (AudioInputException e) {
                bad.add(e);
            }
        }
        return new Scan(folder, List.copyOf(out), List.copyOf(bad));
    }
}
