package dev.spikeloop.driver.protocol;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every payload parser on arbitrary bytes: a value or a MalformedPayloadException, nothing else. */
class PayloadFuzzTest {
    @FunctionalInterface
    interface Parser {
        Object parse(byte[] b) throws MalformedPayloadException;
    }

    private static final List<Parser> PARSERS = List.of(IdentifyReply::parse, ConfigBegin::parse, ConfigChunk::parse,
            DigestReply::parse, b -> RunRequest.parse(b, 16, 15), RunResultImage::decode, ResultPage::parse,
            Busy::parse, ErrorReply::parse, BlobHeader::parse, b -> {
                PayloadReader r = new PayloadReader(b);
                return StateBlock.readFrom(r);
            });

    @Property(tries = 1000)
    void parsersOnlyThrowMalformed(@ForAll @Size(max = 300) byte[] junk) {
        for (Parser p : PARSERS) {
            try {
                p.parse(junk);
            } catch (MalformedPayloadException expected) {
                // the documented failure
            }
        }
    }

    @Provide
    Arbitrary<EventBlock> blocks() {
        return Arbitraries.integers().between(0, 40).flatMap(n -> Arbitraries.integers().between(0, 5000).list()
                .ofSize(n).flatMap(cells -> Arbitraries.integers().between(1, 31).list().ofSize(n).map(counts -> {
                    // distinct (step, neuron) cells, sorted: step = cell / 1000 * gap, neuron = cell % 1000
                    List<Integer> sorted = new ArrayList<>(new java.util.TreeSet<>(cells));
                    int[] s = new int[sorted.size()];
                    int[] ne = new int[sorted.size()];
                    int[] c = new int[sorted.size()];
                    for (int i = 0; i < sorted.size(); i++) {
                        s[i] = sorted.get(i) / 1000 * 300;
                        ne[i] = sorted.get(i) % 1000;
                        c[i] = counts.get(i);
                    }
                    return new EventBlock(s, ne, c);
                })));
    }

    @Property(tries = 300)
    void eventBlockRoundTrip(@ForAll("blocks") EventBlock block) throws MalformedPayloadException {
        PayloadWriter w = new PayloadWriter();
        block.writeTo(w);
        assertEquals(block.encodedSize(), w.size());
        PayloadReader r = new PayloadReader(w.toByteArray());
        assertEquals(block, EventBlock.readFrom(r, "events", 5 * 300 + 1, 1000, 31));
        r.end("events");
    }

    @Property(tries = 200)
    void runResultImageRoundTrip(@ForAll("blocks") EventBlock out, @ForAll("blocks") EventBlock hidden)
            throws MalformedPayloadException {
        RunResultImage image = new RunResultImage(2000, out, hidden, null);
        assertEquals(image, RunResultImage.decode(image.encode()));
    }
}
