package dev.spikeloop.cli.commands;

import dev.spikeloop.network.audio.AudioInputException;
import dev.spikeloop.network.audio.LabelledAudio;
import dev.spikeloop.network.fsdd.FsddDownload;
import dev.spikeloop.network.fsdd.FsddFolder;
import dev.spikeloop.network.fsdd.FsddRecording;
import dev.spikeloop.network.fsdd.FsddSplit;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spikeloop dataset fsdd}: encodes the Free Spoken Digit Dataset with the audio front end
 * into a spike data set (docs/data.md).
 */
@Command(name = "fsdd", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Encode the Free Spoken Digit Dataset ({digit}_{speaker}_{index}.wav) into a spike data set (HDF5).",
                "Split rule: takes 0-4 are the official test part; validation is carved out of the rest by take "
                        + "(--val-index, default 5-9); train is the remainder. Labels are the digits; each sample "
                        + "records its speaker and file."})
public final class DatasetFsddCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = "--from", paramLabel = "DIR", description = "The FSDD folder as published (or its recordings/).")
        Path from;

        @Option(names = "--download", description = "Fetch the published FSDD archive into --cache first (once).")
        boolean download;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--out", required = true, paramLabel = "DATA.h5", description = "Output spike data set.")
    Path out;

    @Option(names = "--split", defaultValue = "all", paramLabel = "train|val|test|all",
            description = "Which part to encode (one of: ${COMPLETION-CANDIDATES}, any case; default: ${DEFAULT-VALUE}).")
    FsddSplit split;

    @Option(names = "--val-index", defaultValue = "5-9", paramLabel = "A-B",
            description = "Takes used for validation, carved out of the training part (default: ${DEFAULT-VALUE}).")
    String valIndex;

    @Option(names = "--skip-bad", description = "Skip (and list) files that cannot be used instead of stopping.")
    boolean skipBad;

    @Option(names = "--threads", description = "Worker threads (default: the available cores).")
    Integer threads;

    @Option(names = "--cache", paramLabel = "DIR", description = "Download cache (default: ~/.cache/spikeloop/fsdd).")
    Path cache;

    @Option(names = "--download-url", paramLabel = "URL", description = "Archive to download (default: the published FSDD repository zip).")
    URI downloadUrl;

    @Mixin
    FrontEndOptions frontEnd;

    @Override
    public Integer call() {
        FsddSplit part = split;
        FsddSplit.IndexRange val = FsddSplit.IndexRange.parse(valIndex);
        Path dir = source.from;
        if (source.download) {
            Path c = cache != null ? cache : FsddDownload.defaultCache();
            if (!FsddDownload.isComplete(c)) {
                System.out.println("downloading " + (downloadUrl != null ? downloadUrl : FsddDownload.DEFAULT_URI)
                        + " into " + c);
            }
            dir = FsddDownload.fetch(downloadUrl != null ? downloadUrl : FsddDownload.DEFAULT_URI, c,
                    Duration.ofSeconds(60));
        }
        FsddFolder.Scan scan = FsddFolder.scan(dir, part, val);
        for (AudioInputException bad : scan.badNames()) {
            if (!skipBad) {
                throw new IllegalArgumentException(bad.getMessage() + " (rename or remove it, or pass --skip-bad)");
            }
            System.out.println("skipped " + bad.getMessage());
        }
        if (scan.recordings().isEmpty()) {
            throw new IllegalArgumentException(scan.folder() + ": no recordings of the "
                    + part.name().toLowerCase(Locale.ROOT) + " part"
                    + (part == FsddSplit.TEST ? " (the official test part, takes 0-4, is absent from this copy)" : ""));
        }
        List<LabelledAudio> files = new ArrayList<>();
        for (FsddRecording r : scan.recordings()) {
            files.add(new LabelledAudio(r.path(), r.name(), r.digit(), r.speaker()));
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("dataset", "fsdd");
        attrs.put("split", part.name().toLowerCase(Locale.ROOT));
        attrs.put("val_index", val.toString());
        attrs.put("source_root", scan.folder().toAbsolutePath().normalize().toString());
        int n = AudioEncodingRun.threads(threads);
        System.out.printf(Locale.ROOT, "FSDD %s part: %d recordings from %s, %d threads%n",
                attrs.get("split"), files.size(), scan.folder(), n);
        AudioEncodingRun.run(files, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), attrs,
                frontEnd.settings(), frontEnd.channels(), n, skipBad, out, System.out);
        return 0;
    }
}
