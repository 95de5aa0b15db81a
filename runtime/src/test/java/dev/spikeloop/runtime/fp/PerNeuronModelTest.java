package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerDetail;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.SpikeRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-neuron time constants and thresholds and a constant bias current
 * ({@code tauMem_i V' = -V + I + bias_i}): the simulator's spikes solve the threshold equation written
 * out term by term, no crossing is missed, a biased neuron without input fires at the closed-form
 * period, and both gradient orders match central finite differences (relative error below 1e-6).
 */
class PerNeuronModelTest {
    private static final double T_END = 0.04;

    /**
     * {@code net} with per-neuron values: time constants around the layer's (some neurons at
     * {@code tauMem = 2 tauSyn}, the closed-form case), thresholds within 30% of the layer's, biases
     * between -0.3 and +0.5 of the threshold and, in hidden layers, one neuron biased above its threshold
     * (it fires on its own).
     */
    static FloatNetwork perNeuron(FloatNetwork net, Random rnd, boolean selfRecurrent) {
        FloatNetwork out = net.deepCopy();
        for (int p = 0; p < out.layerCount(); p++) {
            LayerSpec l = out.layer(p);
            int n = l.size();
            double[] ts = new double[n];
            double[] tm = new double[n];
            double[] th = new double[n];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                tm[i] = l.tauMem() * (0.8 + 0.5 * rnd.nextDouble());
                ts[i] = i % 3 == 0 ? tm[i] / 2 : l.tauSyn() * (0.7 + 0.6 * rnd.nextDouble());
                th[i] = l.threshold() * (0.7 + 0.6 * rnd.nextDouble());
                b[i] = th[i] * (0.8 * rnd.nextDouble() - 0.3);
            }
            if (p < out.layerCount() - 1) {
                b[n - 1] = 1.2 * th[n - 1];
            }
            if (selfRecurrent && l.hasRecurrent()) {
                for (int i = 0; i < n; i++) {
                    l.recurrent()[i][i] = 0.5 * th[i] * (rnd.nextDouble() - 0.3);
                }
            }
            // the layer's scalars are neuron 0's values (NetworkValidator)
            out = out.withLayer(p, new LayerSpec(l.name(), n, ts[0], tm[0], th[0], l.weights(), l.recurrent(),
                    new LayerDetail(ts, tm, th, b, selfRecurrent && l.hasRecurrent(), true, false)));
        }
        return out;
    }

    private static double k(double s, double tauSyn, double tauMem) {
        if (s <= 0) {
            return 0;
        }
        return tauSyn / (tauMem - tauSyn) * (Math.exp(-s / tauMem) - Math.exp(-s / tauSyn));
    }

    /** V_i(t) of the extended model, term by term, counting spikes strictly before {@code t}. */
    private static double membrane(FloatNetwork net, InputSpikes in, SpikeRecord r, int p, int i, double t) {
        LayerSpec l = net.layer(p);
        double ts = l.tauSynOf(i);
        double tm = l.tauMemOf(i);
        double v = l.biasOf(i) * -Math.expm1(-t / tm);
        double[][] pre = p == 0 ? in.times() : r.times()[p - 1];
        for (int j = 0; j < pre.length; j++) {
            for (double g : pre[j]) {
                v += g < t ? l.weights()[i][j] * k(t - g, ts, tm) : 0;
            }
        }
        if (l.hasRecurrent()) {
            for (int j = 0; j < l.size(); j++) {
                if (j != i || l.countsSelfConnections()) {
                    for (double g : r.times()[p][j]) {
                        v += g < t ? l.recurrent()[i][j] * k(t - g, ts, tm) : 0;
                    }
                }
            }
        }
        for (double m : r.times()[p][i]) {
            v -= m < t ? l.thresholdOf(i) * Math.exp(-(t - m) / tm) : 0;
        }
        return v;
    }

    @Test
    void spikesSolveTheExtendedEquationAndNoCrossingIsMissed() {
        Random rnd = new Random(1717);
        int spikes = 0;
        int tonic = 0;
        for (int trial = 0; trial < 8; trial++) {
            boolean recurrent = trial % 2 == 1;
            FloatNetwork net = perNeuron(RandomNetworks.network(rnd, new int[] {4, 6, 3}, recurrent, 0.005, 0.010,
                    T_END), rnd, recurrent);
            InputSpikes in = RandomNetworks.input(rnd, 4, T_END);
            SpikeRecord r = new EventSimulator().simulate(net, in);
            // the closed form (neurons with tauMem = 2 tauSyn) and the root search agree to rounding
            SpikeRecord searched = new EventSimulator(false, EventSimulator.DEFAULT_MAX_SPIKES_PER_NEURON)
                    .simulate(net, in);
            for (int p = 0; p < net.layerCount(); p++) {
                for (int i = 0; i < net.layer(p).size(); i++) {
                    double[] a = r.times()[p][i];
                    double[] c = searched.times()[p][i];
                    assertEquals(a.length, c.length, "spike count, layer " + p + " neuron " + i);
                    for (int k = 0; k < a.length; k++) {
                        assertEquals(a[k], c[k], 1e-12, "layer " + p + " neuron " + i + " spike " + k);
                    }
                }
            }
            for (int p = 0; p < net.layerCount(); p++) {
                LayerSpec l = net.layer(p);
                for (int i = 0; i < l.size(); i++) {
                    double th = l.thresholdOf(i);
                    double[] f = r.times()[p][i];
                    for (double t : f) {
                        assertEquals(th, membrane(net, in, r, p, i, t), 1e-9 * th, "layer " + p + " neuron " + i);
                        spikes++;
                    }
                    tonic += l.biasOf(i) > th && f.length > 1 ? 1 : 0;
                    // between spikes (and after the last) the membrane stays below threshold
                    for (int g = 1; g < 4000; g++) {
                        double t = T_END * g / 4000;
                        boolean nearSpike = false;
                        for (double s : f) {
                            nearSpike |= Math.abs(t - s) < 1e-6;
                        }
                        if (!nearSpike) {
                            assertTrue(membrane(net, in, r, p, i, t) < th + 1e-9,
                                    "missed crossing: layer " + p + " neuron " + i + " t=" + t);
                        }
                    }
                }
            }
        }
        assertTrue(spikes > 50, "only " + spikes + " spikes");
        assertTrue(tonic > 0, "no neuron fired on its bias");
    }

    @Test
    void aNeuronBiasedAboveThresholdFiresAtTheClosedFormPeriod() {
        double tauMem = 0.01;
        double threshold = 1;
        double bias = 1.5;
        for (double tauSyn : new double[] {0.005, 0.003}) {  // closed form and root search
            LayerSpec hidden = new LayerSpec("h", 1, tauSyn, tauMem, threshold, new double[][] {{0}}, null)
                    .withDetail(new LayerDetail(null, null, null, new double[] {bias}, false, true, false));
            LayerSpec out = new LayerSpec("o", 1, 0.005, 0.01, 1, new double[][] {{0}}, null);
            FloatNetwork net = new FloatNetwork(1, 0.1, List.of(hidden, out));
            SpikeRecord r = new EventSimulator().simulate(net, InputSpikes.ofTimes(new double[0]));
            double period = -tauMem * Math.log1p(-threshold / bias);   // b (1 - e^{-T/tauMem}) = threshold
            double[] f = r.times()[0][0];
            assertEquals((int) (0.1 / period), f.length);
            for (int k = 0; k < f.length; k++) {
                assertEquals((k + 1) * period, f[k], 1e-12 * (k + 1));
            }
            assertEquals((bias - threshold) / tauMem, r.slopes()[0][0][0], 1e-9);
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesInBothOrdersWeightsThresholdsAndBiases() {
        Random rnd = new Random(2017);
        int checked = 0;
        int multiSpike = 0;
        long biasEntries = 0;
        double worstSeen = 0;
        for (int trial = 0; trial < 16 && checked < 4; trial++) {
            boolean recurrent = trial % 2 == 1;
            FloatNetwork net = perNeuron(RandomNetworks.network(rnd, new int[] {4, 6, 3}, recurrent, 0.005, 0.010,
                    T_END), rnd, recurrent);
            InputSpikes in = RandomNetworks.input(rnd, 4, T_END);
            SpikeRecord spikes = new EventSimulator().simulate(net, in);
            if (spikes.count(spikes.layers() - 1) == 0) {
                continue;
            }
            Loss loss = new TtfsLoss(rnd.nextInt(3), 0.004);
            Gradients fp = new GradientEngine(GradientMode.FP).simulateAndGradient(net, in, loss);
            Gradients adj = new GradientEngine(GradientMode.ADJOINT).simulateAndGradient(net, in, loss);
            assertEquals(0, fp.guards().clampedSlopes());
            // the loss's causal cone (windowed simulation, cut solve) gives the full solve's gradient
            Gradients full = new GradientEngine(GradientMode.ADJOINT).withFullSolve().simulateAndGradient(net, in, loss);
            assertEquals(full.loss(), fp.loss(), 1e-12 * Math.abs(full.loss()));
            for (int p = 0; p < net.layerCount(); p++) {
                assertEquals(full.thresholds()[p], fp.thresholds()[p], 1e-10 * Math.abs(full.thresholds()[p]) + 1e-300);
                for (int i = 0; i < full.weights().get(p).length; i++) {
                    for (int j = 0; j < full.weights().get(p)[i].length; j++) {
                        double w = full.weights().get(p)[i][j];
                        assertEquals(w, fp.weights().get(p)[i][j], 1e-10 * Math.max(Math.abs(w), 1e-6));
                    }
                }
            }
            FiniteDifferenceCheck fd = new FiniteDifferenceCheck(1e-5);
            List<FiniteDifferenceCheck.Entry> entries = fd.numeric(net, in, loss, 40, rnd);
            if (fd.gaveUp || fd.skipped > entries.size()) {
                continue;
            }
            SpikeRecord base = new EventSimulator().simulate(net, in);
            for (int p = 0; p < net.layerCount(); p++) {
                for (int i = 0; i < net.layer(p).size(); i++) {
                    fd.add(entries, net, in, loss, base, 'B', p, i, -1);
                }
            }
            biasEntries += entries.stream().filter(e -> e.kind() == 'B' && Math.abs(e.numeric()) > 1e-6).count();
            double floor = Math.max(1e-4 * FiniteDifferenceCheck.maxAbs(entries, fp), 1e-9);
            StringBuilder worst = new StringBuilder();
            double e1 = FiniteDifferenceCheck.worst(entries, fp, floor, worst);
            if (e1 >= 1e-6) {
                worst.append("; ").append(fd.series(net, in, loss, FiniteDifferenceCheck.worstEntry(entries, fp, floor)));
            }
            assertTrue(e1 < 1e-6, "trial " + trial + ", FP vs finite differences: " + worst);
            double e2 = FiniteDifferenceCheck.worst(entries, adj, floor, worst);
            assertTrue(e2 < 1e-6, "trial " + trial + ", adjoint vs finite differences: " + worst);
            worstSeen = Math.max(worstSeen, Math.max(e1, e2));
            for (double[][] layer : spikes.times()) {
                for (double[] t : layer) {
                    multiSpike += t.length > 1 ? 1 : 0;
                }
            }
            checked++;
        }
        assertTrue(checked >= 3, "fewer than three usable networks");
        assertTrue(multiSpike > 0, "no neuron fired twice");
        assertTrue(biasEntries >= 5, "only " + biasEntries + " non-zero bias derivatives checked");
        System.out.println("per-neuron model: checked " + checked + " networks, worst relative error " + worstSeen);
    }

    @Test
    void sensitivityMatrixIncludesTheBiasColumns() {
        Random rnd = new Random(31);
        FloatNetwork net = perNeuron(RandomNetworks.network(rnd, new int[] {3, 6, 2}, true, 0.005, 0.01, T_END), rnd,
                true);
        InputSpikes in = RandomNetworks.input(rnd, 3, T_END);
        SpikeRecord r = new EventSimulator().simulate(net, in);
        ImplicitSystem sys = ImplicitSystem.build(net, in, r, 0.01, false);
        org.ejml.data.DMatrixSparseCSC x = ForwardSolver.sensitivities(net, sys);
        org.ejml.data.DMatrixSparseCSC b = ForwardSolver.parameterPartials(net, sys);
        int params = 0;
        for (int p = 0; p < net.layerCount(); p++) {
            params += net.layer(p).size() * (net.fanIn(p) + 1 + (net.layer(p).hasRecurrent() ? net.layer(p).size() : 0)) + 1;
        }
        assertEquals(params, b.numCols, "weights, recurrent weights, threshold and one bias per neuron");
        assertEquals(params, x.numCols);
        int n = sys.size();
        assertTrue(n > 5, "only " + n + " spikes");
        for (int c = 0; c < b.numCols; c++) {
            for (int e = 0; e < n; e++) {
                double lx = 0;
                for (int m = sys.rowPtr[e]; m < sys.rowPtr[e + 1]; m++) {
                    lx += sys.vals[m] * x.get(sys.cols[m], c);
                }
                assertEquals(b.get(e, c), lx, 1e-9 * (1 + Math.abs(b.get(e, c))), "row " + e + " column " + c);
            }
        }
    }
}
