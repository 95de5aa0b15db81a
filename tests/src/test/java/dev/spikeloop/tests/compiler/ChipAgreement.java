package dev.spikeloop.tests.compiler;

import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.chipconfig.spikes.SpikeEvent;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.emulator.xylo.XyloEmulator;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.network.encode.StepEvent;
import dev.spikeloop.runtime.loop.ChipLayout;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.train.FirstSpikeReadout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classifies samples with the float simulation and with the compiled configuration on the
 * emulator (first output to fire wins, ties to the lowest index, as FirstSpikeReadout decides).
 */
final class ChipAgreement {
    /** Per-sample decisions. */
    record Result(int[] floatClass, int[] chipClass) {
        int agreeing() {
            int n = 0;
            for (int i = 0; i < floatClass.length; i++) {
                n += floatClass[i] == chipClass[i] ? 1 : 0;
            }
            return n;
        }

        double agreement() {
            return (double) agreeing() / floatClass.length;
        }

        double accuracy(int[] labels, boolean chip) {
            int[] c = chip ? chipClass : floatClass;
            int n = 0;
            for (int i = 0; i < c.length; i++) {
                n += c[i] == labels[i] ? 1 : 0;
            }
            return (double) n / c.length;
        }
    }

    private ChipAgreement() {
    }

    static Result run(FloatNetwork net, Compilation c, List<InputSpikes> samples) {
        EventSimulator sim = new EventSimulator();
        XyloEmulator emu = new XyloEmulator(c.config());
        int steps = ChipLayout.of(c).steps();
        double dt = c.options().dt();
        int[] f = new int[samples.size()];
        int[] q = new int[samples.size()];
        for (int s = 0; s < samples.size(); s++) {
            InputSpikes in = samples.get(s);
            f[s] = FirstSpikeReadout.decide(sim.simulate(net, in).firstSpikes(net.layerCount() - 1)).predicted();
            emu.reset();
            SpikeRaster out = emu.run(raster(in, dt), steps, null).outputs();
            q[s] = FirstSpikeReadout.decide(firstSteps(out, c.config().getNumOutputs())).predicted();
        }
        return new Result(f, q);
    }

    /** The input spikes on the chip's grid (nearest step), as the encoder defines it. */
    static SpikeRaster raster(InputSpikes in, double dt) {
        Map<Long, Integer> counts = new LinkedHashMap<>();
        for (StepEvent e : SpikeEncoder.DEFAULT.toSteps(in, dt)) {
            counts.merge(((long) e.step() << 20) | e.channel(), 1, Integer::sum);
        }
        List<SpikeEvent> events = new ArrayList<>();
        counts.forEach((k, n) -> events.add(new SpikeEvent((int) (k >> 20), (int) (k & 0xFFFFF), n)));
        return SpikeRaster.of(events);
    }

    /** First output step per output neuron (infinity for silent ones). */
    static double[] firstSteps(SpikeRaster out, int outputs) {
        double[] first = new double[outputs];
        java.util.Arrays.fill(first, Double.POSITIVE_INFINITY);
        for (int e = 0; e < out.size(); e++) {
            int o = out.neuron(e);
            first[o] = Math.min(first[o], out.step(e));
        }
        return first;
    }
}
