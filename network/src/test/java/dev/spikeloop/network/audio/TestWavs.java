package dev.spikeloop.network.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Writes small WAV files for the tests with the JDK's own writer. */
final class TestWavs {
    private TestWavs() {
    }

    /** 16-bit signed little-endian mono PCM of {@code x} (values in [-1, 1)). */
    static Path pcm16(Path file, double[] x, float rate) throws IOException {
        byte[] b = new byte[2 * x.length];
        for (int n = 0; n < x.length; n++) {
            int v = (int) Math.round(x[n] * 32768);
            v = Math.max(-32768, Math.min(32767, v));
            b[2 * n] = (byte) v;
            b[2 * n + 1] = (byte) (v >> 8);
        }
        return write(file, b, new AudioFormat(rate, 16, 1, true, false), x.length);
    }

    /** Writes raw frames in {@code format}. */
    static Path write(Path file, byte[] frames, AudioFormat format, long frameCount) throws IOException {
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(frames), format, frameCount)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    /** A sine of {@code hz} at amplitude {@code a}, {@code seconds} long. */
    static double[] tone(double hz, double a, double seconds, double rate) {
        double[] x = new double[(int) Math.round(seconds * rate)];
        for (int n = 0; n < x.length; n++) {
            x[n] = a * Math.sin(2 * Math.PI * hz * n / rate);
        }
        return x;
    }
}
