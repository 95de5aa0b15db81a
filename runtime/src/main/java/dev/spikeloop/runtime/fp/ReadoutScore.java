package dev.spikeloop.runtime.fp;

import java.util.Locale;

/** How a membrane readout's trajectory over the window {@code [0, T]} becomes a class score ({@link MembraneReadout}). */
public enum ReadoutScore {
    /** The time average of the membrane over the window. */
    MEAN,
    /** The largest membrane reached in the window. */
    MAX;

    /**
     * The score a membrane readout was trained with, as its network file records it
     * ({@code "readoutScore"}; absent, and for a spiking layer, {@link #MEAN}).
     */
    public static ReadoutScore of(dev.spikeloop.network.LayerSpec layer) {
        return layer.detail().maxScore() ? MAX : MEAN;
    }

    /** {@code net} with its membrane readout marked as scored by {@code this} (unchanged when its output spikes). */
    public dev.spikeloop.network.FloatNetwork markOn(dev.spikeloop.network.FloatNetwork net) {
        dev.spikeloop.network.LayerSpec out = net.outputLayer();
        if (out.isSpiking() || of(out) == this) {
            return net;
        }
        return net.withLayer(net.layerCount() - 1, out.withDetail(out.detail().withMaxScore(this == MAX)));
    }

    /** As typed on the command line. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
