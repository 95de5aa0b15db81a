package dev.spikeloop.chipconfig.validate;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.proto.Alias;
import dev.spikeloop.chipconfig.proto.ChipConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The one check of a {@link ChipConfig} against its profile's limits. Every reader of a
 * configuration calls it, so nothing downstream (emulator, driver, board) ever sees a value the
 * chip could not hold.
 */
public final class ConfigValidator {
    /** The newest {@code format_version} this build understands. */
    public static final int FORMAT_VERSION = 1;

    private ConfigValidator() {
    }

    /**
     * Validates and returns the profile the configuration names.
     *
     * @param source a file name or other description for the message, may be null
     * @throws InvalidConfigException listing every problem
     */
    public static ChipProfile validate(ChipConfig c, String source) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (c.getFormatVersion() < 1 || c.getFormatVersion() > FORMAT_VERSION) {
            problems.add(new ConfigProblem("format_version", -1, Integer.toUnsignedString(c.getFormatVersion()),
                    "1.." + FORMAT_VERSION + " (this build)"));
        }
        // An empty name is a configuration written before profiles were recorded: the default profile.
        ChipProfile p = ChipProfile.ofConfig(c.getProfile()).orElse(null);
        if (p == null) {
            problems.add(new ConfigProblem("profile", -1, '"' + c.getProfile() + '"', "one of " + ChipProfile.knownNames()));
            throw new InvalidConfigException(source, problems);
        }
        if (!(c.getDtSeconds() > 0) || Double.isInfinite(c.getDtSeconds())) {
            problems.add(new ConfigProblem("dt_seconds", -1, Double.toString(c.getDtSeconds()), "finite and > 0"));
        }
        long in = Integer.toUnsignedLong(c.getNumInputs());
        long hid = Integer.toUnsignedLong(c.getNumHidden());
        long out = Integer.toUnsignedLong(c.getNumOutputs());
        long syn = Integer.toUnsignedLong(c.getNumSynapses());
        int before = problems.size();
        checkCount(problems, "num_inputs", in, 1, p.maxInputs());
        checkCount(problems, "num_hidden", hid, 1, p.maxHidden());
        checkCount(problems, "num_outputs", out, 1, p.maxOutputs());
        checkCount(problems, "num_synapses", syn, 1, p.maxSynapses());
        if (problems.size() > before) {
            // Array lengths are meaningless when the sizes are wrong; a bad dt or version alone is no reason to stop.
            throw new InvalidConfigException(source, problems);
        }
        int i = (int) in, h = (int) hid, o = (int) out, s = (int) syn;
        String weights = p.weightMin() + ".." + p.weightMax();
        // The weights are read unboxed in every check (IntValues says why).
        IntValues win = IntValues.of(c.getWeightsInList());
        IntValues wrec = IntValues.of(c.getWeightsRecList());
        IntValues wout = IntValues.of(c.getWeightsOutList());
        checkSigned(problems, "weights_in", win, i * h * s, false, p.weightMin(), p.weightMax(), weights);
        checkSigned(problems, "weights_rec", wrec, h * h * s, false, p.weightMin(), p.weightMax(), weights);
        checkSigned(problems, "weights_out", wout, h * o, false, p.weightMin(), p.weightMax(), weights);
        checkScalar(problems, "weight_shift_in", c.getWeightShiftIn(), p.maxWeightShift());
        checkScalar(problems, "weight_shift_rec", c.getWeightShiftRec(), p.maxWeightShift());
        checkScalar(problems, "weight_shift_out", c.getWeightShiftOut(), p.maxWeightShift());
        checkUnsigned(problems, "dash_mem", IntValues.of(c.getDashMemList()), h, p.maxDash());
        checkUnsigned(problems, "dash_syn", IntValues.of(c.getDashSynList()), h * s, p.maxDash());
        String state = p.stateMin() + ".." + p.stateMax();
        checkSigned(problems, "threshold", IntValues.of(c.getThresholdList()), h, false, p.stateMin(), p.stateMax(), state);
        checkSigned(problems, "bias", IntValues.of(c.getBiasList()), h, true, p.stateMin(), p.stateMax(), state);
        checkUnsigned(problems, "dash_mem_out", IntValues.of(c.getDashMemOutList()), o, p.maxDash());
        checkUnsigned(problems, "dash_syn_out", IntValues.of(c.getDashSynOutList()), o, p.maxDash());
        checkSigned(problems, "threshold_out", IntValues.of(c.getThresholdOutList()), o, false, p.stateMin(), p.stateMax(), state);
        checkSigned(problems, "bias_out", IntValues.of(c.getBiasOutList()), o, true, p.stateMin(), p.stateMax(), state);
        ResourceChecks.check(problems, c, p, win, wrec, wout);
        for (int k = 0; k < c.getAliasesCount(); k++) {
            Alias a = c.getAliases(k);
            if (Integer.toUnsignedLong(a.getSource()) >= h) {
                problems.add(new ConfigProblem("aliases.source", k, Integer.toUnsignedString(a.getSource()), "0.." + (h - 1)));
            }
            if (Integer.toUnsignedLong(a.getTarget()) >= h) {
                problems.add(new ConfigProblem("aliases.target", k, Integer.toUnsignedString(a.getTarget()), "0.." + (h - 1)));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(source, problems);
        }
        return p;
    }

    private static void checkCount(List<ConfigProblem> problems, String field, long value, int min, int max) {
        if (value < min || value > max) {
            problems.add(new ConfigProblem(field, -1, Long.toString(value), min + ".." + max));
        }
    }

    private static void checkScalar(List<ConfigProblem> problems, String field, int value, int max) {
        long v = Integer.toUnsignedLong(value);
        if (v > max) {
            problems.add(new ConfigProblem(field, -1, Long.toString(v), "0.." + max));
        }
    }

    private static boolean checkLength(List<ConfigProblem> problems, String field, int actual, int expected, boolean mayBeEmpty) {
        if (actual == expected || (mayBeEmpty && actual == 0)) {
            return true;
        }
        problems.add(new ConfigProblem(field, -1, "length " + actual,
                "length " + expected + (mayBeEmpty ? " or 0" : "")));
        return false;
    }

    private static void checkSigned(List<ConfigProblem> problems, String field, IntValues v, int expected,
                                    boolean mayBeEmpty, int min, int max, String limit) {
        if (!checkLength(problems, field, v.size(), expected, mayBeEmpty)) {
            return;
        }
        for (int k = 0, n = v.size(); k < n; k++) {
            int x = v.get(k);
            if (x < min || x > max) {
                problems.add(new ConfigProblem(field, k, Integer.toString(x), limit));
            }
        }
    }

    private static void checkUnsigned(List<ConfigProblem> problems, String field, IntValues v, int expected, int max) {
        if (!checkLength(problems, field, v.size(), expected, false)) {
            return;
        }
        for (int k = 0, n = v.size(); k < n; k++) {
            long u = Integer.toUnsignedLong(v.get(k));
            if (u > max) {
                problems.add(new ConfigProblem(field, k, Long.toString(u), "0.." + max));
            }
        }
    }
}
