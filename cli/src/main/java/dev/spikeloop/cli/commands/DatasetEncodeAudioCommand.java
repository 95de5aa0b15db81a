package dev.spikeloop.cli.commands;

import dev.spikeloop.network.audio.AudioLabels;
import dev.spikeloop.network.audio.LabelledAudio;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spikeloop dataset encode-audio}: any folder of audio files with a label file -> spike data set. */
@Command(name = "encode-audio", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Encode a folder of WAV files with the audio front end into a spike data set (HDF5).",
                "The label file is CSV with the header file,label[,speaker]: file relative to --from, label a "
                        + "class index >= 0 or a class name (names are numbered in sorted order)."})
public final class DatasetEncodeAudioCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "Folder of the audio files.")
    Path from;

    @Option(names = "--labels", required = true, paramLabel = "CSV", description = "Label file (file,label[,speaker]).")
    Path labels;

    @Option(names = "--out", required = true, paramLabel = "DATA.h5", description = "Output spike data set.")
    Path out;

    @Option(names = "--skip-bad", description = "Skip (and list) files that cannot be used instead of stopping.")
    boolean skipBad;

    @Option(names = "--threads", description = "Worker threads (default: the available cores).")
    Integer threads;

    @Mixin
    FrontEndOptions frontEnd;

    @Override
    public Integer call() {
        AudioLabels l = AudioLabels.read(labels, from);
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("dataset", "audio");
        attrs.put("labels_file", labels.toString());
        attrs.put("source_root", from.toAbsolutePath().normalize().toString());
        int n = AudioEncodingRun.threads(threads);
        System.out.printf(Locale.ROOT, "%d files from %s (%d classes), %d threads%n", l.files().size(), from,
                l.classCount(), n);
        java.util.List<LabelledAudio> files = l.files();
        AudioEncodingRun.run(files, l.classNames(), attrs, frontEnd.settings(), frontEnd.channels(), n, skipBad, out,
                System.out);
        return 0;
    }
}
