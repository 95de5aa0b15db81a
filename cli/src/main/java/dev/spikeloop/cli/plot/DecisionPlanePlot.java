package dev.spikeloop.cli.plot;

import dev.spikeloop.network.data.YinYang;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Yin-Yang plane coloured by predicted class: a regular grid of points inside the big circle,
 * each drawn in the colour of the class the model predicts there (grey where no output fires).
 */
public final class DecisionPlanePlot {
    /** Predicts the class of a point of the plane, or a negative number for "no output fired". */
    @FunctionalInterface
    public interface PlaneClassifier {
        int predict(double x, double y);
    }

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0xbcbd22)};

    private DecisionPlanePlot() {
    }

    /** Writes the plane at {@code resolution x resolution} grid points to {@code file}. */
    public static void write(PlaneClassifier model, int resolution, List<String> classNames, Path file) {
        if (resolution < 2) {
            throw new IllegalArgumentException("plane resolution must be >= 2, got " + resolution);
        }
        List<List<double[]>> byClass = new ArrayList<>();
        List<double[]> silent = new ArrayList<>();
        for (int i = 0; i < resolution; i++) {
            for (int j = 0; j < resolution; j++) {
                double x = (i + 0.5) / resolution;
                double y = (j + 0.5) / resolution;
                if (!YinYang.inside(x, y)) {
                    continue;
                }
                int c = model.predict(x, y);
                if (c < 0) {
                    silent.add(new double[] {x, y});
                    continue;
                }
                while (byClass.size() <= c) {
                    byClass.add(new ArrayList<>());
                }
                byClass.get(c).add(new double[] {x, y});
            }
        }
        XYChart chart = new XYChartBuilder().width(640).height(640).title("Predicted class")
                .xAxisTitle("x").yAxisTitle("y").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(Math.max(2, 600 / resolution));
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        for (int c = 0; c < byClass.size(); c++) {
            String name = c < classNames.size() ? c + ": " + classNames.get(c) : "class " + c;
            addPoints(chart, name, byClass.get(c), COLORS[c % COLORS.length]);
        }
        addPoints(chart, "no spike", silent, Color.GRAY);
        Png.write(chart, file);
    }

    private static void addPoints(XYChart chart, String name, List<double[]> pts, Color color) {
        if (pts.isEmpty()) {
            return;
        }
        double[] xs = new double[pts.size()];
        double[] ys = new double[pts.size()];
        for (int k = 0; k < pts.size(); k++) {
            xs[k] = pts.get(k)[0];
            ys[k] = pts.get(k)[1];
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.SQUARE);
        s.setMarkerColor(color);
    }
}
