package dev.spikeloop.cli.plot;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.data.LabelledDataset;
import dev.spikeloop.network.data.LabelledSpikes;
import dev.spikeloop.network.data.YinYang;
import dev.spikeloop.network.encode.SpikeEncoder;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.SpikeRecord;
import dev.spikeloop.runtime.train.EpochStats;
import dev.spikeloop.runtime.train.FloatEvaluator;
import dev.spikeloop.runtime.train.WorkerPool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of a training run, written into one directory: {@code curves.png} (loss and accuracy
 * per epoch), {@code plane.png} (the Yin-Yang plane coloured by predicted class; only for data in the
 * x,y layout) and {@code raster.png} (the spikes of one sample).
 */
public final class TrainingPlots {
    /** Grid points per side of the decision plane. */
    private static final int PLANE_RESOLUTION = 100;

    private TrainingPlots() {
    }

    /** Writes every figure that applies; returns the files written. */
    public static List<Path> write(Path dir, FloatNetwork net, List<EpochStats> history, LabelledDataset sampleSource,
                                   SpikeEncoder encoder, WorkerPool pool) {
        List<Path> written = curves(dir, history);
        if (sampleSource.isPlane()) {
            Path f = dir.resolve("plane.png");
            FloatEvaluator ev = new FloatEvaluator(net, encoder, 1.0, pool);
            DecisionPlanePlot.write((x, y) -> ev.decide(LabelledDataset.planeFeatures(x, y)).predicted(),
                    PLANE_RESOLUTION, YinYang.CLASS_NAMES, f);
            written.add(f);
        }
        if (sampleSource.size() > 0) {
            written.add(writeRaster(dir, net, encoder.encode(sampleSource.features(0)), sampleSource.label(0)));
        }
        return written;
    }

    /** Creates {@code dir} and writes the training curves (when there is a history); returns the files written. */
    private static List<Path> curves(Path dir, List<EpochStats> history) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create plot directory " + dir + ": " + e.getMessage(), e);
        }
        List<Path> written = new ArrayList<>();
        if (!history.isEmpty()) {
            Path f = dir.resolve("curves.png");
            TrainingCurvesPlot.write(history, f);
            written.add(f);
        }
        return written;
    }

    /**
     * The figures for samples that are already spike trains (a spike data set): the training curves
     * and the raster of sample 0; returns the files written.
     */
    public static List<Path> write(Path dir, FloatNetwork net, List<EpochStats> history, LabelledSpikes data) {
        List<Path> written = curves(dir, history);
        if (data.size() > 0) {
            written.add(writeRaster(dir, net, data.input(0), data.label(0)));
        }
        return written;
    }

    private static Path writeRaster(Path dir, FloatNetwork net, InputSpikes in, int label) {
        Path f = dir.resolve("raster.png");
        SpikeRecord r = new EventSimulator().simulate(net, in);
        List<SpikeRasterPlot.Population> pops = new ArrayList<>();
        List<double[]> inputs = new ArrayList<>();
        for (int c = 0; c < in.channels(); c++) {
            inputs.add(in.times(c));
        }
        pops.add(new SpikeRasterPlot.Population("inputs", inputs));
        for (int l = 0; l < net.layerCount(); l++) {
            List<double[]> times = new ArrayList<>();
            for (int i = 0; i < net.layer(l).size(); i++) {
                times.add(r.times(l, i));
            }
            pops.add(new SpikeRasterPlot.Population(net.layer(l).name(), times));
        }
        SpikeRasterPlot.write(pops, net.tEnd(), "Spikes of sample 0 (label " + label + ")", f);
        return f;
    }
}
