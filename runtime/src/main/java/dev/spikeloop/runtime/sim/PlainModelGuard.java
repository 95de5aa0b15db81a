package dev.spikeloop.runtime.sim;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerDetail;
import dev.spikeloop.network.LayerSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The float simulator and the FP engine implement the model of fp-lif-model.md extended by per-neuron
 * time constants and thresholds, a constant bias current ({@code tauMem V' = -V + I + bias}),
 * self-connections, instantaneous synapses and a non-spiking (membrane) readout as the output layer
 * (it never spikes; its membrane is {@code dev.spikeloop.runtime.fp.MembraneReadout}). A network with a
 * second synapse (see {@link LayerDetail}) can be compiled for the chip but not simulated, trained or
 * differentiated yet; this refuses it with every unsupported construct named, rather than silently
 * dropping the construct.
 */
public final class PlainModelGuard {
    private PlainModelGuard() {
    }

    /**
     * Per-neuron values, biases, self-connections, an instantaneous synapse (whose float model is an
     * ordinary short synapse) and a membrane readout (output layer only, which the network's validation
     * already requires) are modelled; second synapses are not.
     */
    private static boolean supported(LayerDetail d) {
        return d.synapse2() == null;
    }

    /**
     * @param what the operation, for the message (e.g. "the float simulator")
     * @throws UnsupportedOperationException naming each layer and construct the engine cannot run
     */
    public static void require(FloatNetwork net, String what) {
        List<String> problems = new ArrayList<>();
        for (int l = 0; l < net.layerCount(); l++) {
            LayerSpec layer = net.layer(l);
            if (layer.isPlain() || supported(layer.detail())) {
                continue;
            }
            LayerDetail d = layer.detail();
            List<String> has = new ArrayList<>();
            if (d.synapse2() != null) {
                has.add("a second synapse");
            }
            problems.add("layer " + l + " ('" + layer.name() + "'): " + String.join(", ", has));
        }
        if (!problems.isEmpty()) {
            throw new UnsupportedOperationException(what + " supports one synaptic current per neuron; not yet supported here: "
                    + String.join("; ", problems) + ". Such a network can be compiled and emulated on the chip.");
        }
    }
}
