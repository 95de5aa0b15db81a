package dev.spikeloop.chipconfig.rockpool;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.npy.NpyArray;
import dev.spikeloop.chipconfig.npy.NpyDtype;
import dev.spikeloop.chipconfig.proto.Alias;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.validate.ConfigValidator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.spikeloop.chipconfig.rockpool.RockpoolLayout.*;

/**
 * A chip configuration as the arrays of a Rockpool specification, for {@code np.savez}-style files:
 * {@code spec = dict(np.load("SPEC.npz")); config_from_specification(**spec)}. Weights are int8,
 * dashes uint8, thresholds and biases int16, shifts and aliases int64, dt float64 (0-d arrays for
 * the scalars). {@code bias_hidden} / {@code bias_out} are written only when the configuration has
 * biases, so an import gives the same configuration back.
 */
public final class RockpoolExport {
    private RockpoolExport() {
    }

    /**
     * The specification of a configuration (validated first).
     *
     * @throws dev.spikeloop.chipconfig.validate.InvalidConfigException if the configuration is invalid
     */
    public static Map<String, NpyArray> toArrays(ChipConfig c, String source) {
        ChipProfile p = ConfigValidator.validate(c, source);
        int in = c.getNumInputs();
        int h = c.getNumHidden();
        int s = c.getNumSynapses();
        int o = c.getNumOutputs();
        int cols = inputColumns(p, h);
        int rows = outputRows(p, h);
        boolean axis = synapseAxis(p, s);
        Map<String, NpyArray> a = new LinkedHashMap<>();

        int[] win = new int[in * cols * s];
        for (int i = 0; i < in; i++) {
            for (int n = 0; n < cols; n++) {
                for (int syn = 0; syn < s; syn++) {
                    win[(i * cols + n) * s + syn] = c.getWeightsIn((i * h + n) * s + syn);
                }
            }
        }
        a.put(WEIGHTS_IN, NpyArray.ofInts(NpyDtype.INT8, axis ? new int[] {in, cols, s} : new int[] {in, cols}, win));
        a.put(WEIGHTS_REC, NpyArray.ofInts(NpyDtype.INT8, axis ? new int[] {h, h, s} : new int[] {h, h},
                ints(c.getWeightsRecList())));
        int[] wout = new int[rows * o];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < o; k++) {
                wout[r * o + k] = c.getWeightsOut((h - rows + r) * o + k);
            }
        }
        a.put(WEIGHTS_OUT, NpyArray.ofInts(NpyDtype.INT8, new int[] {rows, o}, wout));

        a.put(DASH_MEM, vector(NpyDtype.UINT8, ints(c.getDashMemList())));
        a.put(DASH_MEM_OUT, vector(NpyDtype.UINT8, ints(c.getDashMemOutList())));
        int[] syn1 = new int[h];
        int[] syn2 = new int[h];
        for (int n = 0; n < h; n++) {
            syn1[n] = c.getDashSyn(n * s);
            syn2[n] = s == 2 ? c.getDashSyn(n * s + 1) : 0;
        }
        a.put(DASH_SYN, vector(NpyDtype.UINT8, syn1));
        a.put(DASH_SYN_2, vector(NpyDtype.UINT8, syn2));
        a.put(DASH_SYN_OUT, vector(NpyDtype.UINT8, ints(c.getDashSynOutList())));
        a.put(THRESHOLD, vector(NpyDtype.INT16, ints(c.getThresholdList())));
        a.put(THRESHOLD_OUT, vector(NpyDtype.INT16, ints(c.getThresholdOutList())));
        if (c.getBiasCount() > 0) {
            a.put(BIAS_HIDDEN, vector(NpyDtype.INT16, ints(c.getBiasList())));
        }
        if (c.getBiasOutCount() > 0) {
            a.put(BIAS_OUT, vector(NpyDtype.INT16, ints(c.getBiasOutList())));
        }
        a.put(WEIGHT_SHIFT_IN, NpyArray.scalar(NpyDtype.INT64, c.getWeightShiftIn()));
        a.put(WEIGHT_SHIFT_REC, NpyArray.scalar(NpyDtype.INT64, c.getWeightShiftRec()));
        a.put(WEIGHT_SHIFT_OUT, NpyArray.scalar(NpyDtype.INT64, c.getWeightShiftOut()));
        a.put(ALIASES, aliases(c, h));
        a.put(DT, NpyArray.scalar(c.getDtSeconds()));
        return a;
    }

    /**
     * Rockpool takes a list of alias-target lists per hidden neuron. Without aliases this is an
     * (H, 0) array, whose rows Rockpool reads as empty lists; with aliases (at most one per neuron)
     * an (H, 1) array with -1 for "none", which a user turns into lists in one line (docs).
     */
    private static NpyArray aliases(ChipConfig c, int h) {
        if (c.getAliasesCount() == 0) {
            return NpyArray.ofInts(NpyDtype.INT64, new int[] {h, 0}, new int[0]);
        }
        int[] target = new int[h];
        java.util.Arrays.fill(target, -1);
        for (Alias al : c.getAliasesList()) {
            target[al.getSource()] = al.getTarget();
        }
        return NpyArray.ofInts(NpyDtype.INT64, new int[] {h, 1}, target);
    }

    private static NpyArray vector(NpyDtype t, int[] v) {
        return NpyArray.ofInts(t, new int[] {v.length}, v);
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
