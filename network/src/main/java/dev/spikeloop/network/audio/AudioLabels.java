package dev.spikeloop.network.audio;

import dev.spikeloop.network.data.InvalidDatasetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A label file for a folder of audio: CSV with the header {@code file,label} or
 * {@code file,label,speaker}, one file per line. {@code file} is relative to the folder; a label is
 * either a class index ({@code >= 0}) on every line, or a class name on every line (then the names,
 * sorted, become classes 0, 1, ...). Blank lines are ignored; anything else that does not fit is an
 * error naming the file and line.
 *
 * @param files      the labelled files, in file order
 * @param classNames the class names (empty for numeric labels)
 */
public record AudioLabels(List<LabelledAudio> files, List<String> classNames) {

    /** Number of classes. */
    public int classCount() {
        if (!classNames.isEmpty()) {
            return classNames.size();
        }
        return files.stream().mapToInt(LabelledAudio::label).max().orElse(-1) + 1;
    }

    /** Reads {@code csv}; files are resolved against {@code folder}. */
    public static AudioLabels read(Path csv, Path folder) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidDatasetException(csv + ": file not found");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first == lines.size()) {
            throw new InvalidDatasetException(csv + ": empty, expected a header 'file,label[,speaker]'");
        }
        String header = lines.get(first).trim().replace(" ", "");
        boolean withSpeaker = header.equals("file,label,speaker");
        if (!withSpeaker && !header.equals("file,label")) {
            throw new InvalidDatasetException(csv + ":" + (first + 1) + ": header must be 'file,label' or "
                    + "'file,label,speaker', got '" + lines.get(first).trim() + "'");
        }
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineNos = new ArrayList<>();
        boolean allNumeric = true;
        for (int n = first + 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != (withSpeaker ? 3 : 2)) {
                throw new InvalidDatasetException(csv + ":" + (n + 1) + ": expected " + (withSpeaker ? 3 : 2)
                        + " comma-separated fields, got " + f.length);
            }
            for (int k = 0; k < f.length; k++) {
                f[k] = f[k].trim();
            }
            if (f[0].isEmpty() || f[1].isEmpty()) {
                throw new InvalidDatasetException(csv + ":" + (n + 1) + ": file and label must not be empty");
            }
            allNumeric &= f[1].matches("[0-9]+");
            rows.add(f);
            lineNos.add(n + 1);
        }
        if (rows.isEmpty()) {
            throw new InvalidDatasetException(csv + ": no files listed");
        }
        List<String> names = new ArrayList<>();
        if (!allNumeric) {
            TreeSet<String> set = new TreeSet<>();
            rows.forEach(r -> set.add(r[1]));
            names.addAll(set);
        }
        List<LabelledAudio> files = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            int label;
            if (allNumeric) {
                try {
                    label = Integer.parseInt(r[1]);
                } catch (NumberFormatException e) {
                    throw new InvalidDatasetException(csv + ":" + lineNos.get(i) + ": label '" + r[1] + "' is too large");
                }
            } else {
                label = names.indexOf(r[1]);
            }
            files.add(new LabelledAudio(folder.resolve(r[0]), r[0], label, withSpeaker ? r[2] : ""));
        }
        return new AudioLabels(List.copyOf(files), List.copyOf(names));
    }
}
