package dev.spikeloop.runtime.sim;

/**
 * A neuron fired more often before the end time than the simulator allows: the weights (or the
 * input) drive it far beyond any sensible rate. Callers that probe weight scales (initialisation)
 * treat it as "too strong"; elsewhere it is an error whose message names the layer and neuron.
 */
public class RunawaySpikingException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public RunawaySpikingException(String message) {
        super(message);
    }
}
