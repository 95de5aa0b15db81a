package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerDetail;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.SpikeRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Self-connections (NIR's diagonal {@code w_rec}, e.g. snnTorch RLeaky with {@code V}): the simulator
 * feeds a neuron its own spike's current after the reset, and both gradient orders include the
 * diagonal weights, checked against central finite differences (relative error below 1e-6).
 */
class SelfRecurrenceGradientTest {
    private static FloatNetwork withSelfConnections(FloatNetwork net, Random rnd) {
        FloatNetwork copy = net.deepCopy();
        LayerSpec h = copy.layer(0);
        double[][] rec = h.recurrent();
        for (int i = 0; i < rec.length; i++) {
            rec[i][i] = 0.8 * h.threshold() * (rnd.nextDouble() - 0.3); // mostly excitatory: more spikes follow
        }
        LayerDetail d = new LayerDetail(null, null, null, null, true, true, false);
        return copy.withLayer(0, h.withDetail(d));
    }

    @Test
    void selfConnectionsChangeTheSpikesAndTheirGradientsMatchFiniteDifferences() {
        Random rnd = new Random(1719);
        int checked = 0;
        int diagonalEntries = 0;
        for (int trial = 0; trial < 30 && checked < 2; trial++) {
            FloatNetwork plain = RandomNetworks.network(rnd, new int[] {4, 8, 3}, true, 0.005, 0.010, 0.04);
            FloatNetwork net = withSelfConnections(plain, rnd);
            InputSpikes in = RandomNetworks.input(rnd, 4, 0.04);
            SpikeRecord spikes = new EventSimulator().simulate(net, in);
            if (spikes.count(spikes.layers() - 1) == 0) {
                continue;
            }
            Loss loss = new TtfsLoss(rnd.nextInt(3), 0.004);
            Gradients fp = new GradientEngine(GradientMode.FP).simulateAndGradient(net, in, loss);
            Gradients adj = new GradientEngine(GradientMode.ADJOINT).simulateAndGradient(net, in, loss);
            List<FiniteDifferenceCheck.Entry> entries = new ArrayList<>();
            int skipped = 0;
            double step = 1e-5;
            for (int i = 0; i < 8; i++) {
                double[] v = new double[4];
                double[] steps = {step, -step, 2 * step, -2 * step};
                boolean ok = true;
                for (int s = 0; s < 4 && ok; s++) {
                    FloatNetwork p = FiniteDifferenceCheck.perturb(net, 'R', 0, i, i, steps[s]);
                    SpikeRecord r = new EventSimulator().simulate(p, in);
                    ok = FiniteDifferenceCheck.sameCounts(spikes, r);
                    v[s] = loss.evaluate(r, net.tEnd()).value();
                }
                if (!ok) {
                    skipped++;
                    continue;
                }
                double d1 = (v[0] - v[1]) / (2 * step);
                double d2 = (v[2] - v[3]) / (4 * step);
                entries.add(new FiniteDifferenceCheck.Entry('R', 0, i, i, (4 * d1 - d2) / 3));
            }
            long nonZero = entries.stream().filter(e -> Math.abs(e.numeric()) > 1e-6).count();
            if (nonZero == 0 || skipped > 4) {
                continue; // no neuron fires twice with the diagonal mattering, or too close to a count change
            }
            double floor = Math.max(1e-4 * FiniteDifferenceCheck.maxAbs(entries, fp), 5e-5);
            StringBuilder worst = new StringBuilder();
            assertTrue(FiniteDifferenceCheck.worst(entries, fp, floor, worst) < 1e-6, "FP: " + worst);
            assertTrue(FiniteDifferenceCheck.worst(entries, adj, floor, worst) < 1e-6, "adjoint: " + worst);
            diagonalEntries += (int) nonZero;
            checked++;
        }
        assertTrue(checked >= 2, "fewer than two networks had usable self-connection gradients");
        assertTrue(diagonalEntries >= 2);
    }

    @Test
    void theDiagonalIsIgnoredWithoutTheFlag() {
        Random rnd = new Random(5);
        FloatNetwork plain = RandomNetworks.network(rnd, new int[] {4, 8, 3}, true, 0.005, 0.010, 0.04);
        FloatNetwork self = withSelfConnections(plain, new Random(6));
        FloatNetwork ignored = self.withLayer(0, self.layer(0).withDetail(LayerDetail.PLAIN));
        InputSpikes in = RandomNetworks.input(rnd, 4, 0.04);
        SpikeRecord a = new EventSimulator().simulate(plain, in);
        SpikeRecord b = new EventSimulator().simulate(ignored, in);
        SpikeRecord c = new EventSimulator().simulate(self, in);
        assertEquals(java.util.Arrays.deepToString(a.times()), java.util.Arrays.deepToString(b.times()));
        assertNotEquals(java.util.Arrays.deepToString(a.times()), java.util.Arrays.deepToString(c.times()));
    }
}
