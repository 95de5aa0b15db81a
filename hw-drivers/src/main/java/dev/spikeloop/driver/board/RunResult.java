package dev.spikeloop.driver.board;

import dev.spikeloop.driver.protocol.StateBlock;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;

/**
 * What a board returned for a run. Steps are relative to the start of the run.
 *
 * @param steps   steps run
 * @param outputs output spike events ({@code step, neuron, count})
 * @param hidden  hidden-neuron spike events: every spike time of every hidden neuron
 * @param states  neuron states of every step when recording was asked for, else null
 */
public record RunResult(int steps, SpikeRaster outputs, SpikeRaster hidden, StateBlock states) {
    public RunResult {
        java.util.Objects.requireNonNull(outputs, "outputs");
        java.util.Objects.requireNonNull(hidden, "hidden");
    }
}
