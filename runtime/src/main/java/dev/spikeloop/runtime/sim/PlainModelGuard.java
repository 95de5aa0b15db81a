package dev.spikeloop.runtime.sim;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerDetail;
import dev.spikeloop.network.LayerSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The float simulator and the FP engine implement the model of fp-lif-model.md: one
 * {@code tauSyn}, {@code tauMem} and threshold per layer, no bias, spiking neurons, and (beyond the
 * plain model) self-connections and instantaneous synapses. A network with more (see {@link LayerDetail}, e.g. imported from NIR) can be
 * compiled for the chip but not simulated, trained or differentiated yet; this refuses it with every
 * unsupported construct named, rather than silently using neuron 0's values.
 */
public final class PlainModelGuard {
    private PlainModelGuard() {
    }

    /**
     * Self-connections and an instantaneous synapse (whose float model is an ordinary short synapse)
     * are modelled; per-neuron values, biases, second synapses and membrane readouts are not.
     */
    private static boolean supported(LayerDetail d) {
        return d.tauSyn() == null && d.tauMem() == null && d.threshold() == null && d.bias() == null && d.spiking()
                && d.synapse2() == null;
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
            if (d.tauSyn() != null) {
                has.add("per-neuron tauSyn");
            }
            if (d.tauMem() != null) {
                has.add("per-neuron tauMem");
            }
            if (d.threshold() != null) {
                has.add("per-neuron threshold");
            }
            if (d.bias() != null) {
                has.add("bias");
            }

            if (d.synapse2() != null) {
                has.add("a second synapse");
            }
            if (!d.spiking()) {
                has.add("a non-spiking (membrane) readout");
            }

            problems.add("layer " + l + " ('" + layer.name() + "'): " + String.join(", ", has));
        }
        if (!problems.isEmpty()) {
            throw new UnsupportedOperationException(what + " supports only one tauSyn, tauMem and threshold per layer,"
                    + " no bias and spiking neurons; not yet supported here: "
                    + String.join("; ", problems) + ". Such a network can be compiled and emulated on the chip.");
        }
    }
}
