package dev.spikeloop.emulator.xylo;

import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.chipconfig.spikes.EmulationResult;
import dev.spikeloop.chipconfig.spikes.StepObserver;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.proto.Alias;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.validate.ConfigValidator;

import java.util.Arrays;
import java.util.List;

/**
 * The bit-accurate, event-driven emulator of a Xylo-class core (docs/emulator.md).
 *
 * <p>Event-driven: a step touches only the weight rows of input channels and hidden neurons that
 * spiked, through per-presynaptic sparse lists of (target, shifted weight) kept in the chip's
 * order; the neuron update itself visits every neuron, because every state decays. A step
 * allocates nothing. Not thread-safe.
 */
public final class XyloEmulator implements XyloCore {
    private static final int MIN16 = -32768;
    private static final int MAX16 = 32767;

    private final int numIn;
    private final int numHid;
    private final int numSyn;
    private final int numOut;
    private final int maxInCount;
    private final int maxHidCount;
    private final int maxOutCount;

    private final SparseSynapses inputSynapses;
    private final SparseSynapses recurrentSynapses;
    private final SparseSynapses outputSynapses;

    private final int[] dashSyn;
    private final int[] dashMem;
    private final int[] threshold;
    private final int[] bias;
    private final int[] dashSynOut;
    private final int[] dashMemOut;
    private final int[] thresholdOut;
    private final int[] biasOut;
    /** Alias targets of hidden neuron h: aliasTarget[aliasStart[h] .. aliasStart[h+1]-1], in config order. */
    private final int[] aliasStart;
    private final int[] aliasTarget;

    // State. Values are 16-bit, held in ints.
    private final int[] isyn;
    private final int[] vmem;
    private final int[] isynOut;
    private final int[] vmemOut;
    /** Hidden spike counts: of the previous step until delivered, then of the step being evolved. */
    private final int[] hiddenCount;
    /** Hidden neurons with a non-zero count after the last step, ascending. */
    private final int[] active;
    private int activeCount;

    /**
     * @throws dev.spikeloop.chipconfig.validate.InvalidConfigException if the configuration does not
     *                                                                   fit its profile
     */
    public XyloEmulator(ChipConfig config) {
        this(config, "chip configuration");
    }

    /**
     * An emulator of {@code config}, validated here with {@code source} (a file name) in the message.
     *
     * @throws dev.spikeloop.chipconfig.validate.InvalidConfigException if the configuration does not
     *                                                                   fit its profile
     */
    public XyloEmulator(ChipConfig config, String source) {
        ChipProfile profile = ConfigValidator.validate(config, source);
        numIn = config.getNumInputs();
        numHid = config.getNumHidden();
        numSyn = config.getNumSynapses();
        numOut = config.getNumOutputs();
        maxInCount = profile.maxInputCount();
        maxHidCount = profile.maxHiddenCount();
        maxOutCount = profile.maxOutputCount();

        inputSynapses = SparseSynapses.of(config.getWeightsInList(), numIn, numHid * numSyn, config.getWeightShiftIn());
        recurrentSynapses = SparseSynapses.of(config.getWeightsRecList(), numHid, numHid * numSyn,
                config.getWeightShiftRec());
        outputSynapses = SparseSynapses.of(config.getWeightsOutList(), numHid, numOut, config.getWeightShiftOut());

        dashSyn = toArray(config.getDashSynList(), numHid * numSyn);
        dashMem = toArray(config.getDashMemList(), numHid);
        threshold = toArray(config.getThresholdList(), numHid);
        bias = toArray(config.getBiasList(), numHid);
        dashSynOut = toArray(config.getDashSynOutList(), numOut);
        dashMemOut = toArray(config.getDashMemOutList(), numOut);
        thresholdOut = toArray(config.getThresholdOutList(), numOut);
        biasOut = toArray(config.getBiasOutList(), numOut);

        aliasStart = new int[numHid + 1];
        aliasTarget = new int[config.getAliasesCount()];
        for (Alias a : config.getAliasesList()) {
            aliasStart[a.getSource() + 1]++;
        }
        for (int h = 0; h < numHid; h++) {
            aliasStart[h + 1] += aliasStart[h];
        }
        int[] fill = Arrays.copyOf(aliasStart, numHid);
        for (Alias a : config.getAliasesList()) {
            aliasTarget[fill[a.getSource()]++] = a.getTarget();
        }

        isyn = new int[numHid * numSyn];
        vmem = new int[numHid];
        isynOut = new int[numOut];
        vmemOut = new int[numOut];
        hiddenCount = new int[numHid];
        active = new int[numHid];
    }

