package dev.spikeloop.cli.commands;

import dev.spikeloop.network.spikedata.SpikeSample;
import dev.spikeloop.network.spikedata.SpikeTrainDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The summary printed for a spike data set: samples per class and speaker, spikes per sample, duration. */
final class DatasetSummaryText {
    private DatasetSummaryText() {
    }

    static String format(SpikeTrainDataset d) {
        StringBuilder sb = new StringBuilder();
        int classes = d.classCount();
        int[] perClass = new int[classes];
        Map<String, Integer> perSpeaker = new TreeMap<>();
        double[] spikes = new double[d.size()];
        double[] last = new double[d.size()];
        for (int i = 0; i < d.size(); i++) {
            SpikeSample s = d.sample(i);
            perClass[s.label()]++;
            if (!s.speaker().isEmpty()) {
                perSpeaker.merge(s.speaker(), 1, Integer::sum);
            }
            spikes[i] = s.count();
            last[i] = s.lastTime();
        }
        sb.append(String.format(Locale.ROOT, "%d samples, %d channels, %d classes, %d spikes%n", d.size(), d.channels(),
                classes, d.spikeCount()));
        sb.append("samples per class:");
        for (int c = 0; c < classes; c++) {
            String name = d.classNames().isEmpty() ? Integer.toString(c) : d.classNames().get(c);
            sb.append(' ').append(name).append('=').append(perClass[c]);
        }
        sb.append('\n');
        if (!perSpeaker.isEmpty()) {
            sb.append("samples per speaker:");
            perSpeaker.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            sb.append('\n');
        }
        sb.append("spikes per sample: ").append(stats(spikes, "%.0f")).append('\n');
        sb.append("last spike per sample (s): ").append(stats(last, "%.3f")).append('\n');
        return sb.toString();
    }

    /** min / median / mean / 95th percentile / max. */
    static String stats(double[] v, String fmt) {
        if (v.length == 0) {
            return "none";
        }
        double[] s = v.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0);
        return String.format(Locale.ROOT, "min " + fmt + ", median " + fmt + ", mean " + fmt + ", p95 " + fmt
                + ", max " + fmt, s[0], s[s.length / 2], mean, s[Math.min(s.length - 1, (int) (0.95 * s.length))],
                s[s.length - 1]);
    }

    static String fileSize(Path p) {
        try {
            return String.format(Locale.ROOT, "%.1f MB", Files.size(p) / 1e6);
        } catch (IOException e) {
            return "size unknown";
        }
    }
}
