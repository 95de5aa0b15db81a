package dev.spikeloop.network.audio;

import java.nio.file.Path;

/**
 * One audio file to encode, with its class and optional speaker ({@code ""} when unknown);
 * {@code name} is what the data set records as the sample's source (a path relative to the
 * folder the files were found in).
 */
public record LabelledAudio(Path path, String name, int label, String speaker) {
    public LabelledAudio {
        if (label < 0) {
            throw new IllegalArgumentException(path + ": label must be >= 0, got " + label);
        }
        speaker = speaker == null ? "" : speaker;
        name = name == null ? path.getFileName().toString() : name;
    }
}
