package dev.spikeloop.chipconfig.rockpool;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.npy.NpyArray;
import dev.spikeloop.chipconfig.proto.Alias;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.validate.ConfigValidator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.spikeloop.chipconfig.rockpool.RockpoolLayout.*;

/**
 * Reads a Rockpool specification (array names and shapes as Rockpool's mappers write them) into a
 * chip configuration of a given profile. Every problem with the arrays (missing, unknown, wrong
 * shape, wrong dtype, values that are not whole numbers) is collected and reported at once; the
 * result is then validated against the profile, which reports every limit it breaks.
 *
 * <p>Accepted: weights as int or float arrays of whole numbers; weights with or without the synapse
 * axis; {@code weights_in} covering the first N hidden neurons and {@code weights_out} the last N
 * (N up to H); {@code bias} (the mappers' name) for {@code bias_hidden}; {@code aliases} as an
 * (H, 0), (H, 1) or (H,) array with -1 for "no alias".
 */
public final class RockpoolImport {
    private final Map<String, NpyArray> arrays;
    private final List<String> problems = new ArrayList<>();

    private RockpoolImport(Map<String, NpyArray> arrays) {
        this.arrays = arrays;
    }

    /**
     * The configuration of a specification.
     *
     * @param source file name for messages
     * @throws InvalidRockpoolSpecException listing every problem with the arrays
     * @throws dev.spikeloop.chipconfig.validate.InvalidConfigException listing every limit of
     *                                                                   {@code profile} it breaks
     */
    public static ChipConfig toConfig(Map<String, NpyArray> arrays, ChipProfile profile, String source) {
        ChipConfig c = new RockpoolImport(arrays).build(profile, source);
        ConfigValidator.validate(c, source + " (as " + profile.name() + ")");
        return c;
    }

