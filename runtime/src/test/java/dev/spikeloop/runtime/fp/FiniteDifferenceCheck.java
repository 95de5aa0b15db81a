package dev.spikeloop.runtime.fp;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.network.LayerSpec;
import dev.spikeloop.runtime.sim.EventSimulator;
import dev.spikeloop.runtime.sim.SpikeRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * Central finite differences of the simulated loss for every parameter of a network, with one
 * Richardson step ({@code (4 D(h) - D(2h)) / 3}, error O(h^4)) so that the step can stay large enough
 * for rounding not to matter. Perturbations that change the spike count of any neuron are skipped.
 */
final class FiniteDifferenceCheck {
    /**
     * One parameter: kind 'W', 'R', 'T' (threshold), 'B' (bias of neuron i), 'V' or 'S' (a second synapse's
     * feed-forward or recurrent weight), layer, row, column, numeric derivative.
     */
    record Entry(char kind, int layer, int i, int j, double numeric) {
        double analytic(Gradients g) {
            return switch (kind) {
                case 'W' -> g.weights().get(layer)[i][j];
                case 'R' -> g.recurrent().get(layer)[i][j];
                case 'B' -> g.biases().get(layer)[i];
                case 'V' -> g.weights2().get(layer)[i][j];
                case 'S' -> g.recurrent2().get(layer)[i][j];
                default -> g.thresholds()[layer];
            };
        }

        String name() {
            return kind == 'T' ? "threshold" + layer : kind == 'B' ? "bias" + layer + "[" + i + "]" : kind + "" + layer + "[" + i + "][" + j + "]";
        }
    }

    private final EventSimulator sim = new EventSimulator();
    private final double step;
    private int[] baseCausal;
    int skipped;
    boolean gaveUp;

    FiniteDifferenceCheck(double step) {
        this.step = step;
    }

    /**
     * Numeric derivatives of at most {@code maxWeights} randomly chosen weights (all of them if fewer)
     * and of every threshold. Stops early, with {@link #gaveUp} set, when most perturbations change the
     * spike count (a network sitting on a spike-count boundary is no use as a reference).
     */
    List<Entry> numeric(FloatNetwork net, InputSpikes in, Loss loss, int maxWeights, java.util.Random rnd) {
        SpikeRecord base = sim.simulate(net, in);
        baseCausal = causalCounts(net, in, base);
        List<int[]> weights = new ArrayList<>();
        for (int p = 0; p < net.layerCount(); p++) {
            LayerSpec l = net.layer(p);
            for (int i = 0; i < l.size(); i++) {
                for (int j = 0; j < net.fanIn(p); j++) {
                    weights.add(new int[] {'W', p, i, j});
                }
                if (l.hasRecurrent()) {
                    for (int j = 0; j < l.size(); j++) {
                        if (j != i) {
                            weights.add(new int[] {'R', p, i, j});
                        }
                    }
                }
            }
        }
        java.util.Collections.shuffle(weights, rnd);
        List<int[]> chosen = new ArrayList<>(weights.subList(0, Math.min(maxWeights, weights.size())));
        for (int p = 0; p < net.layerCount(); p++) {
            chosen.add(new int[] {'T', p, -1, -1});
        }
        List<Entry> out = new ArrayList<>();
        for (int[] c : chosen) {
            add(out, net, in, loss, base, (char) c[0], c[1], c[2], c[3]);
            if (skipped > 20 && skipped > 2 * out.size()) {
                gaveUp = true;
                break;
            }
        }
        return out;
    }

    /** Adds the numeric derivative of one parameter to {@code out} unless a perturbation changes a count or a causal order. */
    void add(List<Entry> out, FloatNetwork net, InputSpikes in, Loss loss, SpikeRecord base, char kind,
                     int p, int i, int j) {
        double[] v = new double[4];
        double[] steps = {step, -step, 2 * step, -2 * step};
        for (int s = 0; s < 4; s++) {
            SpikeRecord r = sim.simulate(perturb(net, kind, p, i, j, steps[s]), in);
            if (!sameCounts(base, r) || !java.util.Arrays.equals(baseCausal, causalCounts(net, in, r))) {
                skipped++;
                return;
            }
            v[s] = loss.evaluate(r, net.tEnd()).value();
        }
        double d1 = (v[0] - v[1]) / (2 * step);
        double d2 = (v[2] - v[3]) / (4 * step);
        out.add(new Entry(kind, p, i, j, (4 * d1 - d2) / 3));
    }

