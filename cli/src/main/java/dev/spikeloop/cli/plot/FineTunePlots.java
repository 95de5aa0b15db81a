package dev.spikeloop.cli.plot;

import dev.spikeloop.runtime.loop.FineTuneEpoch;
import dev.spikeloop.runtime.train.EpochStats;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The PNG plots of a fine-tuning run: accuracy before/after, training curves, guards and flashes per epoch. */
public final class FineTunePlots {
    private FineTunePlots() {
    }

    /**
     * A bar chart of accuracies in percent, one bar per entry in order (e.g. float, compiled,
     * fine-tuned); NaN entries are left out.
     */
    public static void writeAccuracyBars(Map<String, Double> accuracies, String title, Path file) {
        Map<String, Double> shown = new LinkedHashMap<>();
        accuracies.forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                shown.put(k, 100 * v);
            }
        });
        if (shown.isEmpty()) {
            throw new IllegalArgumentException("no accuracies to plot");
        }
        CategoryChart chart = new CategoryChartBuilder().width(640).height(440).title(title)
                .yAxisTitle("accuracy (%)").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setLabelsVisible(true);
        chart.addSeries("accuracy", new ArrayList<>(shown.keySet()), new ArrayList<>(shown.values()));
        Png.write(chart, file);
    }

    /** Loss and accuracy per epoch (device validation and the training batches), as in training. */
    public static void writeCurves(List<FineTuneEpoch> history, Path file) {
        List<EpochStats> stats = history.stream().map(FineTuneEpoch::stats).toList();
        TrainingCurvesPlot.write(stats, file);
    }

    /** FP-engine guards (clamped slopes, dropped spikes) and device writes per epoch. */
    public static void writeGuards(List<FineTuneEpoch> history, Path file) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("no epochs to plot");
        }
        int n = history.size();
        double[] x = new double[n];
        double[] clamped = new double[n];
        double[] dropped = new double[n];
        double[] flashes = new double[n];
        for (int k = 0; k < n; k++) {
            FineTuneEpoch e = history.get(k);
            x[k] = e.stats().epoch() + 1;
            clamped[k] = e.guards().clampedSlopes();
            dropped[k] = e.guards().droppedSpikes();
            flashes[k] = e.flashes();
        }
        XYChart guards = new XYChartBuilder().width(640).height(440).title("Guards at device spike times")
                .xAxisTitle("epoch").yAxisTitle("spikes per epoch").build();
        guards.addSeries("clamped slopes", x, clamped).setMarker(SeriesMarkers.CIRCLE);
        guards.addSeries("dropped spikes", x, dropped).setMarker(SeriesMarkers.CIRCLE);
        XYChart writes = new XYChartBuilder().width(640).height(440).title("Configurations written")
                .xAxisTitle("epoch").yAxisTitle("writes per epoch").build();
        writes.addSeries("writes", x, flashes).setMarker(SeriesMarkers.CIRCLE);
        Png.writeRow(List.of(guards, writes), file);
    }
}
