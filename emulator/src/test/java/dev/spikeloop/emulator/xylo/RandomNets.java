package dev.spikeloop.emulator.xylo;

import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.chipconfig.spikes.SpikeEvent;

import dev.spikeloop.chipconfig.proto.ChipConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random small configurations and inputs for property tests, drawn to reach the chip's corners:
 * extreme weights and shifts (saturation), every dash 0..15, thresholds that are tiny (31-spike
 * bursts), huge, zero or negative, biases, self and cyclic aliases, input counts above 15.
 */
final class RandomNets {
    private RandomNets() {
    }

    static ChipConfig config(long seed, boolean recurrent, boolean withBias) {
        SplittableRandom r = new SplittableRandom(seed);
        TestNet n = new TestNet(1 + r.nextInt(4), 1 + r.nextInt(10), 1 + r.nextInt(2), 1 + r.nextInt(3));
        n.shifts(r.nextInt(8), r.nextInt(8), r.nextInt(8));
        double density = 0.2 + 0.8 * r.nextDouble();
        fill(r, n.weightsIn, density);
        if (recurrent) {
            fill(r, n.weightsRec, density * r.nextDouble());
        }
        fill(r, n.weightsOut, density);
        for (int h = 0; h < n.hid; h++) {
            n.hidden(h, r.nextInt(16), 0, threshold(r), withBias ? state(r) : 0);
            for (int s = 0; s < n.syn; s++) {
                n.dashSyn(h, s, r.nextInt(16));
            }
        }
        for (int o = 0; o < n.out; o++) {
            n.output(o, r.nextInt(16), r.nextInt(16), threshold(r), withBias ? state(r) : 0);
        }
        // every Xylo holds at most one alias target per hidden neuron: distinct sources
        int aliases = r.nextInt(4) == 0 ? 0 : r.nextInt(n.hid + 1);
        int first = r.nextInt(n.hid);
        for (int a = 0; a < aliases; a++) {
            n.alias((first + a) % n.hid, r.nextInt(n.hid));
        }
        return n.build();
    }

    /** A config with only positive thresholds, for properties that need a quiet network. */
    static ChipConfig quietCandidate(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ChipConfig c = config(seed, false, false);
        ChipConfig.Builder b = c.toBuilder().clearThreshold().clearThresholdOut().clearDashMem().clearDashMemOut();
        for (int h = 0; h < c.getNumHidden(); h++) {
            b.addThreshold(1 + r.nextInt(32767));
            b.addDashMem(1 + r.nextInt(15));
        }
        for (int o = 0; o < c.getNumOutputs(); o++) {
            b.addThresholdOut(1 + r.nextInt(32767));
            b.addDashMemOut(1 + r.nextInt(15));
        }
        return b.build();
    }

    static SpikeRaster input(long seed, int channels, int steps) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double rate = r.nextDouble();
        List<SpikeEvent> events = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            for (int c = 0; c < channels; c++) {
                if (r.nextDouble() < rate * 0.5) {
                    // Mostly small counts, sometimes above the 15 clip.
                    events.add(new SpikeEvent(t, c, r.nextInt(8) == 0 ? 1 + r.nextInt(40) : 1 + r.nextInt(3)));
                }
            }
        }
        return SpikeRaster.of(events);
    }

    private static void fill(SplittableRandom r, int[] weights, double density) {
        for (int k = 0; k < weights.length; k++) {
            if (r.nextDouble() < density) {
                int kind = r.nextInt(6);
                weights[k] = kind == 0 ? 127 : kind == 1 ? -128 : r.nextInt(-128, 128);
            }
        }
    }

    private static int threshold(SplittableRandom r) {
        return switch (r.nextInt(8)) {
            case 0 -> r.nextInt(-32768, 1);
            case 1 -> 1 + r.nextInt(10);
            case 2 -> 32767;
            default -> 1 + r.nextInt(8000);
        };
    }

    private static int state(SplittableRandom r) {
        return r.nextInt(3) == 0 ? r.nextInt(-32768, 32768) : r.nextInt(-300, 300);
    }
}
