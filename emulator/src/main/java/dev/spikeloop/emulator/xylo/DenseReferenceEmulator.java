package dev.spikeloop.emulator.xylo;

import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.chipconfig.spikes.SpikeEvent;
import dev.spikeloop.chipconfig.spikes.EmulationResult;
import dev.spikeloop.chipconfig.spikes.StepObserver;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.validate.ConfigValidator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A deliberately plain emulator of the same chip, written separately from {@link XyloEmulator} to
 * check it and to be the dense-loop baseline of the benchmark. It follows docs/emulator.md
 * literally: every weight of every matrix is visited every step (a dense matrix-vector pass per
 * synaptic current, presynaptic index ascending), a count of c is c saturating additions in a row,
 * and states are kept as 16-bit {@code short}s. Slow by design. Not thread-safe.
 */
public final class DenseReferenceEmulator implements XyloCore {
    private final int nIn;
    private final int nHid;
    private final int nSyn;
    private final int nOut;
    private final int inLimit;
    private final int hidLimit;
    private final int outLimit;

    /** Incoming weights per synaptic current: wInT[h*S+s][i], wRecT[h*S+s][j], wOutT[o][j]; unshifted. */
    private final int[][] wInT;
    private final int[][] wRecT;
    private final int[][] wOutT;
    private final int shiftIn;
    private final int shiftRec;
    private final int shiftOut;
    private final int[][] dashSyn;
    private final int[] dashMem;
    private final short[] vth;
    private final short[] bias;
    private final int[][] dashSynOut;
    private final int[] dashMemOut;
    private final short[] vthOut;
    private final short[] biasOut;
    private final int[][] aliasesOf;

    private final short[][] iSyn;
    private final short[] vMem;
    private final short[][] iSynOut;
    private final short[] vMemOut;
    private final int[] spikes;
    private final int[] outSpikes;
    private final int[] inputNow;

    /** @throws dev.spikeloop.chipconfig.validate.InvalidConfigException for an invalid configuration */
    public DenseReferenceEmulator(ChipConfig c) {
        ChipProfile p = ConfigValidator.validate(c, "chip configuration");
        nIn = c.getNumInputs();
        nHid = c.getNumHidden();
        nSyn = c.getNumSynapses();
        nOut = c.getNumOutputs();
        inLimit = p.maxInputCount();
        hidLimit = p.maxHiddenCount();
        outLimit = p.maxOutputCount();
        shiftIn = c.getWeightShiftIn();
        shiftRec = c.getWeightShiftRec();
        shiftOut = c.getWeightShiftOut();

        wInT = new int[nHid * nSyn][nIn];
        wRecT = new int[nHid * nSyn][nHid];
        dashSyn = new int[nHid][nSyn];
        for (int h = 0; h < nHid; h++) {
            for (int s = 0; s < nSyn; s++) {
                for (int i = 0; i < nIn; i++) {
                    wInT[h * nSyn + s][i] = c.getWeightsIn((i * nHid + h) * nSyn + s);
                }
                for (int j = 0; j < nHid; j++) {
                    wRecT[h * nSyn + s][j] = c.getWeightsRec((j * nHid + h) * nSyn + s);
                }
                dashSyn[h][s] = c.getDashSyn(h * nSyn + s);
            }
        }
        wOutT = new int[nOut][nHid];
        for (int o = 0; o < nOut; o++) {
            for (int j = 0; j < nHid; j++) {
                wOutT[o][j] = c.getWeightsOut(j * nOut + o);
            }
        }
        dashMem = new int[nHid];
        vth = new short[nHid];
        bias = new short[nHid];
        for (int h = 0; h < nHid; h++) {
            dashMem[h] = c.getDashMem(h);
            vth[h] = (short) c.getThreshold(h);
            bias[h] = c.getBiasCount() == 0 ? 0 : (short) c.getBias(h);
        }
        dashSynOut = new int[nOut][1];
        dashMemOut = new int[nOut];
        vthOut = new short[nOut];
        biasOut = new short[nOut];
        for (int o = 0; o < nOut; o++) {
            dashSynOut[o][0] = c.getDashSynOut(o);
            dashMemOut[o] = c.getDashMemOut(o);
            vthOut[o] = (short) c.getThresholdOut(o);
            biasOut[o] = c.getBiasOutCount() == 0 ? 0 : (short) c.getBiasOut(o);
        }
        List<List<Integer>> lists = new ArrayList<>();
        for (int h = 0; h < nHid; h++) {
            lists.add(new ArrayList<>());
        }
        for (var a : c.getAliasesList()) {
            lists.get(a.getSource()).add(a.getTarget());
        }
        aliasesOf = new int[nHid][];
        for (int h = 0; h < nHid; h++) {
            aliasesOf[h] = lists.get(h).stream().mapToInt(Integer::intValue).toArray();
        }

        iSyn = new short[nHid][nSyn];
        vMem = new short[nHid];
        iSynOut = new short[nOut][1];
        vMemOut = new short[nOut];
        spikes = new int[nHid];
        outSpikes = new int[nOut];
        inputNow = new int[nIn];
    }

    @Override
    public int numInputs() {
        return nIn;
    }

    @Override
    public int numHidden() {
        return nHid;
    }

    @Override
    public int numSynapses() {
        return nSyn;
    }

    @Override
    public int numOutputs() {
        return nOut;
    }

