package dev.spikeloop.cli.plot;

import dev.spikeloop.network.audio.AudioFrontEnd;
import dev.spikeloop.network.audio.Waveform;
import dev.spikeloop.network.spikedata.SpikeSample;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Figures of one spike data set sample, so a user sees what the chip will see: the waveform (when
 * the source recording is at hand), the front end's band envelopes (the cochleagram) and the
 * per-channel spike raster, stacked on one time axis.
 */
public final class AudioSamplePlots {
    private static final int WIDTH = 900;
    /** XChart lays a grid out with one cell size, so every panel has the same height. */
    private static final int HEIGHT = 320;
    private static final Color[] COUNT_COLOURS = {new Color(0x9ecae1), new Color(0x4292c6), new Color(0x08519c),
            new Color(0x08306b)};

    private AudioSamplePlots() {
    }

    /** Waveform (if given) above the raster of {@code sample} on {@code channels} channels. */
    public static void writeRaster(SpikeSample sample, int channels, Waveform audio, double tEnd, String title, Path file) {
        List<Chart<?, ?>> charts = new ArrayList<>();
        if (audio != null) {
            charts.add(waveform(audio, tEnd, title));
        }
        charts.add(raster(sample, channels, tEnd, audio == null ? title : "input spikes per channel and step"));
        Png.writeColumn(charts, file);
    }

    /** Waveform, band envelopes of {@code frontEnd} and the raster of {@code sample}. */
    public static void writeCochleagram(SpikeSample sample, int channels, Waveform audio, AudioFrontEnd frontEnd,
                                        double tEnd, String title, Path file) {
        List<Chart<?, ?>> charts = new ArrayList<>();
        charts.add(waveform(audio, tEnd, title));
        charts.add(envelopes(frontEnd, audio, tEnd));
        charts.add(raster(sample, channels, tEnd, "input spikes per channel and step"));
        Png.writeColumn(charts, file);
    }

    private static XYChart base(String title, String yTitle, int height, double tEnd) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(height).title(title).xAxisTitle("time (ms)")
                .yAxisTitle(yTitle).build();
        c.getStyler().setXAxisMin(0.0).setXAxisMax(tEnd * 1000);
        c.getStyler().setXAxisTickMarkSpacingHint(120);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        return c;
    }

    private static XYChart waveform(Waveform audio, double tEnd, String title) {
        XYChart c = base(title, "amplitude", HEIGHT, tEnd);
        double[] x = audio.samples();
        // one bucket per millisecond, its min and max, so peaks stay visible (and XChart, which takes
        // its tick spacing from evenly spaced data, labels round milliseconds)
        int bucket = Math.max(1, (int) Math.round(audio.sampleRate() / 1000));
        List<Double> ts = new ArrayList<>();
        List<Double> vs = new ArrayList<>();
        for (int start = 0; start < x.length; start += bucket) {
            int end = Math.min(x.length, start + bucket);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int n = start; n < end; n++) {
                lo = Math.min(lo, x[n]);
                hi = Math.max(hi, x[n]);
            }
            double t = start / (double) bucket;
            ts.add(t);
            vs.add(lo);
            ts.add(t + 0.5); // strictly increasing times
            vs.add(hi);
        }
        XYSeries s = c.addSeries("waveform", ts, vs);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineWidth(0.8f);
        return c;
    }

    private static XYChart envelopes(AudioFrontEnd frontEnd, Waveform audio, double tEnd) {
        double[][] env = frontEnd.envelopes(audio);
        double[] centres = frontEnd.settings().centresFor(audio.sampleRate());
        XYChart c = base(String.format(java.util.Locale.ROOT, "band envelopes (cochleagram), each scaled to its peak: %d bands, %.0f-%.0f Hz",
                centres.length, centres[0], centres[centres.length - 1]), "band (envelope)", HEIGHT, tEnd);
        int every = Math.max(1, (int) Math.round(audio.sampleRate() / 1000)); // one point per ms
        for (int b = 0; b < env.length; b++) {
            double max = 0;
            for (double v : env[b]) {
                max = Math.max(max, v);
            }
            List<Double> ts = new ArrayList<>();
            List<Double> vs = new ArrayList<>();
            for (int n = 0; n < env[b].length; n += every) {
                ts.add(1000 * n / audio.sampleRate());
                vs.add(b + 0.9 * (max > 0 ? env[b][n] / max : 0));
            }
            XYSeries s = c.addSeries("band " + b, ts, vs);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineWidth(1f);
        }
        c.getStyler().setYAxisMin(0.0).setYAxisMax((double) env.length);
        return c;
    }

    private static XYChart raster(SpikeSample sample, int channels, double tEnd, String title) {
        XYChart c = base(title + " (" + sample.count() + " spikes; darker = more per step)", "channel", HEIGHT, tEnd);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(5);
        c.getStyler().setYAxisMin(-0.5).setYAxisMax(channels - 0.5);
        // spikes that share a time and channel are one marker, coloured by their count
        Map<Long, Integer> counts = new TreeMap<>();
        for (int k = 0; k < sample.count(); k++) {
            long key = Math.round(sample.times()[k] * 1e7) * 65536L
                    + sample.channels()[k];
            counts.merge(key, 1, Integer::sum);
        }
        List<List<Double>> xs = new ArrayList<>();
        List<List<Double>> ys = new ArrayList<>();
        for (int k = 0; k < COUNT_COLOURS.length; k++) {
            xs.add(new ArrayList<>());
            ys.add(new ArrayList<>());
        }
        for (Map.Entry<Long, Integer> e : counts.entrySet()) {
            long key = e.getKey();
            int ch = (int) (key % 65536L);
            double t = (key / 65536L) / 1e7;
            int bucket = Math.min(COUNT_COLOURS.length - 1, (e.getValue() - 1) / 4);
            xs.get(bucket).add(1000 * t);
            ys.get(bucket).add((double) ch);
        }
        String[] names = {"1-4", "5-8", "9-12", "13+"};
        for (int k = 0; k < COUNT_COLOURS.length; k++) {
            if (!xs.get(k).isEmpty()) {
                XYSeries s = c.addSeries(names[k] + " spikes", xs.get(k), ys.get(k));
                s.setMarker(SeriesMarkers.SQUARE);
                s.setMarkerColor(COUNT_COLOURS[k]);
            }
        }
        if (counts.isEmpty()) {
            c.addSeries("none", new double[] {0}, new double[] {-1}).setMarker(SeriesMarkers.NONE);
        }
        c.getStyler().setLegendVisible(true);
        return c;
    }
}
