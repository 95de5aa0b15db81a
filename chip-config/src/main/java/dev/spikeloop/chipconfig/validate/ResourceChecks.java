package dev.spikeloop.chipconfig.validate;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.proto.Alias;
import dev.spikeloop.chipconfig.proto.ChipConfig;

import java.util.List;

/**
 * The profile limits that concern how the weights are spread over the neurons rather than their
 * values: fan-out per hidden neuron, the recurrent weight memory, which hidden neurons the input
 * and output projections reach, and alias targets per neuron (rules in {@link ChipProfile} and
 * docs/chip-config.md). Each problem names the neuron, its count and the limit.
 */
final class ResourceChecks {
    private ResourceChecks() {
    }

    /**
     * Adds every resource problem; array lengths are assumed checked (wrong lengths are skipped).
     * {@code win}, {@code rec} and {@code wout} are the configuration's weight arrays.
     */
    static void check(List<ConfigProblem> problems, ChipConfig c, ChipProfile p, IntValues win, IntValues rec,
                      IntValues wout) {
        int in = c.getNumInputs();
        int h = c.getNumHidden();
        int s = c.getNumSynapses();
        int o = c.getNumOutputs();
        if (rec.size() == h * h * s && wout.size() == h * o) {
            checkFanOut(problems, rec, wout, h, s, o, p);
        }
        if (p.restrictsInput() && win.size() == in * h * s) {
            checkInputReach(problems, win, in, h, s, p);
        }
        if (p.restrictsOutput() && wout.size() == h * o) {
            checkOutputReach(problems, wout, h, o, p);
        }
        checkAliases(problems, c, h, p);
    }

    private static void checkFanOut(List<ConfigProblem> problems, IntValues rec, IntValues out, int h, int s,
                                    int o, ChipProfile p) {
        long[] perSynapse = new long[s];
        int row = h * s;
        for (int j = 0; j < h; j++) {
            int recurrent = 0;
            for (int syn = 0; syn < s; syn++) { // row j's entries of synapse syn: every s-th from j * row + syn
                int n = 0;
                for (int k = j * row + syn, end = (j + 1) * row; k < end; k += s) {
                    n += rec.get(k) != 0 ? 1 : 0;
                }
                recurrent += n;
                perSynapse[syn] += n;
            }
            int readout = 0;
            for (int k = j * o, end = k + o; k < end; k++) {
                readout += out.get(k) != 0 ? 1 : 0;
            }
            if (recurrent + readout > p.maxFanOut()) {
                problems.add(new ConfigProblem("fan_out", j, (recurrent + readout) + " (" + recurrent
                        + " non-zero weights_rec + " + readout + " weights_out entries)",
                        "0.." + p.maxFanOut() + " per hidden neuron on " + p.name()));
            }
        }
        for (int syn = 0; syn < s; syn++) {
            if (perSynapse[syn] > p.recurrentBudget()) {
                problems.add(new ConfigProblem("recurrent_memory_syn" + (syn + 1), -1,
                        perSynapse[syn] + " non-zero weights_rec entries",
                        "0.." + p.recurrentBudget() + " on " + p.name() + ": " + p.avgFanOut()
                                + " per hidden neuron x " + p.maxHidden()));
            }
        }
    }

    private static void checkInputReach(List<ConfigProblem> problems, IntValues win, int in, int h, int s,
                                        ChipProfile p) {
        int[] count = new int[h];
        for (int k = 0; k < in * h * s; k++) {
            if (win.get(k) != 0) {
                count[(k / s) % h]++;
            }
        }
        for (int n = p.inputReach(); n < h; n++) {
            if (count[n] > 0) {
                problems.add(new ConfigProblem("input_reach", n, count[n] + " non-zero weights_in entries",
                        "none: on " + p.name() + " input weights reach only hidden neurons 0.." + (p.inputReach() - 1)));
            }
        }
    }

    private static void checkOutputReach(List<ConfigProblem> problems, IntValues wout, int h, int o,
                                         ChipProfile p) {
        int first = Math.max(0, h - p.outputReach());
        for (int n = 0; n < first; n++) {
            int count = 0;
            for (int k = n * o; k < (n + 1) * o; k++) {
                count += wout.get(k) != 0 ? 1 : 0;
            }
            if (count > 0) {
                problems.add(new ConfigProblem("output_reach", n, count + " non-zero weights_out entries",
                        "none: on " + p.name() + " output weights come only from the last " + p.outputReach()
                                + " hidden neurons, here " + first + ".." + (h - 1)));
            }
        }
    }

    private static void checkAliases(List<ConfigProblem> problems, ChipConfig c, int h, ChipProfile p) {
        int[] targets = new int[h];
        for (Alias a : c.getAliasesList()) {
            if (Integer.toUnsignedLong(a.getSource()) < h) {
                targets[a.getSource()]++;
            }
        }
        for (int n = 0; n < h; n++) {
            if (targets[n] > p.maxAliases()) {
                problems.add(new ConfigProblem("alias_targets", n, Integer.toString(targets[n]),
                        "0.." + p.maxAliases() + " per hidden neuron on " + p.name()));
            }
        }
    }
}
