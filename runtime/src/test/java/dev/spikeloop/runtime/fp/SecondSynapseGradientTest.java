package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerDetail;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.network.SecondSynapse;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.SpikeRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second synapse on a recurrent hidden layer (two synaptic time constants, Rockpool SynNet-style):
 * both gradient orders, over every kind of parameter including the second synapse's feed-forward and
 * recurrent weights, against central finite differences of the simulated loss (relative error below
 * 1e-6), on networks whose hidden neurons fire several times.
 */
class SecondSynapseGradientTest {

    /** {@code net} with a second synapse on its hidden layer: per-neuron tauSyn2 around {@code tauSyn2}, W2 and R2. */
    static FloatNetwork withSecondSynapse(FloatNetwork net, Random rnd, double tauSyn2, boolean recurrent2) {
        FloatNetwork copy = net.deepCopy();
        LayerSpec h = copy.layer(0);
        int n = h.size();
        int fanIn = copy.fanIn(0);
        double[] ts = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = i % 3 == 2 ? 0.02 : tauSyn2 * (1 + 0.2 * rnd.nextDouble());   // some slower than tauMem
        }
        double[][] w2 = new double[n][fanIn];
        for (double[] row : w2) {
            for (int j = 0; j < fanIn; j++) {
                // mixed signs: with the first current a membrane with two extrema between events
                row[j] = h.threshold() * 2.5 / Math.sqrt(fanIn) * (rnd.nextDouble() - 0.45);
            }
        }
        double[][] r2 = null;
        if (recurrent2) {
            r2 = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    r2[i][j] = i == j ? 0 : h.threshold() / Math.sqrt(n) * (rnd.nextDouble() - 0.5);
                }
            }
        }
        LayerDetail d = h.detail().withSynapse2(new SecondSynapse(ts, w2, r2));
        return copy.withLayer(0, h.withDetail(d));
    }

    @Test
    void bothOrdersMatchFiniteDifferencesForEveryParameterOfASecondSynapse() {
        Random rnd = new Random(2017);
        int checked = 0;
        int secondEntries = 0;
        for (int trial = 0; trial < 40 && checked < 3; trial++) {
            FloatNetwork plain = RandomNetworks.network(rnd, new int[] {4, 6, 3}, true, 0.005, 0.010, 0.04);
            FloatNetwork net = withSecondSynapse(plain, rnd, 0.0025, true);
            InputSpikes in = RandomNetworks.input(rnd, 4, 0.04);
            SpikeRecord spikes = new EventSimulator().simulate(net, in);
            if (spikes.count(1) == 0 || maxSpikes(spikes, 0) < 2) {
                continue;
            }
            Loss loss = new TtfsLoss(rnd.nextInt(3), 0.004);
            Gradients fp = new GradientEngine(GradientMode.FP).simulateAndGradient(net, in, loss);
            Gradients adj = new GradientEngine(GradientMode.ADJOINT).simulateAndGradient(net, in, loss);
            assertNotNull(fp.weights2().get(0));
            assertNotNull(adj.recurrent2().get(0));
            assertEquals(null, fp.weights2().get(1));
            FiniteDifferenceCheck fd = new FiniteDifferenceCheck(1e-5);
            List<FiniteDifferenceCheck.Entry> entries = new ArrayList<>(fd.numeric(net, in, loss, 30, rnd));
            if (fd.gaveUp) {
                continue;
            }
            int before = entries.size();
            SpikeRecord base = new EventSimulator().simulate(net, in);
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 6; j++) {
                    if (j < 4) {
                        fd.add(entries, net, in, loss, base, 'V', 0, i, j);
                    }
                    if (j != i && (i + j) % 2 == 0) {
                        fd.add(entries, net, in, loss, base, 'S', 0, i, j);
                    }
                }
            }
            long nonZero = entries.subList(before, entries.size()).stream()
                    .filter(e -> Math.abs(e.numeric()) > 1e-6).count();
            if (nonZero < 3) {
                continue;
            }
            double floor = Math.max(1e-4 * FiniteDifferenceCheck.maxAbs(entries, fp), 5e-5);
            StringBuilder worst = new StringBuilder();
            assertTrue(FiniteDifferenceCheck.worst(entries, fp, floor, worst) < 1e-6, "FP: " + worst);
            assertTrue(FiniteDifferenceCheck.worst(entries, adj, floor, worst) < 1e-6, "adjoint: " + worst);
            // the two orders agree with each other to rounding on every entry, not only on the sampled ones
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals(adj.weights2().get(0)[i][j], fp.weights2().get(0)[i][j],
                            1e-9 * (1 + Math.abs(adj.weights2().get(0)[i][j])));
                }
                for (int j = 0; j < 6; j++) {
                    assertEquals(adj.recurrent2().get(0)[i][j], fp.recurrent2().get(0)[i][j],
                            1e-9 * (1 + Math.abs(adj.recurrent2().get(0)[i][j])));
                }
            }
            secondEntries += (int) nonZero;
            checked++;
        }
        assertTrue(checked >= 3, "fewer than three networks had usable second-synapse gradients");
        assertTrue(secondEntries >= 10, "only " + secondEntries + " non-zero second-synapse entries checked");
    }

    @Test
    void aSecondSynapseWithSelfConnectionsAndNoRecurrentWeightsOfItsOwnIsDifferentiatedToo() {
        Random rnd = new Random(77);
        int checked = 0;
        for (int trial = 0; trial < 40 && checked < 2; trial++) {
            FloatNetwork plain = RandomNetworks.network(rnd, new int[] {4, 6, 3}, true, 0.005, 0.010, 0.04);
            FloatNetwork net = withSecondSynapse(plain, rnd, 0.002, false);
            LayerSpec h = net.layer(0);
            for (int i = 0; i < h.size(); i++) {
                h.recurrent()[i][i] = 0.3 * h.threshold();
            }
            net = net.withLayer(0, h.withDetail(new LayerDetail(null, null, null, new double[] {0.1, 0, 0, 0.2, 0, 0},
                    true, true, false, h.detail().synapse2())));
            InputSpikes in = RandomNetworks.input(rnd, 4, 0.04);
            SpikeRecord spikes = new EventSimulator().simulate(net, in);
            if (spikes.count(1) == 0 || maxSpikes(spikes, 0) < 2) {
                continue;
            }
            Loss loss = new TtfsLoss(rnd.nextInt(3), 0.004);
            Gradients fp = new GradientEngine(GradientMode.FP).simulateAndGradient(net, in, loss);
            Gradients adj = new GradientEngine(GradientMode.ADJOINT).simulateAndGradient(net, in, loss);
            assertEquals(null, fp.recurrent2().get(0));
            FiniteDifferenceCheck fd = new FiniteDifferenceCheck(1e-5);
            List<FiniteDifferenceCheck.Entry> entries = new ArrayList<>();
            SpikeRecord base = new EventSimulator().simulate(net, in);
            fd.numeric(net, in, loss, 0, rnd);   // sets the causal reference of the base record
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 4; j++) {
                    fd.add(entries, net, in, loss, base, 'V', 0, i, j);
                }
                fd.add(entries, net, in, loss, base, 'R', 0, i, i);
                fd.add(entries, net, in, loss, base, 'B', 0, i, -1);
            }
            if (entries.stream().filter(e -> e.kind() == 'V' && Math.abs(e.numeric()) > 1e-6).count() < 3) {
                continue;
            }
            double floor = Math.max(1e-4 * FiniteDifferenceCheck.maxAbs(entries, fp), 5e-5);
            StringBuilder worst = new StringBuilder();
            assertTrue(FiniteDifferenceCheck.worst(entries, fp, floor, worst) < 1e-6, "FP: " + worst);
            assertTrue(FiniteDifferenceCheck.worst(entries, adj, floor, worst) < 1e-6, "adjoint: " + worst);
            checked++;
        }
        assertTrue(checked >= 2, "fewer than two networks were usable");
    }

    @Test
    void theStoredJacobianReferenceRefusesASecondSynapseByName() {
        Random rnd = new Random(3);
        FloatNetwork net = withSecondSynapse(RandomNetworks.network(rnd, new int[] {4, 6, 3}, true, 0.005, 0.010, 0.04),
                rnd, 0.002, true);
        InputSpikes in = RandomNetworks.input(rnd, 4, 0.04);
        SpikeRecord spikes = new EventSimulator().simulate(net, in);
        String m = assertThrows(UnsupportedOperationException.class,
                () -> ImplicitSystem.build(net, in, spikes, 1e-3, false)).getMessage();
        assertTrue(m.contains("second synapse (layer 0 'l1')"), m);
    }

    private static int maxSpikes(SpikeRecord r, int layer) {
        int m = 0;
        for (double[] t : r.times()[layer]) {
            m = Math.max(m, t.length);
        }
        return m;
    }
}
