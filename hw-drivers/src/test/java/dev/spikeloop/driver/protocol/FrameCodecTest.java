package dev.spikeloop.driver.protocol;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameCodecTest {
    /** Collects what a decoder reports. */
    static final class Sink implements FrameDecoder.Listener {
        final List<Frame> frames = new ArrayList<>();
        final Map<FrameError, Integer> errors = new EnumMap<>(FrameError.class);

        @Override
        public void onFrame(Frame frame) {
            frames.add(frame);
        }

        @Override
        public void onError(FrameError error, int length) {
            errors.merge(error, 1, Integer::sum);
        }

        int errorCount() {
            return errors.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    @Provide
    Arbitrary<Frame> frames() {
        return Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255),
                        Arbitraries.integers().between(0, 0xFFFF),
                        Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(600),
                                Arbitraries.bytes().array(byte[].class).ofSize(Protocol.MAX_PAYLOAD)))
                .as(Frame::new);
    }

    @Property(tries = 300)
    void encodeDecodeRoundTripInAnyChunking(@ForAll("frames") Frame frame, @ForAll @IntRange(min = 1, max = 700) int chunk) {
        byte[] wire = FrameEncoder.encode(frame);
        assertTrue(wire.length <= Protocol.MAX_ENCODED_FRAME + 2);
        Sink sink = new Sink();
        FrameDecoder d = new FrameDecoder();
        for (int off = 0; off < wire.length; off += chunk) {
            d.feed(wire, off, Math.min(chunk, wire.length - off), sink);
        }
        assertEquals(List.of(frame), sink.frames);
        assertEquals(0, sink.errorCount());
        assertEquals(0, d.pending());
    }

    /** Any bytes at all: no exception, bounded memory, and the next frame after the garbage is recovered. */
    @Property(tries = 400)
    void garbageNeverThrowsAndDecoderResyncs(@ForAll @Size(max = 6000) byte[] garbage, @ForAll("frames") Frame frame) {
        Sink sink = new Sink();
        FrameDecoder d = new FrameDecoder();
        d.feed(garbage, 0, garbage.length, sink);
        assertTrue(d.pending() <= Protocol.MAX_ENCODED_FRAME + garbage.length);
        byte[] wire = FrameEncoder.encode(frame);
        d.feed(wire, 0, wire.length, sink);
        assertEquals(frame, sink.frames.get(sink.frames.size() - 1));
    }

    @Test
    void hugeGarbageRunIsOneOversizeErrorAndFinishesQuickly() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            byte[] junk = new byte[5_000_000];
            java.util.Arrays.fill(junk, (byte) 0x55);
            Sink sink = new Sink();
            FrameDecoder d = new FrameDecoder();
            d.feed(junk, 0, junk.length, sink);
            d.feed(new byte[]{0}, 0, 1, sink);
            assertEquals(Map.of(FrameError.OVERSIZE, 1), sink.errors);
            Frame f = Frame.of(MessageType.IDENTIFY, 9, new byte[0]);
            byte[] wire = FrameEncoder.encode(f);
            d.feed(wire, 0, wire.length, sink);
            assertEquals(List.of(f), sink.frames);
        });
    }

    @Test
    void everySingleBitFlipIsDetected() {
        Frame f = Frame.of(MessageType.RUN, 1234, "some payload bytes \0 with a zero".getBytes());
        byte[] wire = FrameEncoder.encode(f);
        for (int i = 1; i < wire.length - 1; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] w = wire.clone();
                w[i] ^= (byte) (1 << bit);
                Sink sink = new Sink();
                new FrameDecoder().feed(w, 0, w.length, sink);
                assertTrue(sink.frames.isEmpty(), "flip of bit " + bit + " in byte " + i + " went undetected");
                assertTrue(sink.errorCount() >= 1);
            }
        }
    }

    @Test
    void lengthLimits() {
        assertThrows(IllegalArgumentException.class,
                () -> Frame.of(MessageType.RUN, 0, new byte[Protocol.MAX_PAYLOAD + 1]));
        // A hand-made block one byte longer than the largest frame decodes to BAD_LENGTH, not a frame.
        byte[] raw = new byte[Protocol.MAX_FRAME + 1];
        java.util.Arrays.fill(raw, (byte) 1);
        for (int i = 0; i < raw.length; i += 100) {
            raw[i] = 0; // zeros keep the encoding short enough not to count as oversize
        }
        byte[] cobs = Cobs.encode(raw, 0, raw.length);
        Sink sink = new Sink();
        FrameDecoder d = new FrameDecoder();
        d.feed(new byte[]{0}, 0, 1, sink);
        d.feed(cobs, 0, cobs.length, sink);
        d.feed(new byte[]{0}, 0, 1, sink);
        assertEquals(Map.of(FrameError.BAD_LENGTH, 1), sink.errors);
        // Too short to hold a header and a CRC.
        Sink s2 = new Sink();
        new FrameDecoder().feed(new byte[]{0, 3, 1, 1, 0}, 0, 5, s2);
        assertEquals(Map.of(FrameError.BAD_LENGTH, 1), s2.errors);
    }

    @Test
    void backToBackFramesAndEmptyBlocks() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Frame> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Frame f = Frame.of(MessageType.CONFIG_CHUNK, i, new byte[i * 7]);
            sent.add(f);
            out.writeBytes(FrameEncoder.encode(f));
            out.writeBytes(new byte[i % 3]);
        }
        byte[] all = out.toByteArray();
        Sink sink = new Sink();
        FrameDecoder d = new FrameDecoder();
        for (byte b : all) {
            d.feed(new byte[]{b}, 0, 1, sink);
        }
        assertEquals(sent, sink.frames);
        assertEquals(0, sink.errorCount());
    }
}