    /** Copies a repeated field into an int array; an empty field (allowed for biases) gives zeros. */
    private static int[] toArray(List<Integer> values, int length) {
        int[] out = new int[length];
        for (int k = 0; k < values.size(); k++) {
            out[k] = values.get(k);
        }
        return out;
    }

    @Override
    public int numInputs() {
        return numIn;
    }

    @Override
    public int numHidden() {
        return numHid;
    }

    @Override
    public int numSynapses() {
        return numSyn;
    }

    @Override
    public int numOutputs() {
        return numOut;
    }

    /** The sparse input weights (for counting synaptic events). */
    public SparseSynapses inputSynapses() {
        return inputSynapses;
    }

    /** The sparse recurrent weights (for counting synaptic events). */
    public SparseSynapses recurrentSynapses() {
        return recurrentSynapses;
    }

    /** The sparse output weights (for counting synaptic events). */
    public SparseSynapses outputSynapses() {
        return outputSynapses;
    }

    @Override
    public void reset() {
        Arrays.fill(isyn, 0);
        Arrays.fill(vmem, 0);
        Arrays.fill(isynOut, 0);
        Arrays.fill(vmemOut, 0);
        Arrays.fill(hiddenCount, 0);
        activeCount = 0;
    }

    @Override
    public EmulationResult run(SpikeRaster input, int steps, StepObserver observer) {
        // Buffers grow with the spikes, not with the steps: a long, mostly silent run needs little memory.
        SpikeRecorder outputs = new SpikeRecorder(64);
        SpikeRecorder hidden = new SpikeRecorder(1024);
        stream(input, steps, outputs, hidden, observer);
        return new EmulationResult(outputs.toRaster(), hidden.toRaster(), null);
    }

    /**
     * Runs {@code steps} steps as {@link #run(SpikeRaster, int, StepObserver)} does, but hands every
     * spike to a sink as it happens instead of collecting them, so the memory used does not grow with
     * the run (emulate streams its CSV files this way).
     *
     * @param outputs  receives the output spikes
     * @param hidden   receives the hidden spikes
     * @param observer sees the states after every step (may be null)
     */
    public void stream(SpikeRaster input, int steps, SpikeSink outputs, SpikeSink hidden, StepObserver observer) {
        RunChecks.check(input, steps, numIn);
        int next = 0;
        for (int t = 0; t < steps; t++) {
            next = deliverInputs(input, next, t);
            deliverHiddenSpikes();
            evolveHidden(t, hidden);
            evolveOutputs(t, outputs);
            if (observer != null) {
                observer.afterStep(t, vmem, isyn, vmemOut, isynOut);
            }
        }
    }

    /** Step 1: this step's input events, channels ascending (the raster's order). */
    private int deliverInputs(SpikeRaster input, int next, int t) {
        int n = input.size();
        while (next < n && input.step(next) == t) {
            addRow(inputSynapses, input.neuron(next), Math.min(input.count(next), maxInCount), isyn);
            next++;
        }
        return next;
    }

    /**
     * Steps 2 and 3: the previous step's hidden spikes into the recurrent and the output currents.
     * Recurrent and output targets are disjoint states, so handling both per presynaptic neuron
     * keeps every state's order of additions. Clears the counts for this step's evolution.
     */
    private void deliverHiddenSpikes() {
        for (int k = 0; k < activeCount; k++) {
            int j = active[k];
            int c = Math.min(hiddenCount[j], maxHidCount);
            addRow(recurrentSynapses, j, c, isyn);
            addRow(outputSynapses, j, c, isynOut);
            hiddenCount[j] = 0;
        }
        activeCount = 0;
    }

