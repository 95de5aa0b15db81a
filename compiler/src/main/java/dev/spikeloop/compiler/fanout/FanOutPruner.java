package dev.spikeloop.compiler.fanout;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Prunes a float network to the fan-out of a chip profile by weight magnitude, only when asked
 * ({@code compile --prune-fanout}). First, each hidden neuron whose outgoing weights ({@link FanOut})
 * exceed {@code maxFanOut} keeps its {@code maxFanOut} strongest; then, while the hidden-to-hidden
 * weights exceed the recurrent weight memory, the weakest of them go. Strength is |w| divided by the
 * threshold of the layer the weight drives, i.e. how much of a spike it is worth, so weights into
 * layers of different scale compare fairly. The diagonal of recurrent matrices (ignored by the model)
 * is not counted and left alone.
 *
 * @param network the pruned network (the input network itself when nothing had to go)
 * @param reports one entry per matrix that lost weights
 * @param neuronsOverLimit hidden neurons whose fan-out exceeded the limit
 */
public record FanOutPruner(FloatNetwork network, List<PruneReport> reports, int neuronsOverLimit) {

    /** One outgoing weight: matrix m (2l: weights of layer l, 2l+1: recurrent of layer l), row i, column j. */
    private record Entry(int m, int i, int j, double strength) {
    }

    /** Prunes {@code net} to {@code p}'s fan-out and recurrent memory. */
    public static FanOutPruner prune(FloatNetwork net, ChipProfile p) {
        List<LayerSpec> layers = net.layers();
        int last = layers.size() - 1;
        double[][][] mats = new double[2 * layers.size()][][];
        for (int l = 0; l < layers.size(); l++) {
            mats[2 * l] = copy(layers.get(l).weights());
            mats[2 * l + 1] = copy(layers.get(l).recurrent());
        }
        int over = 0;
        for (int l = 0; l < last; l++) {
            for (int j = 0; j < layers.get(l).size(); j++) {
                List<Entry> out = outgoing(layers, mats, l, j);
                if (out.size() > p.maxFanOut()) {
                    over++;
                    out.sort(Comparator.comparingDouble(Entry::strength).reversed());
                    for (Entry e : out.subList(p.maxFanOut(), out.size())) {
                        mats[e.m][e.i][e.j] = 0;
                    }
                }
            }
        }
        List<Entry> h2h = new ArrayList<>();
        for (int l = 0; l < last; l++) {
            for (int j = 0; j < layers.get(l).size(); j++) {
                for (Entry e : outgoing(layers, mats, l, j)) {
                    if (e.m != 2 * last) {
                        h2h.add(e);
                    }
                }
            }
        }
        if (h2h.size() > p.recurrentBudget()) {
            h2h.sort(Comparator.comparingDouble(Entry::strength));
            for (Entry e : h2h.subList(0, h2h.size() - p.recurrentBudget())) {
                mats[e.m][e.i][e.j] = 0;
            }
        }
        List<PruneReport> reports = new ArrayList<>();
        List<LayerSpec> pruned = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            LayerSpec s = layers.get(l);
            report(reports, where(l, s) + " weights", s.weights(), mats[2 * l], false);
            report(reports, where(l, s) + " recurrent", s.recurrent(), mats[2 * l + 1], true);
            pruned.add(new LayerSpec(s.name(), s.size(), s.tauSyn(), s.tauMem(), s.threshold(), mats[2 * l], mats[2 * l + 1]));
        }
        FloatNetwork result = reports.isEmpty() ? net : new FloatNetwork(net.inputs(), net.tEnd(), pruned);
        return new FanOutPruner(result, List.copyOf(reports), over);
    }

    /** Summary lines for the compilation report, starting with the rule applied. */
    public List<String> notes(ChipProfile p) {
        List<String> notes = new ArrayList<>();
        String rule = "fan-out pruning to " + p.name() + " (at most " + p.maxFanOut() + " targets per hidden neuron, "
                + p.recurrentBudget() + " hidden-to-hidden weights)";
        if (reports.isEmpty()) {
            notes.add(rule + ": nothing to remove");
            return notes;
        }
        notes.add(rule + ": " + neuronsOverLimit + " neuron(s) were over the fan-out limit");
        for (PruneReport r : reports) {
            notes.add("pruned " + r);
        }
        return notes;
    }

    private static List<Entry> outgoing(List<LayerSpec> layers, double[][][] mats, int l, int j) {
        List<Entry> out = new ArrayList<>();
        double[][] next = mats[2 * (l + 1)];
        double thresholdNext = layers.get(l + 1).threshold();
        for (int i = 0; i < next.length; i++) {
            if (next[i][j] != 0) {
                out.add(new Entry(2 * (l + 1), i, j, Math.abs(next[i][j]) / thresholdNext));
            }
        }
        double[][] rec = mats[2 * l + 1];
        if (rec != null) {
            double threshold = layers.get(l).threshold();
            for (int i = 0; i < rec.length; i++) {
                if (i != j && rec[i][j] != 0) {
                    out.add(new Entry(2 * l + 1, i, j, Math.abs(rec[i][j]) / threshold));
                }
            }
        }
        return out;
    }

    private static void report(List<PruneReport> reports, String name, double[][] before, double[][] after,
                               boolean recurrent) {
        if (before == null) {
            return;
        }
        int nonZero = 0;
        int removed = 0;
        double l1 = 0;
        double l1Removed = 0;
        double largest = 0;
        for (int i = 0; i < before.length; i++) {
            for (int j = 0; j < before[i].length; j++) {
                double w = before[i][j];
                if (w == 0 || (recurrent && i == j)) {
                    continue;
                }
                nonZero++;
                l1 += Math.abs(w);
                if (after[i][j] == 0) {
                    removed++;
                    l1Removed += Math.abs(w);
                    largest = Math.max(largest, Math.abs(w));
                }
            }
        }
        if (removed > 0) {
            reports.add(new PruneReport(name, nonZero, removed, l1Removed / l1, largest));
        }
    }

    private static String where(int l, LayerSpec layer) {
        return layer.name() == null ? "layer " + l : "layer " + l + " '" + layer.name() + "'";
    }

    private static double[][] copy(double[][] m) {
        if (m == null) {
            return null;
        }
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