    /** Central differences of one parameter for a range of steps (diagnostics for a failure message). */
    String series(FloatNetwork net, InputSpikes in, Loss loss, Entry e) {
        StringBuilder sb = new StringBuilder("central differences of " + e.name() + ":");
        SpikeRecord base = sim.simulate(net, in);
        for (double h = 1e-3; h > 1e-9; h /= 10) {
            SpikeRecord plus = sim.simulate(perturb(net, e.kind(), e.layer(), e.i(), e.j(), h), in);
            SpikeRecord minus = sim.simulate(perturb(net, e.kind(), e.layer(), e.i(), e.j(), -h), in);
            double d = (loss.evaluate(plus, net.tEnd()).value() - loss.evaluate(minus, net.tEnd()).value()) / (2 * h);
            sb.append(String.format(" h=%.0e:%s%.12g", h,
                    sameCounts(base, plus) && sameCounts(base, minus) ? "" : "(count changed)", d));
        }
        return sb.toString();
    }

    static FloatNetwork perturb(FloatNetwork net, char kind, int p, int i, int j, double h) {
        FloatNetwork copy = net.deepCopy();
        LayerSpec l = copy.layer(p);
        switch (kind) {
            case 'T' -> {
                return copy.withLayer(p, l.withThreshold(l.threshold() + h));
            }
            case 'R' -> l.recurrent()[i][j] += h;
            case 'B' -> l.detail().bias()[i] += h;   // deepCopy copied the detail's arrays
            case 'V' -> l.detail().synapse2().weights()[i][j] += h;
            case 'S' -> l.detail().synapse2().recurrent()[i][j] += h;
            default -> l.weights()[i][j] += h;
        }
        return copy;
    }

    /**
     * For every spike, how many presynaptic spikes (feed-forward and recurrent) precede it. When a
     * perturbation moves a presynaptic spike across a postsynaptic one, the loss has a kink there
     * ({@code k'} jumps from 0 to {@code 1/tauMem} at 0), so a central difference across it is not a
     * valid reference: such perturbations are skipped like those that change a spike count.
     */
    static int[] causalCounts(FloatNetwork net, InputSpikes in, SpikeRecord r) {
        java.util.List<Integer> counts = new ArrayList<>();
        for (int p = 0; p < r.layers(); p++) {
            double[][] pre = p == 0 ? in.times() : r.times()[p - 1];
            double[][] same = r.times()[p];
            for (int i = 0; i < same.length; i++) {
                for (double f : same[i]) {
                    int c = 0;
                    for (double[] src : pre) {
                        for (double g : src) {
                            c += g < f ? 1 : 0;
                        }
                    }
                    if (net.layer(p).hasRecurrent()) {
                        for (int j = 0; j < same.length; j++) {
                            for (double g : j == i ? new double[0] : same[j]) {
                                c += g < f ? 1 : 0;
                            }
                        }
                    }
                    counts.add(c);
                }
            }
        }
        return counts.stream().mapToInt(Integer::intValue).toArray();
    }

    static boolean sameCounts(SpikeRecord a, SpikeRecord b) {
        for (int p = 0; p < a.layers(); p++) {
            for (int i = 0; i < a.times()[p].length; i++) {
                if (a.times()[p][i].length != b.times()[p][i].length) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Largest relative error {@code |a - n| / max(|a|, |n|, floor)} over the entries; the worst entry is
     * written to {@code report}.
     */
    static double worst(List<Entry> entries, Gradients g, double floor, StringBuilder report) {
        return worst(entries, g, floor, report, null);
    }

    static Entry worstEntry(List<Entry> entries, Gradients g, double floor) {
        Entry[] holder = new Entry[1];
        worst(entries, g, floor, new StringBuilder(), holder);
        return holder[0];
    }

    private static double worst(List<Entry> entries, Gradients g, double floor, StringBuilder report, Entry[] which) {
        double worst = 0;
        for (Entry e : entries) {
            double a = e.analytic(g);
            double scale = Math.max(Math.max(Math.abs(a), Math.abs(e.numeric())), floor);
            double rel = Math.abs(a - e.numeric()) / scale;
            if (rel > worst || report.length() == 0) {
                worst = Math.max(worst, rel);
                if (which != null) {
                    which[0] = e;
                }
                report.setLength(0);
                report.append(e.name()).append(": analytic ").append(a).append(", numeric ").append(e.numeric())
                        .append(", relative error ").append(rel);
            }
        }
        return worst;
    }

    static double maxAbs(List<Entry> entries, Gradients g) {
        return entries.stream().mapToDouble(e -> Math.abs(e.analytic(g))).max().orElse(0);
    }
}