    /**
     * Adds {@code count} copies of every weight in one row to its target current. Adding the same
     * weight c times with 16-bit saturation after each addition equals one saturation of the sum
     * c*w, because all c additions push the same way; so this is bit-exact to the chip.
     */
    private static void addRow(SparseSynapses synapses, int row, int count, int[] currents) {
        int[] start = synapses.start();
        int[] target = synapses.target();
        int[] weight = synapses.weight();
        int end = start[row + 1];
        for (int k = start[row]; k < end; k++) {
            int t = target[k];
            currents[t] = sat16(currents[t] + count * weight[k]);
        }
    }

    /** Step 4 for hidden neurons, ascending, with aliases; then lists the neurons that spiked. */
    private void evolveHidden(int t, SpikeSink recorder) {
        for (int h = 0; h < numHid; h++) {
            int base = h * numSyn;
            int sum = 0;
            for (int s = 0; s < numSyn; s++) {
                int x = isyn[base + s];
                x -= decay(x, dashSyn[base + s]);
                isyn[base + s] = x;
                sum += x;
            }
            int v = integrate(vmem[h], dashMem[h], sum, bias[h]);
            // The count starts from the alias copies already received this step.
            int count = hiddenCount[h];
            int th = threshold[h];
            if (v >= th && count < maxHidCount) {
                if (th > 0) {
                    int n = Math.min(maxHidCount - count, v / th);
                    count += n;
                    v -= n * th;
                } else {
                    long vc = fireNonPositive(v, th, count, maxHidCount);
                    v = (int) (vc >> 32);
                    count = (int) vc;
                }
            }
            vmem[h] = v;
            hiddenCount[h] = count;
            if (count > 0) {
                for (int a = aliasStart[h], end = aliasStart[h + 1]; a < end; a++) {
                    int target = aliasTarget[a];
                    hiddenCount[target] = Math.min(maxHidCount, hiddenCount[target] + count);
                }
            }
        }
        // Alias copies may have reached neurons that had already evolved, so the final counts are
        // only known now.
        for (int h = 0; h < numHid; h++) {
            int c = hiddenCount[h];
            if (c != 0) {
                active[activeCount++] = h;
                recorder.spike(t, h, c);
            }
        }
    }

    /** Step 4 for output neurons: one synapse each, at most {@code maxOutCount} spikes, no aliases. */
    private void evolveOutputs(int t, SpikeSink recorder) {
        for (int o = 0; o < numOut; o++) {
            int x = isynOut[o];
            x -= decay(x, dashSynOut[o]);
            isynOut[o] = x;
            int v = integrate(vmemOut[o], dashMemOut[o], x, biasOut[o]);
            int count = 0;
            int th = thresholdOut[o];
            if (v >= th) {
                if (th > 0) {
                    count = Math.min(maxOutCount, v / th);
                    v -= count * th;
                } else {
                    long vc = fireNonPositive(v, th, 0, maxOutCount);
                    v = (int) (vc >> 32);
                    count = (int) vc;
                }
            }
            vmemOut[o] = v;
            if (count > 0) {
                recorder.spike(t, o, count);
            }
        }
    }

    /**
     * The membrane update: {@code dv = -decay(v)} negated in 16 bits (so -32768 stays -32768), then
     * the wide current sum and the bias, each saturating, then {@code v + dv} saturating.
     */
    private static int integrate(int v, int dash, int currentSum, int bias) {
        int d = decay(v, dash);
        int dv = d == MIN16 ? MIN16 : -d;
        dv = sat16(dv + currentSum);
        dv = sat16(dv + bias);
        return sat16(v + dv);
    }

    /**
     * Spikes for a threshold {@code <= 0}, which the chip accepts: the reset by subtraction then
     * wraps in 16 bits as in the reference simulator. Returns {@code v << 32 | count}.
     */
    private static long fireNonPositive(int v, int th, int count, int limit) {
        do {
            count++;
            v = (short) (v - th);
        } while (v >= th && count < limit);
        return ((long) v << 32) | count;
    }

    /**
     * The amount a 16-bit state decays by: {@code x >> dash}, but at least 1 for a positive state.
     * (For a negative state the arithmetic shift is already at most -1.)
     */
    static int decay(int x, int dash) {
        int d = x >> dash;
        return d == 0 && x > 0 ? 1 : d;
    }

    static int sat16(int x) {
        // Math.min/max are intrinsics that compile to branch-free code: the hot loops clamp often.
        return Math.min(Math.max(x, MIN16), MAX16);
    }
}
