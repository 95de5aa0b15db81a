package dev.spikeloop.cli.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The raster of one emulator run: a dot per (step, neuron) with a non-zero count, inputs at the
 * bottom, then hidden neurons, then outputs, each population in its own colour. Long busy runs are
 * cut to their first steps so that the chart stays drawable; the title says so.
 */
public final class EmulationRasterPlot {
    /** More dots than this make XChart slow and the picture a solid block. */
    private static final int MAX_DOTS = 200_000;

    /**
     * One population: its name, its number of rows, and its events as parallel arrays
     * (step, row), sorted by step.
     */
    public record Population(String name, int rows, int[] steps, int[] neurons) {
    }

    private EmulationRasterPlot() {
    }

    /** Writes the raster of a run of {@code totalSteps} steps as PNG to {@code file} (atomically). */
    public static void write(List<Population> populations, int totalSteps, String title, Path file) {
        int shownSteps = stepsWithin(populations, totalSteps);
        String heading = title + (shownSteps < totalSteps ? " (first " + shownSteps + " of " + totalSteps + " steps)" : "");
        XYChart chart = new XYChartBuilder().width(1000).height(700).title(heading)
                .xAxisTitle("step").yAxisTitle("neuron (inputs, hidden, outputs stacked)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax((double) Math.max(1, shownSteps));
        int base = 0;
        for (Population p : populations) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int k = 0; k < p.steps().length && p.steps()[k] < shownSteps; k++) {
                xs.add((double) p.steps()[k]);
                ys.add((double) (base + p.neurons()[k]));
            }
            if (!xs.isEmpty()) {
                // XChart cannot draw an empty series; the population's rows stay empty instead.
                chart.addSeries(p.name() + " (" + p.rows() + ")", xs, ys).setMarker(SeriesMarkers.CIRCLE);
            }
            base += p.rows();
        }
        chart.getStyler().setYAxisMin(-0.5).setYAxisMax(Math.max(0.5, base - 0.5));
        Png.write(chart, file);
    }

    /** The largest number of leading steps whose dots fit in {@link #MAX_DOTS}. */
    private static int stepsWithin(List<Population> populations, int totalSteps) {
        long total = populations.stream().mapToLong(p -> p.steps().length).sum();
        if (total <= MAX_DOTS) {
            return totalSteps;
        }
        int lo = 1;
        int hi = totalSteps;
        while (lo < hi) {
            int mid = (int) (((long) lo + hi + 1) / 2);
            long dots = 0;
            for (Population p : populations) {
                dots += countBefore(p.steps(), mid);
            }
            if (dots <= MAX_DOTS) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static int countBefore(int[] sortedSteps, int step) {
        int lo = 0;
        int hi = sortedSteps.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedSteps[mid] < step) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