    @Override
    public void reset() {
        for (short[] row : iSyn) {
            Arrays.fill(row, (short) 0);
        }
        Arrays.fill(vMem, (short) 0);
        for (short[] row : iSynOut) {
            Arrays.fill(row, (short) 0);
        }
        Arrays.fill(vMemOut, (short) 0);
        Arrays.fill(spikes, 0);
        Arrays.fill(outSpikes, 0);
    }

    @Override
    public EmulationResult run(SpikeRaster input, int steps, StepObserver observer) {
        RunChecks.check(input, steps, nIn);
        List<SpikeEvent> outEvents = new ArrayList<>();
        List<SpikeEvent> hidEvents = new ArrayList<>();
        int e = 0;
        for (int t = 0; t < steps; t++) {
            Arrays.fill(inputNow, 0);
            while (e < input.size() && input.step(e) == t) {
                inputNow[input.neuron(e)] += input.count(e);
                e++;
            }
            step();
            for (int h = 0; h < nHid; h++) {
                if (spikes[h] > 0) {
                    hidEvents.add(new SpikeEvent(t, h, spikes[h]));
                }
            }
            for (int o = 0; o < nOut; o++) {
                if (outSpikes[o] > 0) {
                    outEvents.add(new SpikeEvent(t, o, outSpikes[o]));
                }
            }
            if (observer != null) {
                observe(t, observer);
            }
        }
        return new EmulationResult(SpikeRaster.of(outEvents), SpikeRaster.of(hidEvents), null);
    }

    private void step() {
        // 1. inputs of this step, 2. recurrent and 3. output deliveries of the previous step's spikes.
        for (int h = 0; h < nHid; h++) {
            for (int s = 0; s < nSyn; s++) {
                short x = iSyn[h][s];
                int[] fromInputs = wInT[h * nSyn + s];
                for (int i = 0; i < nIn; i++) {
                    int c = Math.min(inputNow[i], inLimit);
                    for (int r = 0; r < c; r++) {
                        x = addSaturating(x, fromInputs[i] << shiftIn);
                    }
                }
                int[] fromHidden = wRecT[h * nSyn + s];
                for (int j = 0; j < nHid; j++) {
                    int c = Math.min(spikes[j], hidLimit);
                    for (int r = 0; r < c; r++) {
                        x = addSaturating(x, fromHidden[j] << shiftRec);
                    }
                }
                iSyn[h][s] = x;
            }
        }
        for (int o = 0; o < nOut; o++) {
            short x = iSynOut[o][0];
            for (int j = 0; j < nHid; j++) {
                int c = Math.min(spikes[j], hidLimit);
                for (int r = 0; r < c; r++) {
                    x = addSaturating(x, wOutT[o][j] << shiftOut);
                }
            }
            iSynOut[o][0] = x;
        }
        // 4. evolve hidden neurons in order, with aliases; then output neurons.
        Arrays.fill(spikes, 0);
        for (int h = 0; h < nHid; h++) {
            int n = evolve(iSyn[h], dashSyn[h], vMem, h, dashMem[h], bias[h], vth[h], spikes[h], hidLimit);
            spikes[h] = n;
            for (int target : aliasesOf[h]) {
                spikes[target] = Math.min(hidLimit, spikes[target] + n);
            }
        }
        for (int o = 0; o < nOut; o++) {
            outSpikes[o] = evolve(iSynOut[o], dashSynOut[o], vMemOut, o, dashMemOut[o], biasOut[o], vthOut[o], 0,
                    outLimit);
        }
    }

    /** One neuron's update as chip-xylo.md words it; returns its spike count. */
    private static int evolve(short[] syn, int[] dashS, short[] vm, int n, int dashM, short b, short th, int count,
                              int limit) {
        long total = 0;
        for (int s = 0; s < syn.length; s++) {
            syn[s] = (short) (syn[s] - decayOf(syn[s], dashS[s]));
            total += syn[s];
        }
        short v = vm[n];
        short dv = (short) -decayOf(v, dashM); // negation in 16 bits: -(-32768) stays -32768
        dv = clamp16(dv + total);
        dv = addSaturating(dv, b);
        v = addSaturating(v, dv);
        while (v >= th && count < limit) {
            count++;
            v = (short) (v - th);
        }
        vm[n] = v;
        return count;
    }

    private static int decayOf(short x, int dash) {
        int d = x >> dash;
        if (d == 0 && x != 0) {
            d = x > 0 ? 1 : -1;
        }
        return d;
    }

    private static short addSaturating(short a, int b) {
        return clamp16((long) a + b);
    }

    private static short clamp16(long x) {
        if (x > Short.MAX_VALUE) {
            return Short.MAX_VALUE;
        }
        if (x < Short.MIN_VALUE) {
            return Short.MIN_VALUE;
        }
        return (short) x;
    }

    private void observe(int t, StepObserver observer) {
        int[] vm = new int[nHid];
        int[] is = new int[nHid * nSyn];
        for (int h = 0; h < nHid; h++) {
            vm[h] = vMem[h];
            for (int s = 0; s < nSyn; s++) {
                is[h * nSyn + s] = iSyn[h][s];
            }
        }
        int[] vo = new int[nOut];
        int[] io = new int[nOut];
        for (int o = 0; o < nOut; o++) {
            vo[o] = vMemOut[o];
            io[o] = iSynOut[o][0];
        }
        observer.afterStep(t, vm, is, vo, io);
    }
}
