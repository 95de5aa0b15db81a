package dev.spikeloop.runtime.fp;

import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.SpikeRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator's spikes, bit for bit, on the seeded temporal cases ({@link TemporalCases}: sparse
 * recurrent networks whose neurons spike many times, every kind of time-constant ratio, per-neuron
 * values with biases and self-connections, a feed-forward network), with the closed-form crossing and
 * with the root search, against {@code simulation-fixture.txt}: per case and crossing, the number of spikes and the SHA-256 of
 * their times' bits in layer, neuron, spike order. The fixture was written by {@link #main}
 * with the simulator as it was before the speed work of issue 16 (commit 7694b84): a change to the
 * simulator must leave every spike time identical, not merely close.
 */
class SimulationUnchangedTest {
    static final long SEED = 1616;

    /** One line per case and crossing: case, crossing, spike count, SHA-256 of the spike times' bits. */
    static List<String> lines() {
        List<String> out = new ArrayList<>();
        TemporalCases.Case[] cases = TemporalCases.cases(SEED);
        for (int c = 0; c < cases.length; c++) {
            for (boolean closedForm : new boolean[] {true, false}) {
                SpikeRecord r = new EventSimulator(closedForm, EventSimulator.DEFAULT_MAX_SPIKES_PER_NEURON)
                        .simulate(cases[c].net(), cases[c].in());
                MessageDigest sha = sha256();
                ByteBuffer b = ByteBuffer.allocate(Long.BYTES);
                int count = 0;
                for (double[][] layer : r.times()) {
                    for (double[] neuron : layer) {
                        // the count per neuron first, so that moving a spike between neurons changes the digest
                        sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(neuron.length).array());
                        for (double t : neuron) {
                            sha.update(b.clear().putLong(Double.doubleToRawLongBits(t)).array());
                            count++;
                        }
                    }
                }
                out.add(c + " " + (closedForm ? "closed" : "search") + " " + count + " "
                        + HexFormat.of().formatHex(sha.digest()));
            }
        }
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everySpikeTimeIsIdenticalToTheFixture() throws IOException {
        List<String> expected;
        try (InputStream s = SimulationUnchangedTest.class.getResourceAsStream("simulation-fixture.txt")) {
            assertNotNull(s, "simulation-fixture.txt is missing");
            expected = new String(s.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
        }
        List<String> actual = lines();
        assertEquals(expected.size(), actual.size(), "cases in the fixture");
        int spikes = 0;
        for (int n = 0; n < expected.size(); n++) {
            assertEquals(expected.get(n), actual.get(n), "case " + TemporalCases.cases(SEED)[n / 2].name());
            spikes += Integer.parseInt(actual.get(n).split(" ")[2]);
        }
        assertTrue(spikes > 2000, "the cases should have thousands of spikes, have " + spikes);
    }

    /** Writes the fixture to standard output (only to be rerun deliberately, with an unchanged simulator). */
    public static void main(String[] args) {
        lines().forEach(System.out::println);
    }
}
