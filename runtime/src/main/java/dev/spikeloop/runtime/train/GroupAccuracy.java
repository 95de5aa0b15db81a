package dev.spikeloop.runtime.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accuracy per group of samples (e.g. per speaker, from a data set's metadata), and the overall
 * confusion matrix built from the same decisions.
 *
 * @param groups per group name (sorted): {@code {correct, total}}
 */
public record GroupAccuracy(Map<String, int[]> groups) {

    /**
     * @param group     group name of every sample (empty: "(unknown)")
     * @param labels    true classes
     * @param decisions decisions in the same order
     */
    public static GroupAccuracy of(List<String> group, int[] labels, FirstSpikeReadout.Decision[] decisions) {
        if (group.size() != labels.length || labels.length != decisions.length) {
            throw new IllegalArgumentException("group accuracy: " + group.size() + " groups, " + labels.length
                    + " labels and " + decisions.length + " decisions");
        }
        Map<String, int[]> m = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            String g = group.get(i) == null || group.get(i).isEmpty() ? "(unknown)" : group.get(i);
            int[] c = m.computeIfAbsent(g, k -> new int[2]);
            c[0] += decisions[i].predicted() == labels[i] ? 1 : 0;
            c[1]++;
        }
        return new GroupAccuracy(m);
    }

    /** The evaluation (confusion matrix, ties) of the decisions. */
    public static Evaluation evaluation(int classes, int[] labels, FirstSpikeReadout.Decision[] decisions) {
        ConfusionMatrix cm = new ConfusionMatrix(classes);
        for (int i = 0; i < labels.length; i++) {
            cm.add(labels[i], decisions[i]);
        }
        return cm.result();
    }

    /** A table "group  correct/total  accuracy", one line per group. */
    public String format(String heading) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-12s %9s %9s", heading, "correct", "accuracy"));
        for (Map.Entry<String, int[]> e : groups.entrySet()) {
            int[] c = e.getValue();
            lines.add(String.format(Locale.ROOT, "%-12s %4d/%-4d %8.2f%%", e.getKey(), c[0], c[1], 100.0 * c[0] / c[1]));
        }
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }
}
