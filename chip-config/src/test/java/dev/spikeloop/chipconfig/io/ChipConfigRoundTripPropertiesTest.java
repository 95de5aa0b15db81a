package dev.spikeloop.chipconfig.io;

import dev.spikeloop.chipconfig.proto.Alias;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Any valid configuration survives .pb and .json unchanged, including extreme values and empty biases. */
class ChipConfigRoundTripPropertiesTest {

    @Property(tries = 60)
    void pbAndJsonRoundTrip(@ForAll long seed, @ForAll @IntRange(min = 1, max = 16) int in,
                            @ForAll @IntRange(min = 1, max = 28) int hid, @ForAll @IntRange(min = 1, max = 2) int syn,
                            @ForAll @IntRange(min = 1, max = 8) int out, @ForAll boolean biases) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        ChipConfig.Builder b = ChipConfig.newBuilder().setFormatVersion(1).setProfile("xylo-audio2")
                .setDtSeconds(r.nextDouble(1e-5, 1)).setNumInputs(in).setNumHidden(hid).setNumSynapses(syn)
                .setNumOutputs(out).setWeightShiftIn(r.nextInt(8)).setWeightShiftRec(r.nextInt(8))
                .setWeightShiftOut(r.nextInt(8));
        for (int k = 0; k < in * hid * syn; k++) {
            b.addWeightsIn(r.nextInt(-128, 128));
        }
        for (int k = 0; k < hid * hid * syn; k++) {
            b.addWeightsRec(r.nextInt(-128, 128));
        }
        for (int k = 0; k < hid * out; k++) {
            b.addWeightsOut(r.nextInt(-128, 128));
        }
        for (int h = 0; h < hid; h++) {
            b.addDashMem(r.nextInt(16)).addThreshold(r.nextInt(-32768, 32768));
            if (biases) {
                b.addBias(r.nextInt(-32768, 32768));
            }
            for (int s = 0; s < syn; s++) {
                b.addDashSyn(r.nextInt(16));
            }
        }
        for (int o = 0; o < out; o++) {
            b.addDashMemOut(r.nextInt(16)).addDashSynOut(r.nextInt(16)).addThresholdOut(r.nextInt(-32768, 32768));
            if (biases) {
                b.addBiasOut(r.nextInt(-32768, 32768));
            }
        }
        // at most one alias per source neuron, as the chip holds (28 x 2 synapses + 8 outputs stays within fan-out 64)
        for (int a = Math.min(r.nextInt(4), hid); a > 0; a--) {
            b.addAliases(Alias.newBuilder().setSource(a - 1).setTarget(r.nextInt(hid)));
        }
        ChipConfig c = b.build();
        Path dir = Files.createTempDirectory("roundtrip");
        try {
            ChipConfigFiles.write(c, dir.resolve("c.pb"));
            ChipConfigFiles.write(c, dir.resolve("c.json"));
            assertEquals(c, ChipConfigFiles.read(dir.resolve("c.pb")));
            assertEquals(c, ChipConfigFiles.read(dir.resolve("c.json")));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }
}
