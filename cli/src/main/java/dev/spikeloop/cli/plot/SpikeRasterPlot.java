package dev.spikeloop.cli.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A spike raster of one sample: every spike as a dot at (time in ms, neuron row), populations
 * stacked from the bottom (inputs, then each layer) in their own colours.
 */
public final class SpikeRasterPlot {
    /** One population: its name and the spike times (seconds) of each neuron. */
    public record Population(String name, List<double[]> spikeTimes) {
    }

    private SpikeRasterPlot() {
    }

    /** Writes the raster of {@code populations} to {@code file}; {@code title} heads the chart. */
    public static void write(List<Population> populations, double tEnd, String title, Path file) {
        XYChart chart = new XYChartBuilder().width(800).height(600).title(title)
                .xAxisTitle("time (ms)").yAxisTitle("neuron (stacked by population)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(tEnd * 1000);
        int row = 0;
        for (Population p : populations) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (double[] times : p.spikeTimes()) {
                for (double t : times) {
                    xs.add(t * 1000);
                    ys.add((double) row);
                }
                row++;
            }
            if (xs.isEmpty()) {
                continue; // XChart cannot draw an empty series; the stacked rows still show the gap
            }
            chart.addSeries(p.name() + " (" + p.spikeTimes().size() + ")", xs, ys).setMarker(SeriesMarkers.CIRCLE);
        }
        Png.write(chart, file);
    }
}
