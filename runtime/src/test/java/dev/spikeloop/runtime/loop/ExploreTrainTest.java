package dev.spikeloop.runtime.loop;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.network.io.NetworkJson;
import dev.spikeloop.runtime.train.*;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

class ExploreTrainTest {
    @Test
    void train() {
        int hidden = Integer.getInteger("hidden", 30);
        int epochs = Integer.getInteger("epochs", 20);
        int n = Integer.getInteger("n", 1000);
        LabelledDataset train = LoopFixtures.yinYang(n, 42);
        LabelledDataset val = LoopFixtures.yinYang(500, 41);
        try (WorkerPool pool = new WorkerPool(2)) {
            TrainingOptions o = TrainingOptions.defaults(epochs, 1, 2);
            Trainer t = new Trainer(o);
            FloatNetwork init = t.initialNetwork(NetworkShape.of(5, new int[] {hidden}, 3), train, SpikeEncoder.DEFAULT, pool);
            long t0 = System.nanoTime();
            TrainingResult r = t.train(init, train, val, SpikeEncoder.DEFAULT, null, false, new TrainingListener() {
                @Override
                public void epochDone(EpochStats s, boolean best) {
                    System.out.printf("epoch %d acc %.3f val %.3f  %.1fs%n", s.epoch(), s.trainAccuracy(), s.validationAccuracy(), s.seconds());
                }
            }, pool);
            System.out.printf("best %.3f in %.1fs%n", r.bestValidationAccuracy(), (System.nanoTime() - t0) / 1e9);
            NetworkJson.write(r.best(), Path.of("/tmp/x/yy-" + hidden + ".json"));
        }
    }
}
