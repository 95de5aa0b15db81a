package dev.spikeloop.cli.plot;

import dev.spikeloop.runtime.train.EpochStats;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Loss and accuracy per epoch, training and validation, side by side in one PNG. */
public final class TrainingCurvesPlot {
    private TrainingCurvesPlot() {
    }

    /** Writes the curves of {@code history} to {@code file}. */
    public static void write(List<EpochStats> history, Path file) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("no epochs to plot");
        }
        XYChart loss = new XYChartBuilder().width(640).height(440).title("Loss").xAxisTitle("epoch")
                .yAxisTitle("ttfs loss").build();
        add(loss, "train", history, EpochStats::trainLoss, 1);
        add(loss, "validation", history, EpochStats::validationLoss, 1);
        XYChart acc = new XYChartBuilder().width(640).height(440).title("Accuracy").xAxisTitle("epoch")
                .yAxisTitle("accuracy (%)").build();
        add(acc, "train", history, EpochStats::trainAccuracy, 100);
        add(acc, "validation", history, EpochStats::validationAccuracy, 100);
        Png.writeRow(List.of(loss, acc), file);
    }

    private static void add(XYChart chart, String name, List<EpochStats> h, ToDoubleFunction<EpochStats> f, double scale) {
        double[] x = new double[h.size()];
        double[] y = new double[h.size()];
        int n = 0;
        for (EpochStats s : h) {
            double v = f.applyAsDouble(s);
            if (Double.isFinite(v)) {
                x[n] = s.epoch() + 1;
                y[n] = v * scale;
                n++;
            }
        }
        if (n == 0) {
            return;
        }
        chart.addSeries(name, java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n))
                .setMarker(SeriesMarkers.NONE);
    }
}
