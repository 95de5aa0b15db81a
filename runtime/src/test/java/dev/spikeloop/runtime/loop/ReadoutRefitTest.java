package dev.spikeloop.runtime.loop;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.network.spikedata.SpikeTrainDataset;
import dev.spikeloop.runtime.fp.GradientMode;
import dev.spikeloop.runtime.fp.ReadoutScore;
import dev.spikeloop.runtime.fp.ReadoutWindows;
import dev.spikeloop.runtime.train.ForwardModel;
import dev.spikeloop.runtime.train.LearningRateSchedule;
import dev.spikeloop.runtime.train.MembraneRule;
import dev.spikeloop.runtime.train.NetworkShape;
import dev.spikeloop.runtime.train.ReadoutRefit;
import dev.spikeloop.runtime.train.Trainer;
import dev.spikeloop.runtime.train.TrainingListener;
import dev.spikeloop.runtime.train.TrainingOptions;
import dev.spikeloop.runtime.train.WeightInit;
import dev.spikeloop.runtime.train.WorkerPool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The readout refit: it never raises the training loss, it reaches the convex optimum (the same loss from
 * the trained readout and from a zero one; any small move of a fitted weight raises the loss), and it
 * refuses readouts whose score is not linear in the weights.
 */
class ReadoutRefitTest {
    private static final MembraneRule RULE = new MembraneRule(1.0, 0.05, 0.001, ReadoutScore.MEAN,
            new ReadoutWindows(2));
    private static final ReadoutRefit REFIT = new ReadoutRefit(1500, 0.05, 1e-3, 1.0);
    private static SpikeTrainDataset train;
    private static FloatNetwork trained;

    @BeforeAll
    static void trainBriefly() {
        train = WindowedReadoutLoopTest.orders(80, 3);
        TrainingOptions options = new TrainingOptions(3, 20, LearningRateSchedule.cosine(0.03, 0.05, 3), 0.0025, 0,
                0.010, 20.0, 5.0, 0.0, GradientMode.ADJOINT, 2, 5, WeightInit.Settings.DEFAULT, 0.0);
        try (WorkerPool pool = new WorkerPool(2)) {
            Trainer t = new Trainer(options, ForwardModel.FLOAT, RULE);
            FloatNetwork init = t.initialNetwork(new NetworkShape(5, new int[] {12}, 4, 0.004, 0.008, 1.0, 0.080), train,
                    pool);
            trained = t.train(init, train, null, null, false, TrainingListener.NONE, pool).best();
        }
    }

    @Test
    void theFitReachesTheConvexOptimumFromAnyStart() {
        try (WorkerPool pool = new WorkerPool(2)) {
            ReadoutRefit.Result fromTrained = REFIT.fit(trained, ForwardModel.FLOAT, train, pool);
            assertTrue(fromTrained.lossAfter() < fromTrained.lossBefore(), fromTrained.toString());
            assertTrue(fromTrained.accuracyAfter() >= fromTrained.accuracyBefore(), fromTrained.toString());
            FloatNetwork zero = withReadout(trained, new double[4][12]);
            ReadoutRefit.Result fromZero = REFIT.fit(zero, ForwardModel.FLOAT, train, pool);
            assertEquals(fromTrained.lossAfter(), fromZero.lossAfter(), 1e-4,
                    "one optimum (strictly convex with l2 > 0), reached from both starts");
            // optimality: moving any of a few fitted weights either way raises the objective
            ReadoutRefit probe = new ReadoutRefit(1, 1e-12, 1e-3, 1.0);
            double at = probe.fit(fromTrained.network(), ForwardModel.FLOAT, train, pool).lossBefore();
            double[][] w = fromTrained.network().outputLayer().weights();
            for (int[] oj : new int[][] {{0, 0}, {1, 5}, {3, 11}, {2, 7}}) {
                for (double step : new double[] {-0.05, 0.05}) {
                    double[][] moved = copy(w);
                    moved[oj[0]][oj[1]] += step;
                    double there = probe.fit(withReadout(fromTrained.network(), moved), ForwardModel.FLOAT, train, pool)
                            .lossBefore();
                    assertTrue(there > at, "W[" + oj[0] + "][" + oj[1] + "] " + step + ": " + there + " <= " + at);
                }
            }
        }
    }

    @Test
    void aMaxScoreOrASpikingOutputIsRefused() {
        FloatNetwork max = trained.withLayer(1, trained.outputLayer().withDetail(
                trained.outputLayer().detail().withReadoutWindows(1).withMaxScore(true)));
        try (WorkerPool pool = new WorkerPool(1)) {
            String m = assertThrows(IllegalArgumentException.class,
                    () -> REFIT.fit(max, ForwardModel.FLOAT, train, pool)).getMessage();
            assertTrue(m.contains("max score is not linear"), m);
            FloatNetwork spiking = trained.withLayer(1, trained.outputLayer().withDetail(
                    dev.spikeloop.network.LayerDetail.PLAIN));
            m = assertThrows(IllegalArgumentException.class,
                    () -> REFIT.fit(spiking, ForwardModel.FLOAT, train, pool)).getMessage();
            assertTrue(m.contains("spikes"), m);
        }
        assertThrows(IllegalArgumentException.class, () -> new ReadoutRefit(0, 0.1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ReadoutRefit(10, 0.1, -1, 1));
    }

    private static FloatNetwork withReadout(FloatNetwork net, double[][] w) {
        LayerSpec out = net.outputLayer();
        return net.withLayer(net.layerCount() - 1, new LayerSpec(out.name(), out.size(), out.tauSyn(), out.tauMem(),
                out.threshold(), w, null, out.detail()));
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
