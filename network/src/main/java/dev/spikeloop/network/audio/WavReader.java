package dev.spikeloop.network.audio;

import dev.spikeloop.network.audio.AudioInputException.Reason;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Reads audio files with the JDK's {@code javax.sound.sampled}: WAV (and AIFF, AU) with linear PCM
 * of 8, 16, 24 or 32 bits (signed or unsigned, either byte order), 32- or 64-bit float, and the
 * encodings the JDK converts to PCM (mu-law, A-law), at any sample rate. Samples are scaled to
 * [-1, 1] of the encoding's full scale.
 *
 * <p>Refused with an {@link AudioInputException} naming the file: a file the JDK does not recognise
 * (not audio, cut short, corrupt), an encoding it cannot decode, no samples, silence (peak below
 * {@link #SILENCE_PEAK}), and more than one channel unless {@link Channels#MIX} averages them.
 */
public final class WavReader {
    /** A file whose peak is below this (about -90 dBFS, under one step of 16-bit audio) counts as silent. */
    public static final double SILENCE_PEAK = 3e-5;

    /** What to do with files of more than one channel. */
    public enum Channels {
        /** Refuse them (named error). */
        REFUSE,
        /** Average the channels into one. */
        MIX
    }

    private WavReader() {
    }

    /** Reads {@code path} as mono audio. */
    public static Waveform read(Path path, Channels channels) {
        AudioInputStream in;
        try {
            in = AudioSystem.getAudioInputStream(new BufferedInputStream(Files.newInputStream(path)));
        } catch (NoSuchFileException e) {
            throw new AudioInputException(Reason.UNREADABLE, path + ": file not found");
        } catch (UnsupportedAudioFileException e) {
            throw new AudioInputException(Reason.UNREADABLE, path + ": not an audio file the JDK can read (WAV, AIFF "
                    + "or AU expected; the file may be cut short or corrupt)");
        } catch (IOException e) {
            throw new AudioInputException(Reason.UNREADABLE, path + ": cannot read: " + e.getMessage());
        }
        try (AudioInputStream stream = pcm(in, path)) {
            AudioFormat f = stream.getFormat();
            int ch = f.getChannels();
            if (ch < 1) {
                throw new AudioInputException(Reason.UNREADABLE, path + ": the header gives " + ch + " channels");
            }
            if (ch > 1 && channels == Channels.REFUSE) {
                throw new AudioInputException(Reason.NOT_MONO, path + ": " + ch + " channels, mono expected "
                        + "(mix them with --stereo mix)");
            }
            byte[] bytes = readAll(stream, path);
            double[] samples = decode(bytes, f, path);
            if (samples.length == 0) {
                throw new AudioInputException(Reason.EMPTY, path + ": no audio samples");
            }
            Waveform w = new Waveform(samples, f.getSampleRate(), path.toString());
            double peak = w.peak();
            if (peak < SILENCE_PEAK) {
                throw new AudioInputException(Reason.SILENT, path + ": silent (peak amplitude " + peak
                        + " is below " + SILENCE_PEAK + " of full scale)");
            }
            return w;
        } catch (IOException e) {
            throw new AudioInputException(Reason.UNREADABLE, path + ": cannot read: " + e.getMessage());
        }
    }

    /** The stream as linear PCM or float, converting through the JDK when it can. */
    private static AudioInputStream pcm(AudioInputStream in, Path path) {
        AudioFormat f = in.getFormat();
        AudioFormat.Encoding e = f.getEncoding();
        if (e.equals(AudioFormat.Encoding.PCM_SIGNED) || e.equals(AudioFormat.Encoding.PCM_UNSIGNED)
                || e.equals(AudioFormat.Encoding.PCM_FLOAT)) {
            return in;
        }
        AudioFormat target = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, f.getSampleRate(), 16, f.getChannels(),
                2 * f.getChannels(), f.getSampleRate(), false);
        if (!AudioSystem.isConversionSupported(target, f)) {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing read yet; the refusal below is what matters
            }
            throw new AudioInputException(Reason.UNSUPPORTED_ENCODING, path + ": encoding " + e + " ("
                    + f.getSampleSizeInBits() + " bits) cannot be decoded by the JDK; convert it to PCM WAV");
        }
        return AudioSystem.getAudioInputStream(target, in);
    }

    private static byte[] readAll(InputStream in, Path path) throws IOException {
        try {
            return in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            throw new AudioInputException(Reason.UNREADABLE, path + ": the audio data cannot be read (cut short or "
                    + "corrupt?): " + e.getMessage());
        }
    }

    /** Decodes interleaved frames into one channel (the mean of all channels). */
    static double[] decode(byte[] b, AudioFormat f, Path path) {
        int bits = f.getSampleSizeInBits();
        int bytesPer = (bits + 7) / 8;
        int ch = f.getChannels();
        int frameSize = f.getFrameSize() > 0 ? f.getFrameSize() : bytesPer * ch;
        boolean big = f.isBigEndian();
        AudioFormat.Encoding e = f.getEncoding();
        boolean isFloat = e.equals(AudioFormat.Encoding.PCM_FLOAT);
        if (isFloat ? bits != 32 && bits != 64 : bits < 8 || bits > 32 || bits % 8 != 0) {
            throw new AudioInputException(Reason.UNSUPPORTED_ENCODING, path + ": " + bits + "-bit " + e
                    + " samples are not supported (8, 16, 24, 32-bit PCM or 32/64-bit float)");
        }
        int frames = b.length / frameSize; // a trailing partial frame is dropped
        double[] out = new double[frames];
        double scale = isFloat ? 1.0 : Math.pow(2, bits - 1);
        boolean unsigned = e.equals(AudioFormat.Encoding.PCM_UNSIGNED);
        for (int n = 0; n < frames; n++) {
            double sum = 0;
            for (int c = 0; c < ch; c++) {
                int off = n * frameSize + c * bytesPer;
                long raw = 0;
                for (int k = 0; k < bytesPer; k++) {
                    int byteIndex = big ? off + k : off + bytesPer - 1 - k;
                    raw = (raw << 8) | (b[byteIndex] & 0xFF);
                }
                double v;
                if (isFloat) {
                    v = bits == 32 ? Float.intBitsToFloat((int) raw) : Double.longBitsToDouble(raw);
                } else if (unsigned) {
                    v = (raw - scale) / scale;
                } else {
                    long signed = (raw << (64 - bits)) >> (64 - bits);
                    v = signed / scale;
                }
                if (!Double.isFinite(v)) {
                    throw new AudioInputException(Reason.UNREADABLE, path + ": sample " + n + " is " + v
                            + " (corrupt float audio)");
                }
                sum += v;
            }
            out[n] = sum / ch;
        }
        return out;
    }
}
