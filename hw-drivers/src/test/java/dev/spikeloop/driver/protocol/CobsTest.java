package dev.spikeloop.driver.protocol;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CobsTest {
    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    private static byte[] enc(byte[] d) {
        return Cobs.encode(d, 0, d.length);
    }

    private static byte[] dec(byte[] d) {
        return Cobs.decode(d, 0, d.length).orElseThrow();
    }

    @Test
    void knownVectors() {
        assertArrayEquals(b(0x01), enc(b()));
        assertArrayEquals(b(0x01, 0x01), enc(b(0x00)));
        assertArrayEquals(b(0x01, 0x01, 0x01), enc(b(0x00, 0x00)));
        assertArrayEquals(b(0x03, 0x11, 0x22, 0x02, 0x33), enc(b(0x11, 0x22, 0x00, 0x33)));
        assertArrayEquals(b(0x05, 0x11, 0x22, 0x33, 0x44), enc(b(0x11, 0x22, 0x33, 0x44)));
        assertArrayEquals(b(0x02, 0x11, 0x01, 0x01, 0x01), enc(b(0x11, 0x00, 0x00, 0x00)));
    }

    @Test
    void runsAround254() {
        for (int n : new int[]{253, 254, 255, 256, 508, 509, 1000}) {
            byte[] data = new byte[n];
            Arrays.fill(data, (byte) 0x42);
            byte[] e = enc(data);
            assertEquals(Cobs.maxEncodedLength(n) - (n % 254 == 0 ? 1 : 0), e.length, "encoded length of " + n);
            assertArrayEquals(data, dec(e), "run of " + n);
            for (byte x : e) {
                assertTrue(x != 0);
            }
        }
        byte[] run254 = new byte[254];
        Arrays.fill(run254, (byte) 1);
        byte[] e = enc(run254);
        assertEquals(255, e.length, "canonical: no empty group after a full one at the end");
        assertEquals(0xFF, e[0] & 0xFF);
        // A decoder also accepts the non-canonical form with a trailing empty group.
        byte[] withEmptyGroup = Arrays.copyOf(e, 256);
        withEmptyGroup[255] = 1;
        assertArrayEquals(run254, dec(withEmptyGroup));
        // 255 non-zero bytes: a full group, then a group of one.
        byte[] run255 = new byte[255];
        Arrays.fill(run255, (byte) 1);
        byte[] e255 = enc(run255);
        assertEquals(257, e255.length);
        assertEquals(0x02, e255[255] & 0xFF);
        // 254 bytes then a zero: the zero is the implicit end of the next group.
        byte[] withZero = Arrays.copyOf(run254, 255);
        assertArrayEquals(withZero, dec(enc(withZero)));
    }

    @Test
    void invalidBlocksAreRejectedNotThrown() {
        assertTrue(Cobs.decode(b(0x05, 0x11), 0, 2).isEmpty(), "code past the end");
        assertTrue(Cobs.decode(b(0x03, 0x00, 0x11), 0, 3).isEmpty(), "zero inside a block");
        assertTrue(Cobs.decode(b(0x00), 0, 1).isEmpty(), "zero code");
    }

    @Property(tries = 300)
    void roundTrip(@ForAll("blocks") byte[] data) {
        byte[] e = enc(data);
        assertTrue(e.length <= Cobs.maxEncodedLength(data.length));
        for (byte x : e) {
            assertTrue(x != 0, "encoding holds no zero");
        }
        assertArrayEquals(data, dec(e));
    }

    @Property(tries = 500)
    void decodeNeverThrows(@ForAll byte[] junk) {
        Cobs.decode(junk, 0, junk.length);
    }

    /** Random bytes, biased to long non-zero runs and to zeros, so the 254-byte group edge is hit often. */
    @Provide
    Arbitrary<byte[]> blocks() {
        Arbitrary<byte[]> runs = Arbitraries.integers().between(0, 800).flatMap(n -> Arbitraries.integers()
                .between(0, 3).map(zeros -> {
                    byte[] d = new byte[n];
                    Arrays.fill(d, (byte) 7);
                    for (int z = 0; z < zeros && n > 0; z++) {
                        d[(z * 254 + 253) % n] = 0;
                    }
                    return d;
                }));
        return Arbitraries.oneOf(runs, Arbitraries.bytes().array(byte[].class).ofMaxSize(1200));
    }

    @Test
    void crcIsCrc32cWithTheStandardCheckValue() {
        byte[] check = "123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(0xE3069283, FrameEncoder.crc32c(check, 0, check.length));
    }
}
