package dev.spikeloop.tests.loop;

import dev.spikeloop.chipconfig.spikes.EmulationResult;
import dev.spikeloop.chipconfig.spikes.SpikeEvent;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.compiler.quantize.NetworkCompiler;
import dev.spikeloop.emulator.xylo.XyloEmulator;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerDetail;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.network.SecondSynapse;
import dev.spikeloop.network.data.YinYang;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.network.encode.StepEvent;
import dev.spikeloop.runtime.loop.ChipLayout;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.SpikeRecord;
import dev.spikeloop.runtime.train.NetworkShape;
import dev.spikeloop.runtime.train.WeightInit;
import dev.spikeloop.runtime.train.WorkerPool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The constructed second-synapse network of the tests (Rockpool SynNet-style; none of the shared NIR
 * files has one) and its spike counts on a Yin-Yang probe: float simulation, compiled chip on the
 * emulator, and the float network the chip stands for ({@link Compilation#chipEquivalent()}: the chip's
 * time constants and rounded weights).
 */
final class SecondSynapseProbe {
    private SecondSynapseProbe() {
    }

    /**
     * Spike counts over the probe.
     *
     * @param floatHidden  hidden spikes of the float network ({@code EventSimulator})
     * @param chipHidden   hidden spikes on the emulator
     * @param floatOut     output spikes of the float network
     * @param chipOut      output spikes on the emulator
     * @param equivHidden  hidden spikes of the chip-equivalent float network
     * @param equivOut     output spikes of the chip-equivalent float network
     * @param notes        the compile report's notes
     */
    record Counts(long floatHidden, long chipHidden, long floatOut, long chipOut, long equivHidden, long equivOut,
                  List<String> notes) {
        @Override
        public String toString() {
            return "hidden float " + floatHidden + " chip " + chipHidden + " chip-equivalent " + equivHidden
                    + ", output float " + floatOut + " chip " + chipOut + " chip-equivalent " + equivOut;
        }
    }

    /** A calibrated Yin-Yang 5-12-3 network whose hidden layer also gets a second synapse ({@code tau2} s). */
    static FloatNetwork network(double tau2) {
        FloatNetwork net;
        try (WorkerPool pool = new WorkerPool(1)) {
            net = WeightInit.calibrated(NetworkShape.of(5, new int[] {12}, 3),
                    SpikeEncoder.DEFAULT.encodeAll(YinYang.generate(32, 105)), 5, WeightInit.Settings.DEFAULT, pool);
        }
        LayerSpec h = net.layer(0);
        int n = h.size();
        double[][] w = new double[n][];
        double[][] w2 = new double[n][];
        double[] tau = new double[n];
        for (int i = 0; i < n; i++) {
            // part of the drive moves to the second synapse, from another neuron's row: a different response
            w[i] = h.weights()[i].clone();
            w2[i] = h.weights()[(i + 5) % n].clone();
            for (int j = 0; j < w[i].length; j++) {
                w[i][j] *= 0.6;
                w2[i][j] *= 0.25;
            }
            tau[i] = tau2;
        }
        LayerSpec hidden = h.withWeights(w, null).withDetail(LayerDetail.PLAIN.withSynapse2(new SecondSynapse(tau, w2, null)));
        return net.withLayer(0, hidden);
    }

    /** {@code net} with its hidden layer's two synapses folded into one (the same float model when the taus are equal). */
    static FloatNetwork summed(FloatNetwork net) {
        LayerSpec h = net.layer(0);
        double[][] sum = new double[h.size()][];
        for (int i = 0; i < h.size(); i++) {
            sum[i] = h.weights()[i].clone();
            for (int j = 0; j < sum[i].length; j++) {
                sum[i][j] += h.detail().synapse2().weights()[i][j];
            }
        }
        return net.withLayer(0, h.withWeights(sum, null).withDetail(LayerDetail.PLAIN));
    }

    static List<InputSpikes> probe() {
        return SpikeEncoder.DEFAULT.encodeAll(YinYang.generate(40, 7));
    }

    /** Compiles {@code net} at {@code dt} (default options otherwise) and counts spikes over the probe. */
    static Counts counts(FloatNetwork net, double dt) {
        Compilation c = NetworkCompiler.compile(net, CompileOptions.defaults().withDt(dt));
        XyloEmulator emu = new XyloEmulator(c.config());
        int steps = ChipLayout.of(c).steps();
        long[] out = new long[6];
        EventSimulator sim = new EventSimulator();
        for (InputSpikes in : probe()) {
            SpikeRecord r = sim.simulate(net, in);
            out[0] += r.count(0);
            out[2] += r.count(1);
            SpikeRecord e = sim.simulate(c.chipEquivalent(), in);
            out[4] += e.count(0);
            out[5] += e.count(1);
            emu.reset();
            EmulationResult chip = emu.run(raster(in, dt), steps, null);
            out[1] += chip.hidden().totalCount();
            out[3] += chip.outputs().totalCount();
        }
        return new Counts(out[0], out[1], out[2], out[3], out[4], out[5], c.report().notes());
    }

    /** The input spikes on the chip's grid (nearest step), as the encoder defines it. */
    private static SpikeRaster raster(InputSpikes in, double dt) {
        Map<Long, Integer> counts = new LinkedHashMap<>();
        for (StepEvent e : SpikeEncoder.DEFAULT.toSteps(in, dt)) {
            counts.merge(((long) e.step() << 20) | e.channel(), 1, Integer::sum);
        }
        List<SpikeEvent> events = new ArrayList<>();
        counts.forEach((k, v) -> events.add(new SpikeEvent((int) (k >> 20), (int) (k & 0xFFFFF), v)));
        return SpikeRaster.of(events);
    }
}
