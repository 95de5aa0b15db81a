package dev.spikeloop.emulator.xylo;

import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.chipconfig.spikes.StateTrace;

import dev.spikeloop.chipconfig.proto.ChipConfig;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;

/** Both emulators, so that every hand-worked case checks the fast one and the dense reference. */
final class Cores {
    private Cores() {
    }

    /** JUnit arguments: a named factory per implementation. */
    static Stream<Named<Function<ChipConfig, XyloCore>>> both() {
        return Stream.of(
                Named.of("XyloEmulator", XyloEmulator::new),
                Named.of("DenseReferenceEmulator", DenseReferenceEmulator::new));
    }

    /** Per-step membrane of hidden neuron h. */
    static int[] membrane(StateTrace trace, int h) {
        int[] v = new int[trace.steps()];
        for (int t = 0; t < v.length; t++) {
            v[t] = trace.membrane(t, h);
        }
        return v;
    }

    /** Per-step synaptic current s of hidden neuron h. */
    static int[] synaptic(StateTrace trace, int h, int s) {
        int[] v = new int[trace.steps()];
        for (int t = 0; t < v.length; t++) {
            v[t] = trace.synaptic(t, h, s);
        }
        return v;
    }

    /** Per-step membrane of output neuron o. */
    static int[] outputMembrane(StateTrace trace, int o) {
        int[] v = new int[trace.steps()];
        for (int t = 0; t < v.length; t++) {
            v[t] = trace.outputMembrane(t, o);
        }
        return v;
    }

    /** Per-step synaptic current of output neuron o. */
    static int[] outputSynaptic(StateTrace trace, int o) {
        int[] v = new int[trace.steps()];
        for (int t = 0; t < v.length; t++) {
            v[t] = trace.outputSynaptic(t, o);
        }
        return v;
    }

    /** Events as "step:neuron:count" strings, for readable assertions. */
    static List<String> events(SpikeRaster r) {
        return r.events().stream().map(e -> e.step() + ":" + e.neuron() + ":" + e.count()).toList();
    }
}