    private ChipConfig build(ChipProfile p, String source) {
        for (String name : REQUIRED) {
            if (!arrays.containsKey(name)) {
                problems.add("missing array '" + name + "'");
            }
        }
        for (String name : arrays.keySet()) {
            if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                problems.add("unknown array '" + name + "' (Rockpool's names: " + String.join(", ", REQUIRED) + ", "
                        + String.join(", ", OPTIONAL) + ")");
            }
        }
        if (arrays.containsKey(BIAS) && arrays.containsKey(BIAS_HIDDEN)) {
            problems.add("both 'bias' and 'bias_hidden' given; they are the same array");
        }
        // Sizes come from the weights: H from weights_rec, S from its synapse axis, I and O from weights_in/out.
        int h = -1;
        int s = -1;
        NpyArray rec = arrays.get(WEIGHTS_REC);
        if (rec != null) {
            int[] sh = rec.shape();
            if ((sh.length == 2 || sh.length == 3) && sh[0] == sh[1] && (sh.length == 2 || sh[2] == 1 || sh[2] == 2)) {
                h = sh[0];
                s = sh.length == 3 ? sh[2] : 1;
            } else {
                problems.add("'weights_rec' has shape " + rec.shapeText() + ", expected (H, H) or (H, H, S) with S = 1 or 2");
            }
        }
        int in = -1;
        int cols = -1;
        NpyArray win = arrays.get(WEIGHTS_IN);
        if (win != null) {
            int[] sh = win.shape();
            int syn = sh.length == 3 ? sh[2] : 1;
            if ((sh.length == 2 || sh.length == 3) && (h < 0 || (sh[1] <= h && syn == s))) {
                in = sh[0];
                cols = sh[1];
            } else {
                problems.add("'weights_in' has shape " + win.shapeText() + ", expected (I, N) or (I, N, S) with N <= H"
                        + (h < 0 ? "" : " = " + h + " and S = " + s + " (from weights_rec)"));
            }
        }
        int o = -1;
        int rows = -1;
        NpyArray wout = arrays.get(WEIGHTS_OUT);
        if (wout != null) {
            int[] sh = wout.shape();
            if (sh.length == 2 && (h < 0 || sh[0] <= h)) {
                rows = sh[0];
                o = sh[1];
            } else {
                problems.add("'weights_out' has shape " + wout.shapeText() + ", expected (N, O) with N <= H"
                        + (h < 0 ? "" : " = " + h));
            }
        }
        checkWhole(WEIGHTS_IN, WEIGHTS_REC, WEIGHTS_OUT, DASH_MEM, DASH_MEM_OUT, DASH_SYN, DASH_SYN_2, DASH_SYN_OUT,
                THRESHOLD, THRESHOLD_OUT, BIAS_HIDDEN, BIAS, BIAS_OUT, WEIGHT_SHIFT_IN, WEIGHT_SHIFT_REC, WEIGHT_SHIFT_OUT,
                ALIASES);
        checkUnsigned(DASH_MEM, DASH_MEM_OUT, DASH_SYN, DASH_SYN_2, DASH_SYN_OUT, WEIGHT_SHIFT_IN, WEIGHT_SHIFT_REC,
                WEIGHT_SHIFT_OUT);
        if (h >= 0) {
            checkVector(DASH_MEM, h, "H");
            checkVector(DASH_SYN, h, "H");
            checkVector(THRESHOLD, h, "H");
            checkVector(BIAS_HIDDEN, h, "H");
            checkVector(BIAS, h, "H");
            if (s == 2 && !arrays.containsKey(DASH_SYN_2)) {
                problems.add("missing array 'dash_syn_2' (the weights use synapse 2)");
            }
            checkVector(DASH_SYN_2, h, "H");
            checkAliases(h);
        }
        if (o >= 0) {
            checkVector(DASH_MEM_OUT, o, "O");
            checkVector(DASH_SYN_OUT, o, "O");
            checkVector(THRESHOLD_OUT, o, "O");
            checkVector(BIAS_OUT, o, "O");
        }
        for (String name : List.of(WEIGHT_SHIFT_IN, WEIGHT_SHIFT_REC, WEIGHT_SHIFT_OUT, DT)) {
            NpyArray a = arrays.get(name);
            if (a != null && a.size() != 1) {
                problems.add("'" + name + "' has shape " + a.shapeText() + ", expected a scalar");
            }
        }
        NpyArray dt = arrays.get(DT);
        if (dt != null && dt.dtype().kind() == 'b') {
            problems.add("'dt' has dtype bool, expected a float (seconds)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidRockpoolSpecException(source, problems);
        }
        return assemble(p, in, h, s, o, cols, rows);
    }

    private ChipConfig assemble(ChipProfile p, int in, int h, int s, int o, int cols, int rows) {
        ChipConfig.Builder b = ChipConfig.newBuilder().setFormatVersion(ConfigValidator.FORMAT_VERSION)
                .setProfile(p.name()).setDtSeconds(arrays.get(DT).doubleAt(0))
                .setNumInputs(in).setNumHidden(h).setNumSynapses(s).setNumOutputs(o)
                .setWeightShiftIn(intAt(WEIGHT_SHIFT_IN, 0)).setWeightShiftRec(intAt(WEIGHT_SHIFT_REC, 0))
                .setWeightShiftOut(intAt(WEIGHT_SHIFT_OUT, 0));
        NpyArray win = arrays.get(WEIGHTS_IN);
        for (int i = 0; i < in; i++) {
            for (int n = 0; n < h; n++) {
                for (int syn = 0; syn < s; syn++) {
                    b.addWeightsIn(n < cols ? (int) win.longAt((i * cols + n) * s + syn) : 0);
                }
            }
        }
        NpyArray rec = arrays.get(WEIGHTS_REC);
        for (int k = 0; k < rec.size(); k++) {
            b.addWeightsRec((int) rec.longAt(k));
        }
        NpyArray wout = arrays.get(WEIGHTS_OUT);
        for (int n = 0; n < h; n++) {
            int r = n - (h - rows);
            for (int k = 0; k < o; k++) {
                b.addWeightsOut(r >= 0 ? (int) wout.longAt(r * o + k) : 0);
            }
        }
        for (int n = 0; n < h; n++) {
            b.addDashMem(intAt(DASH_MEM, n)).addThreshold(intAt(THRESHOLD, n)).addDashSyn(intAt(DASH_SYN, n));
            if (s == 2) {
                b.addDashSyn(intAt(DASH_SYN_2, n));
            }
        }
        String bias = arrays.containsKey(BIAS_HIDDEN) ? BIAS_HIDDEN : arrays.containsKey(BIAS) ? BIAS : null;
        if (bias != null) {
            for (int n = 0; n < h; n++) {
                b.addBias(intAt(bias, n));
            }
        }
        for (int k = 0; k < o; k++) {
            b.addDashMemOut(intAt(DASH_MEM_OUT, k)).addDashSynOut(intAt(DASH_SYN_OUT, k))
                    .addThresholdOut(intAt(THRESHOLD_OUT, k));
            if (arrays.containsKey(BIAS_OUT)) {
                b.addBiasOut(intAt(BIAS_OUT, k));
            }
        }
        NpyArray aliases = arrays.get(ALIASES);
        if (aliases != null && aliases.size() > 0) {
            for (int n = 0; n < h; n++) {
                long t = aliases.longAt(n);
                if (t >= 0) {
                    b.addAliases(Alias.newBuilder().setSource(n).setTarget((int) t));
                }
            }
        }
        return b.build();
    }

