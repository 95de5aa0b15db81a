package dev.spikeloop.runtime.train;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.InputSpikes;
import dev.spikeloop.runtime.fp.BurstPenalty;
import dev.spikeloop.runtime.fp.Loss;
import dev.spikeloop.runtime.sim.SpikeRecord;

/**
 * How a network answers and what it is trained for: the class decision from the output spike times
 * and the loss whose optimum is that decision. The same rule scores float simulations, the emulator
 * and a board (from the times a device returns), so a chip is judged by exactly what was trained.
 */
public interface DecisionRule {
    /** Short name, as on the command line ({@code ttfs}, {@code count}). */
    String name();

    /** Name and parameters, for checkpoints and reports. */
    String describe();

    /**
     * The decision from the spike times of every output neuron (ascending).
     *
     * @param tEnd the end of the sample's window (seconds)
     */
    FirstSpikeReadout.Decision decide(double[][] outputTimes, double tEnd);

    /** The training loss on the output spikes for class {@code label} of a network with window {@code tEnd}. */
    Loss loss(int label, double tEnd);

    /** The activity regulariser on hidden spike times added in training, or null for none. */
    default BurstPenalty penalty() {
        return null;
    }

    /** The plain loss for reporting (without training-only regularisers). */
    Loss reportLoss(int label, double tEnd);

    /**
     * The decision for a simulation (or a device's spike times) of {@code net}. Rules on output spikes use
     * the output layer's times; a rule on a membrane readout ({@link MembraneRule}) needs the network.
     */
    default FirstSpikeReadout.Decision decide(FloatNetwork net, SpikeRecord spikes) {
        return decide(spikes.outputTimes(), net.tEnd());
    }

    /** The training loss for class {@code label} of {@code net} (its window is {@code net.tEnd()}). */
    default Loss loss(FloatNetwork net, int label) {
        return loss(label, net.tEnd());
    }

    /** The plain loss of {@code net} for reporting. */
    default Loss reportLoss(FloatNetwork net, int label) {
        return reportLoss(label, net.tEnd());
    }

    /**
     * The decision for one sample's simulation (or device spike times), for rules that also read the sample's
     * inputs (a windowed membrane readout reads its span, {@link dev.spikeloop.runtime.fp.ReadoutWindows});
     * the others ignore them.
     */
    default FirstSpikeReadout.Decision decide(FloatNetwork net, SpikeRecord spikes, InputSpikes in) {
        return decide(net, spikes);
    }

    /** The training loss for one sample of class {@code label} (its inputs for rules that read them). */
    default Loss loss(FloatNetwork net, int label, InputSpikes in) {
        return loss(net, label);
    }

    /** The plain loss for reporting one sample (its inputs for rules that read them). */
    default Loss reportLoss(FloatNetwork net, int label, InputSpikes in) {
        return reportLoss(net, label);
    }

    /** The number of classes a network with {@code outputs} output neurons answers (one per output here). */
    default int classes(int outputs) {
        return outputs;
    }

    /**
     * True when the decision is made from the output neurons' membranes (a membrane readout), so that a
     * device must return them ({@code Device.run(..., true)}) rather than output spikes.
     */
    default boolean readsMembranes() {
        return false;
    }

    /**
     * The decision from a device's output membranes, {@code membranes[step][neuron]} over the whole run, for
     * a rule that {@link #readsMembranes()}.
     *
     * @throws UnsupportedOperationException for rules on output spikes (the default)
     */
    default FirstSpikeReadout.Decision decideFromMembranes(int[][] membranes, int outputs) {
        throw new UnsupportedOperationException("the " + name() + " rule decides from output spikes, not membranes");
    }

    /**
     * The same for one sample, for rules that also read where its inputs end: the state after step {@code s}
     * stands for the float time {@code (s + 1 - delay) dt}.
     *
     * @param in    the sample's inputs as the chip got them
     * @param dt    the chip's step, seconds
     * @param delay the output layer's lag behind the float network, steps
     */
    default FirstSpikeReadout.Decision decideFromMembranes(int[][] membranes, int outputs, InputSpikes in, double dt,
                                                           double delay) {
        return decideFromMembranes(membranes, outputs);
    }
}
