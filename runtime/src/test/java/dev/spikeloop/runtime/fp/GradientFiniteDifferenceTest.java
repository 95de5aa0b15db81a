package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.SpikeRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both gradient orders against central finite differences of the simulated loss. */
class GradientFiniteDifferenceTest {
    private static final double TOLERANCE = 1e-6;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("3-4-2 closed form", new int[] {3, 4, 2}, false, 0.005, 0.010),
                Arguments.of("3-4-2 root search", new int[] {3, 4, 2}, false, 0.005, 0.008),
                Arguments.of("4-8-3 recurrent closed form", new int[] {4, 8, 3}, true, 0.005, 0.010),
                Arguments.of("4-8-3 recurrent root search", new int[] {4, 8, 3}, true, 0.004, 0.007),
                Arguments.of("5-10-6-3 equal taus", new int[] {5, 10, 6, 3}, false, 0.006, 0.006),
                Arguments.of("5-10-6-3 recurrent tauSyn > tauMem", new int[] {5, 10, 6, 3}, true, 0.008, 0.005),
                Arguments.of("5-20-3 root search", new int[] {5, 20, 3}, false, 0.005, 0.020));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ttfsGradientsMatchFiniteDifferences(String name, int[] sizes, boolean recurrent, double tauSyn,
                                             double tauMem) {
        checkMany(name, sizes, recurrent, tauSyn, tauMem, 5e-5, (rnd, net) -> new TtfsLoss(rnd.nextInt(sizes[sizes.length - 1]),
                0.004));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void targetTimeGradientsMatchFiniteDifferences(String name, int[] sizes, boolean recurrent, double tauSyn,
                                                   double tauMem) {
        // Targets for up to three spikes per output neuron: exercises later spikes and the reset term.
        checkMany(name, sizes, recurrent, tauSyn, tauMem, 1e-7, (rnd, net) -> {
            double[][] targets = new double[sizes[sizes.length - 1]][3];
            for (double[] t : targets) {
                for (int k = 0; k < 3; k++) {
                    t[k] = rnd.nextDouble() * net.tEnd();
                }
                java.util.Arrays.sort(t);
            }
            return new TargetTimeLoss(targets);
        });
    }

    interface LossFactory {
        Loss create(Random rnd, FloatNetwork net);
    }

    /**
     * @param noiseFloor gradients below this magnitude are compared against it instead of their own size:
     *                   the rounding noise of a central difference of the loss at the step used (about
     *                   1e-11 at a step of 1e-5 for ttfs, whose terms are of order tEnd/tau0, and far less for the target
     *                   loss, whose terms are of order tEnd^2) cannot resolve 1e-6 of smaller values
     */
    private void checkMany(String name, int[] sizes, boolean recurrent, double tauSyn, double tauMem,
                           double noiseFloor, LossFactory losses) {
        Random rnd = new Random(sizes.length * 1000L + sizes[1] + (recurrent ? 7 : 0) + Math.round(tauMem * 1e4));
        int checked = 0;
        int outputSpikes = 0;
        int multiSpikeNeurons = 0;
        double worstSeen = 0;
        for (int trial = 0; trial < 12 && checked < 2; trial++) {
            FloatNetwork net = RandomNetworks.network(rnd, sizes, recurrent, tauSyn, tauMem, 0.04);
            InputSpikes in = RandomNetworks.input(rnd, sizes[0], 0.04);
            SpikeRecord spikes = new EventSimulator().simulate(net, in);
            if (spikes.count(spikes.layers() - 1) == 0) {
                continue;                    // no output spike: nothing to differentiate
            }
            outputSpikes += spikes.count(spikes.layers() - 1);
            for (double[][] layer : spikes.times()) {
                for (double[] t : layer) {
                    multiSpikeNeurons += t.length > 1 ? 1 : 0;
                }
            }
            Loss loss = losses.create(rnd, net);
            Gradients fp = new GradientEngine(GradientMode.FP).simulateAndGradient(net, in, loss);
            Gradients adj = new GradientEngine(GradientMode.ADJOINT).simulateAndGradient(net, in, loss);
            assertEquals(fp.loss(), adj.loss(), 0.0);
            assertEquals(0, fp.guards().clampedSlopes());
            FiniteDifferenceCheck fd = new FiniteDifferenceCheck(1e-5);
            List<FiniteDifferenceCheck.Entry> entries = fd.numeric(net, in, loss, 60, rnd);
            if (fd.gaveUp || fd.skipped > entries.size()) {
                continue;                    // spikes too close to a count change or a kink: try another network
            }
            double floor = Math.max(1e-4 * FiniteDifferenceCheck.maxAbs(entries, fp), noiseFloor);
            StringBuilder worst = new StringBuilder();
            double e1 = FiniteDifferenceCheck.worst(entries, fp, floor, worst);
            if (e1 >= TOLERANCE) {
                worst.append("; ").append(fd.series(net, in, loss, FiniteDifferenceCheck.worstEntry(entries, fp, floor)));
            }
            assertTrue(e1 < TOLERANCE, name + " trial " + trial + ", FP vs finite differences: " + worst);
            double e2 = FiniteDifferenceCheck.worst(entries, adj, floor, worst);
            assertTrue(e2 < TOLERANCE, name + " trial " + trial + ", adjoint vs finite differences: " + worst);
            worstSeen = Math.max(worstSeen, Math.max(e1, e2));
            checked++;
        }
        assertTrue(checked >= 2, "fewer than two random networks produced output spikes");
        assertTrue(outputSpikes > 0);
        System.out.println("checked " + checked + " networks, multi-spike neurons " + multiSpikeNeurons
                + ", worst relative error " + worstSeen);
    }
}
