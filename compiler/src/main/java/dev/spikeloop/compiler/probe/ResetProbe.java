package dev.spikeloop.compiler.probe;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.compiler.nir.ImportedNetwork;
import dev.spikeloop.compiler.nir.SourceLayer;
import dev.spikeloop.compiler.quantize.ChipMapping;
import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.chipconfig.spikes.EmulationResult;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.emulator.xylo.XyloEmulator;
import dev.spikeloop.network.FloatNetwork;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures on a probe input what the chip's semantics change against the source's: the reset (NIR
 * neurons reset to {@code v_reset}, the chip subtracts the threshold) and the per-step spike caps
 * (31 per hidden neuron, 1 per output neuron on xylo-audio2).
 *
 * <p>The probe is one spike on every input channel in step 0, run for {@link #steps} steps. Three
 * runs: the source semantics (reset to value, no caps) and the chip's semantics without caps, both
 * in float with the network's own time constants ({@link StepSimulator}), and the compiled
 * configuration on the bit-accurate emulator. The first two differ only by the reset, the second
 * and the third by the caps, integer rounding and the chip's time constants.
 *
 * @param probeSteps steps simulated
 * @param source     spikes per layer with the source's reset
 * @param subtract   spikes per layer with the chip's reset, no caps
 * @param chip       spikes per layer on the emulator
 * @param clipped    per layer, spikes the caps remove from the subtracting run
 * @param maxPerStep per layer, the most spikes a neuron fires in one step (subtracting, no caps)
 * @param readoutSource index of the largest final membrane of a membrane readout in the source run (-1 if none)
 * @param readoutChip   the same on the chip (-1 if none)
 */
public record ResetProbe(int probeSteps, long[] source, long[] subtract, long[] chip, long[] clipped, int[] maxPerStep,
                         int readoutSource, int readoutChip) {

    /** The probe's length: five of the longest time constants, at least 100 and at most 5000 steps. */
    public static int steps(FloatNetwork net, double dt) {
        double longest = 0;
        for (var layer : net.layers()) {
            for (int i = 0; i < layer.size(); i++) {
                longest = Math.max(longest, Math.max(layer.tauSynOf(i), layer.tauMemOf(i)));
            }
        }
        return (int) Math.max(100, Math.min(5000, Math.ceil(5 * longest / dt)));
    }

    /** Runs the probe for an imported network and its compilation. */
    public static ResetProbe measure(ImportedNetwork imported, FloatNetwork net, Compilation compilation) {
        double dt = compilation.options().dt();
        int steps = steps(net, dt);
        int[][] input = new int[1][net.inputs()];
        Arrays.fill(input[0], 1);
        int layers = net.layerCount();
        StepSimulator.Reset[] sourceResets = new StepSimulator.Reset[layers];
        StepSimulator.Reset[] chipResets = new StepSimulator.Reset[layers];
        double[][] vReset = new double[layers][];
        for (int l = 0; l < layers; l++) {
            SourceLayer s = l < imported.sources().size() ? imported.sources().get(l) : null;
            boolean toValue = s != null && s.resetsToValue();
            sourceResets[l] = toValue ? StepSimulator.Reset.TO_VALUE : StepSimulator.Reset.SUBTRACT;
            chipResets[l] = StepSimulator.Reset.SUBTRACT;
            vReset[l] = toValue ? s.vReset() : null;
        }
        ChipProfile p = compilation.options().chipProfile();
        int[] caps = new int[layers];
        Arrays.fill(caps, p.maxHiddenCount());
        caps[layers - 1] = p.maxOutputCount();
        StepSimulator.Run src = StepSimulator.run(net, dt, input, steps, sourceResets, vReset, null);
        StepSimulator.Run sub = StepSimulator.run(net, dt, input, steps, chipResets, null, caps);
        long[] subtract = sub.counts().clone();
        for (int l = 0; l < layers; l++) {
            subtract[l] += sub.clipped()[l]; // the uncapped count
        }

        XyloEmulator emu = new XyloEmulator(compilation.config());
        int[][] dense = new int[1][net.inputs()];
        Arrays.fill(dense[0], 1);
        final int[] lastOut = new int[p.maxOutputs()];
        EmulationResult r = emu.run(SpikeRaster.fromDense(dense), steps,
                (step, mem, syn, outMem, outSyn) -> {
                    if (step == steps - 1) {
                        System.arraycopy(outMem, 0, lastOut, 0, Math.min(outMem.length, lastOut.length));
                    }
                });
        long[] chip = new long[layers];
        ChipMapping map = compilation.mapping();
        SpikeRaster hidden = r.hidden();
        for (int k = 0; k < hidden.size(); k++) {
            int h = hidden.neuron(k);
            for (int l = 0; l < layers - 1; l++) {
                if (h >= map.offset(l) && h < map.offset(l) + net.layer(l).size()) {
                    chip[l] += hidden.count(k);
                }
            }
        }
        chip[layers - 1] = r.outputs().totalCount();
        int readoutSource = -1;
        int readoutChip = -1;
        if (!net.outputLayer().isSpiking()) {
            readoutSource = argmax(src.finalMembrane());
            readoutChip = argmax(Arrays.stream(Arrays.copyOf(lastOut, net.outputLayer().size())).asDoubleStream().toArray());
        }
        return new ResetProbe(steps, src.counts(), subtract, chip, sub.clipped(), sub.maxPerStep(), readoutSource,
                readoutChip);
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Report lines: the measured effect of the reset and of the caps. */
    public List<String> notes(ImportedNetwork imported, FloatNetwork net, int[] caps) {
        List<String> out = new ArrayList<>();
        String probe = String.format(Locale.ROOT, "probe (one spike on each of the %d input channels in step 0, %d steps)",
                net.inputs(), probeSteps);
        if (imported.resetsDiffer()) {
            out.add(String.format(Locale.ROOT, "reset semantics: the source resets to v_reset (%s), the chip subtracts"
                            + " the threshold; %s, spikes per layer %s: source semantics %s, subtracting %s, chip %s"
                            + "%s",
                    describeResets(imported), probe, names(net), Arrays.toString(source), Arrays.toString(subtract),
                    Arrays.toString(chip), Arrays.equals(source, subtract) ? " (the reset makes no difference on this probe)"
                            : fineTunable(net) ? " (the reset changes the activity: fine-tune in the loop, spikeloop"
                            + " finetune, to close the difference)"
                            : " (the reset changes the activity; in-the-loop fine-tuning would close it, but the FP"
                            + " engine does not model " + unmodelled(net) + " yet)"));
        } else {
            out.add(String.format(Locale.ROOT, "%s, spikes per layer %s: source %s, chip %s", probe, names(net),
                    Arrays.toString(source), Arrays.toString(chip)));
        }
        for (int l = 0; l < clipped.length; l++) {
            if (clipped[l] > 0) {
                out.add(String.format(Locale.ROOT, "per-step spike cap: layer '%s' fires up to %d spikes per neuron in one"
                                + " step on the probe, the chip at most %d: %d of %d spikes are lost",
                        net.layer(l).name(), maxPerStep[l], caps[l], clipped[l], subtract[l]));
            }
        }
        if (readoutSource >= 0) {
            out.add(String.format(Locale.ROOT, "membrane readout on the probe: largest final membrane neuron %d (source)"
                    + " vs %d (chip)%s", readoutSource, readoutChip, readoutSource == readoutChip ? ", the same decision"
                    : ", different decisions"));
        }
        return out;
    }

    /**
     * True when the FP engine models the network, so finetune can run on it: per-neuron time constants
     * and thresholds, biases, self-connections, a second synapse and a membrane readout fed by a hidden
     * layer ({@code finetune --loss membrane}) are modelled; a membrane readout with no hidden layer is
     * not (the runtime's docs/fp-engine.md).
     */
    static boolean fineTunable(FloatNetwork net) {
        return net.outputLayer().isSpiking() || net.layerCount() > 1;
    }

    /** What of {@code net} the FP engine does not model, for the note. */
    private static String unmodelled(FloatNetwork net) {
        List<String> parts = new ArrayList<>();
        for (var l : net.layers()) {
            if (!l.detail().spiking() && net.layerCount() == 1) {
                parts.add("layer '" + l.name() + "''s membrane readout without a hidden layer");
            }
        }
        return String.join(" or ", parts);
    }

    private static String describeResets(ImportedNetwork imported) {
        List<String> parts = new ArrayList<>();
        for (SourceLayer s : imported.sources()) {
            parts.add(s.node() + ": " + s.resetDescription());
        }
        return String.join(", ", parts);
    }

    private static String names(FloatNetwork net) {
        return net.layers().stream().map(l -> l.name()).toList().toString();
    }
}