    private int intAt(String name, int k) {
        return (int) arrays.get(name).longAt(k);
    }

    /** Integer fields must hold whole numbers that fit 32 bits, whatever the array's dtype. */
    private void checkWhole(String... names) {
        for (String name : names) {
            NpyArray a = arrays.get(name);
            if (a == null) {
                continue;
            }
            if (a.dtype().kind() == 'b') {
                problems.add("'" + name + "' has dtype bool, expected integers");
                continue;
            }
            int bad = 0;
            for (int k = 0; k < a.size(); k++) {
                boolean ok = a.isIntegral(k) && a.doubleAt(k) >= Integer.MIN_VALUE && a.doubleAt(k) <= Integer.MAX_VALUE;
                if (!ok && bad++ < 3) {
                    problems.add("'" + name + "'[" + k + "] = " + (a.dtype().isFloat() ? a.doubleAt(k) : a.longAt(k))
                            + " (" + a.dtype().numpyName() + "): not a whole number within 32 bits");
                }
            }
            if (bad > 3) {
                problems.add("'" + name + "': " + (bad - 3) + " more values that are not whole 32-bit numbers");
            }
        }
    }

    private void checkUnsigned(String... names) {
        for (String name : names) {
            NpyArray a = arrays.get(name);
            if (a == null || a.dtype().kind() == 'b') {
                continue;
            }
            for (int k = 0; k < a.size(); k++) {
                if (a.doubleAt(k) < 0) {
                    problems.add("'" + name + "'[" + k + "] = " + a.longAt(k) + ": must not be negative");
                    break;
                }
            }
        }
    }

    private void checkVector(String name, int length, String what) {
        NpyArray a = arrays.get(name);
        if (a != null && (a.ndim() != 1 || a.size() != length)) {
            problems.add("'" + name + "' has shape " + a.shapeText() + ", expected (" + what + ",) = (" + length + ",)");
        }
    }

    private void checkAliases(int h) {
        NpyArray a = arrays.get(ALIASES);
        if (a == null) {
            return;
        }
        int[] sh = a.shape();
        boolean shapeOk = (sh.length == 1 && sh[0] == h) || (sh.length == 2 && sh[0] == h && (sh[1] == 0 || sh[1] == 1));
        if (!shapeOk) {
            problems.add("'aliases' has shape " + a.shapeText() + ", expected (" + h + ", 0), (" + h + ", 1) or (" + h
                    + ",): at most one alias target per hidden neuron, -1 for none");
            return;
        }
        for (int k = 0; k < a.size(); k++) {
            if (a.isIntegral(k) && (a.longAt(k) < -1 || a.longAt(k) >= h)) {
                problems.add("'aliases'[" + k + "] = " + a.longAt(k) + ": a hidden neuron 0.." + (h - 1) + " or -1 for none");
            }
        }
    }
}
