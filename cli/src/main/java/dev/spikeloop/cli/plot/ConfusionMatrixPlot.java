package dev.spikeloop.cli.plot;

import dev.spikeloop.runtime.train.Evaluation;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A confusion matrix as a heat map: rows the true class, columns the predicted class and "none"
 * (no output spike), each cell the number of samples.
 */
public final class ConfusionMatrixPlot {
    private ConfusionMatrixPlot() {
    }

    /** Writes the matrix of {@code e} with the class names (numbers when empty) to {@code file}. */
    public static void write(Evaluation e, List<String> classNames, String title, Path file) {
        int classes = e.classes();
        List<String> truth = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            truth.add(k < classNames.size() ? classNames.get(k) : String.valueOf(k));
        }
        List<String> predicted = new ArrayList<>(truth);
        predicted.add("none");
        List<Number[]> cells = new ArrayList<>();
        int[][] m = e.confusion();
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p <= classes; p++) {
                cells.add(new Number[] {p, t, m[t][p]});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(720).height(640).title(title)
                .xAxisTitle("predicted").yAxisTitle("true").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setLegendVisible(false);
        chart.addSeries("count", predicted, truth, cells);
        Png.write(chart, file);
    }
}
