package dev.spikeloop.network.fsdd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.spikeloop.network.audio.AudioInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsddTest {
    @TempDir
    Path dir;

    @Test
    void parsesPublishedNamesAndRefusesOthers() {
        FsddRecording r = FsddRecording.parse(Path.of("x/7_yweweler_42.wav"));
        assertEquals(7, r.digit());
        assertEquals("yweweler", r.speaker());
        assertEquals(42, r.index());
        for (String bad : new String[] {"7-jackson-1.wav", "10_jackson_1.wav", "7_jackson.wav", "7_jackson_x.wav",
                "7_jackson_1.WAV.bak"}) {
            var e = assertThrows(AudioInputException.class, () -> FsddRecording.parse(Path.of(bad)));
            assertEquals(AudioInputException.Reason.BAD_NAME, e.reason());
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void splitFollowsThePublishedRuleAndCarvesValidationFromTraining() {
        FsddSplit.IndexRange val = FsddSplit.IndexRange.DEFAULT_VALIDATION;
        int[] counts = new int[4];
        for (int index = 0; index < 50; index++) {
            FsddRecording r = new FsddRecording(Path.of("a"), 1, "s", index);
            for (FsddSplit s : FsddSplit.values()) {
                if (s.includes(r, val)) {
                    counts[s.ordinal()]++;
                }
            }
            assertEquals(1, (FsddSplit.TRAIN.includes(r, val) ? 1 : 0) + (FsddSplit.VAL.includes(r, val) ? 1 : 0)
                    + (FsddSplit.TEST.includes(r, val) ? 1 : 0), "every take is in exactly one part");
        }
        assertEquals(40, counts[FsddSplit.TRAIN.ordinal()]);
        assertEquals(5, counts[FsddSplit.VAL.ordinal()]);
        assertEquals(5, counts[FsddSplit.TEST.ordinal()]);
        assertEquals(50, counts[FsddSplit.ALL.ordinal()]);
        assertEquals(new FsddSplit.IndexRange(40, 49), FsddSplit.IndexRange.parse("40-49"));
        assertEquals(new FsddSplit.IndexRange(7, 7), FsddSplit.IndexRange.parse("7"));
        var e = assertThrows(IllegalArgumentException.class, () -> FsddSplit.IndexRange.parse("3-9"));
        assertTrue(e.getMessage().contains("overlap the official test part"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FsddSplit.IndexRange.parse("a-b"));
        assertThrows(IllegalArgumentException.class, () -> FsddSplit.IndexRange.parse("9-5"));
    }

    @Test
    void scanFindsTheRecordingsFolderIgnoresOtherFilesAndReportsBadNames() throws IOException {
        Path rec = Files.createDirectories(dir.resolve("fsdd/recordings"));
        for (String n : new String[] {"0_theo_3.wav", "0_theo_5.wav", "1_theo_12.wav", "2_lucas_49.wav", "hello.wav"}) {
            Files.writeString(rec.resolve(n), "x");
        }
        Files.writeString(dir.resolve("fsdd/README.md"), "readme");
        Files.writeString(rec.resolve("notes.txt"), "ignored");
        FsddFolder.Scan train = FsddFolder.scan(dir.resolve("fsdd"), FsddSplit.TRAIN, FsddSplit.IndexRange.DEFAULT_VALIDATION);
        assertEquals(rec, train.folder());
        assertEquals(List.of("1_theo_12.wav", "2_lucas_49.wav"), train.recordings().stream().map(FsddRecording::name).toList());
        assertEquals(1, train.badNames().size());
        assertTrue(train.badNames().get(0).getMessage().contains("hello.wav"));
        assertEquals(1, FsddFolder.scan(rec, FsddSplit.TEST, FsddSplit.IndexRange.DEFAULT_VALIDATION).recordings().size());
        assertEquals(1, FsddFolder.scan(rec, FsddSplit.VAL, FsddSplit.IndexRange.DEFAULT_VALIDATION).recordings().size());
        assertThrows(IllegalArgumentException.class, () -> FsddFolder.scan(dir.resolve("none"), FsddSplit.ALL,
                FsddSplit.IndexRange.DEFAULT_VALIDATION));
    }

    @Test
    void downloadUnpacksTheArchiveOnceIntoTheCache() throws IOException {
        Path local = Path.of("/work/shared/data/fsdd/recordings");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("free-spoken-digit-dataset-master/README.md"));
            z.write("FSDD, CC BY-SA 4.0".getBytes());
            z.putNextEntry(new ZipEntry("free-spoken-digit-dataset-master/recordings/"));
            for (String n : new String[] {"0_george_5.wav", "3_theo_20.wav", "9_lucas_49.wav"}) {
                z.putNextEntry(new ZipEntry("free-spoken-digit-dataset-master/recordings/" + n));
                z.write(Files.exists(local) ? Files.readAllBytes(local.resolve(n)) : new byte[] {1, 2, 3});
            }
            z.putNextEntry(new ZipEntry("free-spoken-digit-dataset-master/utils/spectogramer.py"));
            z.write("print()".getBytes());
            z.putNextEntry(new ZipEntry("free-spoken-digit-dataset-master/recordings/../../evil.wav"));
            z.write(new byte[] {0});
        }
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fsdd.zip", ex -> {
            requests.incrementAndGet();
            byte[] body = zip.toByteArray();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/missing.zip", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Path cache = dir.resolve("cache/fsdd");
            Path got = FsddDownload.fetch(URI.create(base + "/fsdd.zip"), cache, Duration.ofSeconds(10));
            assertEquals(cache.toAbsolutePath(), got);
            assertTrue(FsddDownload.isComplete(cache));
            try (var s = Files.list(cache.resolve("recordings"))) {
                assertEquals(List.of("0_george_5.wav", "3_theo_20.wav", "9_lucas_49.wav", "evil.wav"),
                        s.map(p -> p.getFileName().toString()).sorted().toList());
            }
            assertTrue(Files.exists(cache.resolve("README.md")));
            assertFalse(Files.exists(dir.resolve("evil.wav")));
            assertEquals(3, FsddFolder.scan(got, FsddSplit.ALL, FsddSplit.IndexRange.DEFAULT_VALIDATION).recordings().size());
            FsddDownload.fetch(URI.create(base + "/fsdd.zip"), cache, Duration.ofSeconds(10));
            assertEquals(1, requests.get(), "a complete cache is not downloaded again");
            var e = assertThrows(IllegalStateException.class, () -> FsddDownload.fetch(URI.create(base + "/missing.zip"),
                    dir.resolve("other"), Duration.ofSeconds(10)));
            assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
            assertFalse(Files.exists(dir.resolve("other")));
        } finally {
            server.stop(0);
        }
    }
}
