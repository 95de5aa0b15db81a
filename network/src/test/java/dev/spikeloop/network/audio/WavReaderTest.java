package dev.spikeloop.network.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavReaderTest {
    @TempDir
    Path dir;

    @Test
    void reads16BitPcmToFullScaleFractions() throws IOException {
        Path f = TestWavs.pcm16(dir.resolve("a.wav"), new double[] {0.5, -0.25, 0, -1}, 8000);
        Waveform w = WavReader.read(f, WavReader.Channels.REFUSE);
        assertArrayEquals(new double[] {0.5, -0.25, 0, -1}, w.samples(), 0.0);
        assertEquals(8000, w.sampleRate());
        assertEquals(4 / 8000.0, w.duration(), 1e-15);
    }

    @Test
    void reads8BitUnsigned24BitBigEndianAndFloat() throws IOException {
        Path u8 = TestWavs.write(dir.resolve("u8.wav"), new byte[] {(byte) 192, (byte) 64, (byte) 128},
                new AudioFormat(AudioFormat.Encoding.PCM_UNSIGNED, 11025, 8, 1, 1, 11025, false), 3);
        assertArrayEquals(new double[] {0.5, -0.5, 0}, WavReader.read(u8, WavReader.Channels.REFUSE).samples(), 0.0);
        // 24-bit: 0x400000 = 0.5, 0xC00000 = -0.5 (little-endian in WAV)
        Path s24 = TestWavs.write(dir.resolve("s24.wav"), new byte[] {0, 0, 0x40, 0, 0, (byte) 0xC0},
                new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, 16000, 24, 1, 3, 16000, false), 2);
        Waveform w = WavReader.read(s24, WavReader.Channels.REFUSE);
        assertArrayEquals(new double[] {0.5, -0.5}, w.samples(), 0.0);
        assertEquals(16000, w.sampleRate());
        // the decoder itself, for encodings the JDK's WAV writer does not produce
        byte[] f32 = java.nio.ByteBuffer.allocate(8).putFloat(0.25f).putFloat(-0.75f).array();
        assertArrayEquals(new double[] {0.25, -0.75}, WavReader.decode(f32,
                new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, 8000, 32, 1, 4, 8000, true), Path.of("x")), 0.0);
    }

    @Test
    void encodingsOutsideTheSupportedSetAreNamed() throws IOException {
        var e = assertThrows(AudioInputException.class, () -> WavReader.decode(new byte[4],
                new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, 8000, 12, 1, 2, 8000, false), Path.of("odd.wav")));
        assertEquals(AudioInputException.Reason.UNSUPPORTED_ENCODING, e.reason());
        assertTrue(e.getMessage().contains("odd.wav: 12-bit PCM_SIGNED samples are not supported"), e.getMessage());
        // mu-law is converted to PCM by the JDK
        Path ulaw = TestWavs.write(dir.resolve("ulaw.wav"), new byte[] {(byte) 0x80, (byte) 0x00, (byte) 0xFF},
                new AudioFormat(AudioFormat.Encoding.ULAW, 8000, 8, 1, 1, 8000, false), 3);
        double[] x = WavReader.read(ulaw, WavReader.Channels.REFUSE).samples();
        assertEquals(3, x.length);
        assertTrue(x[0] > 0.9 && x[1] < -0.9 && Math.abs(x[2]) < 1e-3, java.util.Arrays.toString(x));
    }

    @Test
    void stereoIsRefusedUnlessMixed() throws IOException {
        byte[] b = {0, 0x40, 0, (byte) 0xC0, 0, 0x20, 0, 0x20}; // frames (0.5, -0.5), (0.25, 0.25)
        Path f = TestWavs.write(dir.resolve("st.wav"), b, new AudioFormat(8000, 16, 2, true, false), 2);
        var e = assertThrows(AudioInputException.class, () -> WavReader.read(f, WavReader.Channels.REFUSE));
        assertEquals(AudioInputException.Reason.NOT_MONO, e.reason());
        assertTrue(e.getMessage().contains("st.wav: 2 channels, mono expected"), e.getMessage());
        assertArrayEquals(new double[] {0, 0.25}, WavReader.read(f, WavReader.Channels.MIX).samples(), 0.0);
    }

    @Test
    void badFilesAreNamedErrors() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.wav"), "this is not audio\n");
        var e = assertThrows(AudioInputException.class, () -> WavReader.read(text, WavReader.Channels.REFUSE));
        assertEquals(AudioInputException.Reason.UNREADABLE, e.reason());
        assertTrue(e.getMessage().startsWith(text.toString()), e.getMessage());

        Path good = TestWavs.pcm16(dir.resolve("g.wav"), TestWavs.tone(440, 0.5, 0.1, 8000), 8000);
        Path cut = dir.resolve("cut.wav");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(good), 20));
        e = assertThrows(AudioInputException.class, () -> WavReader.read(cut, WavReader.Channels.REFUSE));
        assertEquals(AudioInputException.Reason.UNREADABLE, e.reason());

        Path empty = TestWavs.pcm16(dir.resolve("empty.wav"), new double[0], 8000);
        e = assertThrows(AudioInputException.class, () -> WavReader.read(empty, WavReader.Channels.REFUSE));
        assertEquals(AudioInputException.Reason.EMPTY, e.reason());

        Path silent = TestWavs.pcm16(dir.resolve("silent.wav"), new double[800], 8000);
        e = assertThrows(AudioInputException.class, () -> WavReader.read(silent, WavReader.Channels.REFUSE));
        assertEquals(AudioInputException.Reason.SILENT, e.reason());
        assertTrue(e.getMessage().contains("silent.wav: silent"), e.getMessage());

        e = assertThrows(AudioInputException.class, () -> WavReader.read(dir.resolve("none.wav"), WavReader.Channels.REFUSE));
        assertTrue(e.getMessage().contains("file not found"));
    }
}
