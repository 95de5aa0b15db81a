package dev.spikeloop.cli.commands;

import dev.spikeloop.network.data.LabelledDataset;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * How many output neurons {@code train} builds: {@code --classes N} (every label must be below it), or
 * the largest label + 1 with a note when some labels have no sample, since a stray label 7 in a
 * three-class file silently made eight outputs.
 */
final class ClassCount {
    private ClassCount() {
    }

    /**
     * @param given   {@code --classes}, or null
     * @param minimum the data set's own class count (Yin-Yang: 3), 1 for a file
     * @param source  the data's name for messages
     */
    static int of(LabelledDataset train, Integer given, int minimum, String source, PrintStream notes) {
        int found = train.classCount();
        if (given != null) {
            if (given < 1) {
                throw new IllegalArgumentException("--classes must be >= 1, got " + given);
            }
            if (found > given) {
                throw new IllegalArgumentException(source + " has label " + (found - 1) + ", but --classes " + given
                        + " allows labels 0.." + (given - 1));
            }
            return given;
        }
        int classes = Math.max(found, minimum);
        int[] counts = train.classCounts();
        List<String> empty = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            if (c >= counts.length || counts[c] == 0) {
                empty.add(Integer.toString(c));
            }
        }
        if (!empty.isEmpty()) {
            notes.println("note: labels 0.." + (classes - 1) + " of " + source + " make " + classes
                    + " output neurons, but label(s) " + String.join(", ", empty) + " have no sample; give --classes N "
                    + "to set the number of classes");
        }
        return classes;
    }
}
