package dev.spikeloop.emulator.xylo;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.proto.Alias;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.validate.ConfigValidator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small mutable builder of chip configurations for tests, addressed by (neuron, synapse) rather
 * than by flat index so that the hand-worked cases read like the spec. Defaults: all weights 0,
 * shifts 0, every dash 15, thresholds 32767, biases 0.
 */
final class TestNet {
    final int in;
    final int hid;
    final int syn;
    final int out;
    final int[] weightsIn;
    final int[] weightsRec;
    final int[] weightsOut;
    int shiftIn;
    int shiftRec;
    int shiftOut;
    final int[] dashMem;
    final int[] dashSyn;
    final int[] threshold;
    final int[] bias;
    final int[] dashMemOut;
    final int[] dashSynOut;
    final int[] thresholdOut;
    final int[] biasOut;
    final List<int[]> aliases = new ArrayList<>();

    TestNet(int in, int hid, int syn, int out) {
        this.in = in;
        this.hid = hid;
        this.syn = syn;
        this.out = out;
        weightsIn = new int[in * hid * syn];
        weightsRec = new int[hid * hid * syn];
        weightsOut = new int[hid * out];
        dashMem = filled(hid, 15);
        dashSyn = filled(hid * syn, 15);
        threshold = filled(hid, 32767);
        bias = new int[hid];
        dashMemOut = filled(out, 15);
        dashSynOut = filled(out, 15);
        thresholdOut = filled(out, 32767);
        biasOut = new int[out];
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    TestNet win(int i, int h, int s, int w) {
        weightsIn[(i * hid + h) * syn + s] = w;
        return this;
    }

    TestNet wrec(int j, int h, int s, int w) {
        weightsRec[(j * hid + h) * syn + s] = w;
        return this;
    }

    TestNet wout(int j, int o, int w) {
        weightsOut[j * out + o] = w;
        return this;
    }

    TestNet shifts(int inShift, int recShift, int outShift) {
        shiftIn = inShift;
        shiftRec = recShift;
        shiftOut = outShift;
        return this;
    }

    /** Sets dash_mem, every dash_syn, threshold and bias of hidden neuron h. */
    TestNet hidden(int h, int dashM, int dashS, int th, int b) {
        dashMem[h] = dashM;
        for (int s = 0; s < syn; s++) {
            dashSyn[h * syn + s] = dashS;
        }
        threshold[h] = th;
        bias[h] = b;
        return this;
    }

    TestNet dashSyn(int h, int s, int dash) {
        dashSyn[h * syn + s] = dash;
        return this;
    }

    TestNet output(int o, int dashM, int dashS, int th, int b) {
        dashMemOut[o] = dashM;
        dashSynOut[o] = dashS;
        thresholdOut[o] = th;
        biasOut[o] = b;
        return this;
    }

    TestNet alias(int source, int target) {
        aliases.add(new int[] {source, target});
        return this;
    }

    ChipConfig build() {
        ChipConfig.Builder b = ChipConfig.newBuilder()
                .setFormatVersion(ConfigValidator.FORMAT_VERSION).setProfile(ChipProfile.DEFAULT).setDtSeconds(1e-3)
                .setNumInputs(in).setNumHidden(hid).setNumSynapses(syn).setNumOutputs(out)
                .setWeightShiftIn(shiftIn).setWeightShiftRec(shiftRec).setWeightShiftOut(shiftOut);
        Arrays.stream(weightsIn).forEach(b::addWeightsIn);
        Arrays.stream(weightsRec).forEach(b::addWeightsRec);
        Arrays.stream(weightsOut).forEach(b::addWeightsOut);
        Arrays.stream(dashMem).forEach(b::addDashMem);
        Arrays.stream(dashSyn).forEach(b::addDashSyn);
        Arrays.stream(threshold).forEach(b::addThreshold);
        Arrays.stream(bias).forEach(b::addBias);
        Arrays.stream(dashMemOut).forEach(b::addDashMemOut);
        Arrays.stream(dashSynOut).forEach(b::addDashSynOut);
        Arrays.stream(thresholdOut).forEach(b::addThresholdOut);
        Arrays.stream(biasOut).forEach(b::addBiasOut);
        for (int[] a : aliases) {
            b.addAliases(Alias.newBuilder().setSource(a[0]).setTarget(a[1]));
        }
        return b.build();
    }
}
