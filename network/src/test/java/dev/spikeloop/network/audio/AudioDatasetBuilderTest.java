package dev.spikeloop.network.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeloop.network.data.InvalidDatasetException;
import dev.spikeloop.network.spikedata.SpikeTrainDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioDatasetBuilderTest {
    @TempDir
    Path dir;

    @Test
    void encodesInOrderOnSeveralThreadsAndSkipsBadFilesWhenAsked() throws IOException {
        TestWavs.pcm16(dir.resolve("low.wav"), TestWavs.tone(150, 0.5, 0.3, 8000), 8000);
        TestWavs.pcm16(dir.resolve("high.wav"), TestWavs.tone(2500, 0.5, 0.2, 8000), 8000);
        Files.writeString(dir.resolve("broken.wav"), "RIFF garbage");
        Files.writeString(dir.resolve("labels.csv"), "file,label,speaker\nlow.wav,low,ann\nbroken.wav,high,bob\n"
                + "high.wav,high,bob\n");
        AudioLabels labels = AudioLabels.read(dir.resolve("labels.csv"), dir);
        assertEquals(List.of("high", "low"), labels.classNames());
        AudioFrontEnd fe = new AudioFrontEnd(FrontEndSettings.DEFAULT);
        var e = assertThrows(AudioInputException.class, () -> new AudioDatasetBuilder(fe, WavReader.Channels.REFUSE, 2,
                false).build(labels.files(), labels.classNames(), Map.of(), i -> { }));
        assertTrue(e.getMessage().contains("broken.wav"), e.getMessage());

        AudioDatasetBuilder.Result r = new AudioDatasetBuilder(fe, WavReader.Channels.REFUSE, 2, true)
                .build(labels.files(), labels.classNames(), Map.of("dataset", "test"), i -> { });
        SpikeTrainDataset d = r.dataset();
        assertEquals(2, d.size());
        assertEquals(1, r.skipped().size());
        assertEquals("broken.wav", r.skipped().get(0).name());
        assertEquals("low.wav", d.sample(0).source());
        assertEquals(1, d.sample(0).label());
        assertEquals("ann", d.sample(0).speaker());
        assertEquals("high.wav", d.sample(1).source());
        assertEquals(0.5, r.audioSeconds(), 1e-9);
        assertEquals(FrontEndSettings.DEFAULT.describe(), d.attributes().get("frontend"));
        assertEquals("0.01", d.attributes().get("dt"));
        assertEquals("test", d.attributes().get("dataset"));
        // low tone fires the low bands, high tone the high bands
        assertTrue(mean(d.sample(0).channels()) < 4, "low: " + mean(d.sample(0).channels()));
        assertTrue(mean(d.sample(1).channels()) > 11, "high: " + mean(d.sample(1).channels()));
    }

    @Test
    void labelFilesAreChecked() throws IOException {
        Path csv = Files.writeString(dir.resolve("l.csv"), "name,class\na.wav,1\n");
        var e = assertThrows(InvalidDatasetException.class, () -> AudioLabels.read(csv, dir));
        assertTrue(e.getMessage().contains("header must be"), e.getMessage());
        Files.writeString(csv, "file,label\na.wav,3\nb.wav\n");
        e = assertThrows(InvalidDatasetException.class, () -> AudioLabels.read(csv, dir));
        assertTrue(e.getMessage().contains("l.csv:3: expected 2"), e.getMessage());
        Files.writeString(csv, "file,label\na.wav,3\nb.wav,0\n");
        AudioLabels l = AudioLabels.read(csv, dir);
        assertEquals(4, l.classCount());
        assertEquals(List.of(), l.classNames());
    }

    private static double mean(int[] v) {
        double s = 0;
        for (int x : v) {
            s += x;
        }
        return s / v.length;
    }
}
