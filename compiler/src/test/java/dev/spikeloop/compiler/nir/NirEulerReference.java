package dev.spikeloop.compiler.nir;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent reference for tests: a forward-Euler simulation of the NIR equations, read
 * straight from the HDF5 file (not through {@link NirImporter}). Flat chains only:
 * {@code Input -> (Affine|Linear) -> (CubaLIF|LIF) [-> (Affine|Linear) -> itself] -> ... -> Output}.
 *
 * <p>Equations (NIR): {@code tau_syn I' = -I + w_in x}, {@code tau_mem v' = (v_leak - v) + r I}
 * (CubaLIF), {@code tau v' = (v_leak - v) + r x} (LIF), x the Affine output {@code W s + b}; a spike
 * is a Dirac of area {@code area} (1 in NIR; snnTorch's files mean 1e-4), i.e. {@code area / h} for
 * one Euler step h. Reset to {@code v_reset} (absent: 0), one spike per step; or, to compare with the
 * chip, by subtracting the threshold (as many spikes as thresholds in v).
 */
final class NirEulerReference {
    private record Layer(double[][] w, double[] b, double[][] rec, double[] recB, String type, Map<String, double[]> p) {
    }

    private final List<Layer> layers = new ArrayList<>();
    private final int inputs;

    NirEulerReference(Path file) {
        try (HdfFile f = new HdfFile(file)) {
            Group nodes = (Group) ((Group) f.getChild("node")).getChild("nodes");
            Object edgeData = ((Dataset) ((Group) f.getChild("node")).getChild("edges")).getData();
            Map<String, List<String>> succ = new HashMap<>();
            int n = Array.getLength(edgeData);
            for (int i = 0; i < n; i++) {
                Object e = Array.get(edgeData, i);
                succ.computeIfAbsent(str(Array.get(e, 0)), k -> new ArrayList<>()).add(str(Array.get(e, 1)));
            }
            String cur = null;
            for (Map.Entry<String, Node> e : nodes.getChildren().entrySet()) {
                if (type((Group) e.getValue()).equals("Input")) {
                    cur = e.getKey();
                }
            }
            int fanIn = -1;
            while (true) {
                String next = succ.get(cur).stream().filter(s -> !isRecurrentOf(s, succ, nodes)).findFirst().orElseThrow();
                Group wg = (Group) nodes.getChild(next);
                if (type(wg).equals("Output")) {
                    break;
                }
                String neuron = succ.get(next).get(0);
                Group ng = (Group) nodes.getChild(neuron);
                double[][] w = matrix(wg);
                fanIn = fanIn < 0 ? w[0].length : fanIn;
                double[][] rec = null;
                double[] recB = null;
                for (String s : succ.get(neuron)) {
                    if (succ.getOrDefault(s, List.of()).equals(List.of(neuron))) {
                        rec = matrix((Group) nodes.getChild(s));
                        recB = vector((Group) nodes.getChild(s), "bias", w.length, 0);
                    }
                }
                Map<String, double[]> p = new HashMap<>();
                int size = w.length;
                for (String k : List.of("tau_syn", "tau_mem", "tau", "r", "v_leak", "v_threshold", "v_reset", "w_in")) {
                    p.put(k, vector(ng, k, size, k.equals("w_in") || k.equals("r") ? 1 : 0));
                }
                layers.add(new Layer(w, vector(wg, "bias", size, 0), rec, recB, type(ng), p));
                cur = neuron;
            }
            inputs = fanIn;
        }
    }

    private static boolean isRecurrentOf(String node, Map<String, List<String>> succ, Group nodes) {
        // a weight node whose only successor feeds it back (node -> w -> node)
        List<String> s = succ.getOrDefault(node, List.of());
        return s.size() == 1 && succ.getOrDefault(s.get(0), List.of()).contains(node)
                && !type((Group) nodes.getChild(node)).equals("Output");
    }

    int inputs() {
        return inputs;
    }

    /**
     * Spikes per layer for one spike on every input channel at t = 0, over {@code tEnd} seconds.
     *
     * @param subtract reset by subtraction (the chip) instead of to v_reset (NIR)
     */
    long[] run(double area, double h, double tEnd, boolean subtract) {
        int steps = (int) Math.round(tEnd / h);
        int nl = layers.size();
        double[][] v = new double[nl][];
        double[][] cur = new double[nl][];
        double[][] s = new double[nl][];
        long[] counts = new long[nl];
        for (int l = 0; l < nl; l++) {
            int n = layers.get(l).w().length;
            v[l] = new double[n];
            cur[l] = new double[n];
            s[l] = new double[n];
        }
        for (int k = 0; k < steps; k++) {
            double[] in = new double[inputs];
            if (k == 0) {
                java.util.Arrays.fill(in, area / h);
            }
            for (int l = 0; l < nl; l++) {
                Layer L = layers.get(l);
                double[] src = l == 0 ? in : s[l - 1];
                double[] self = s[l].clone();
                for (int i = 0; i < L.w().length; i++) {
                    double x = L.b()[i];
                    for (int j = 0; j < src.length; j++) {
                        x += L.w()[i][j] * src[j];
                    }
                    if (L.rec() != null) {
                        x += L.recB()[i];
                        for (int j = 0; j < self.length; j++) {
                            x += L.rec()[i][j] * self[j];
                        }
                    }
                    Map<String, double[]> p = L.p();
                    if (L.type().equals("CubaLIF")) {
                        cur[l][i] += h / p.get("tau_syn")[i] * (-cur[l][i] + p.get("w_in")[i] * x);
                        v[l][i] += h / p.get("tau_mem")[i] * (p.get("v_leak")[i] - v[l][i] + p.get("r")[i] * cur[l][i]);
                    } else {
                        v[l][i] += h / p.get("tau")[i] * (p.get("v_leak")[i] - v[l][i] + p.get("r")[i] * x);
                    }
                    double th = p.get("v_threshold")[i];
                    int c = 0;
                    if (v[l][i] > th) {
                        if (subtract) {
                            c = (int) Math.floor(v[l][i] / th);
                            v[l][i] -= c * th;
                        } else {
                            c = 1;
                            v[l][i] = p.get("v_reset")[i];
                        }
                    }
                    s[l][i] = c * area / h;
                    counts[l] += c;
                }
            }
        }
        return counts;
    }

    private static String str(Object o) {
        return o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(o);
    }

    private static String type(Group g) {
        return str(((Dataset) g.getChild("type")).getData());
    }

    private static double[] flat(Dataset d) {
        Object data = d.isScalar() ? d.getData() : d.getDataFlat();
        if (data instanceof Number num) {
            return new double[] {num.doubleValue()};
        }
        double[] out = new double[Array.getLength(data)];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) Array.get(data, i)).doubleValue();
        }
        return out;
    }

    private static double[][] matrix(Group g) {
        Dataset d = (Dataset) g.getChild("weight");
        int[] dims = d.getDimensions();
        double[] f = flat(d);
        double[][] m = new double[dims[0]][dims[1]];
        for (int i = 0; i < dims[0]; i++) {
            System.arraycopy(f, i * dims[1], m[i], 0, dims[1]);
        }
        return m;
    }

    private static double[] vector(Group g, String name, int n, double absent) {
        Node node = g.getChildren().get(name);
        double[] v = node == null ? new double[] {absent} : flat((Dataset) node);
        if (v.length == n) {
            return v;
        }
        double[] b = new double[n];
        java.util.Arrays.fill(b, v[0]);
        return b;
    }
}
