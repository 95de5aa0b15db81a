package dev.spikeloop.network.fsdd;

import dev.spikeloop.network.audio.AudioInputException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One recording of the Free Spoken Digit Dataset, named {@code {digit}_{speaker}_{index}.wav} as
 * published: the digit spoken (0-9), the speaker's name, and the take index (0-49).
 */
public record FsddRecording(Path path, int digit, String speaker, int index) {

    private static final Pattern NAME = Pattern.compile("([0-9])_([A-Za-z][A-Za-z0-9]*)_([0-9]+)\\.wav");

    /** Parses a file name; a name that does not follow the pattern is an {@link AudioInputException} (BAD_NAME). */
    public static FsddRecording parse(Path path) {
        Matcher m = NAME.matcher(path.getFileName().toString());
        if (!m.matches()) {
            throw new AudioInputException(AudioInputException.Reason.BAD_NAME, path
                    + ": name does not follow the FSDD pattern {digit}_{speaker}_{index}.wav");
        }
        return new FsddRecording(path, Integer.parseInt(m.group(1)), m.group(2), Integer.parseInt(m.group(3)));
    }

    /** The file name. */
    public String name() {
        return path.getFileName().toString();
    }
}
