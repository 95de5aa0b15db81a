package dev.spikeloop.compiler.quantize;

import dev.spikeloop.network.LayerSpec;

/**
 * The dashes and synaptic gains of each neuron of one layer at the compile step: the dash nearest
 * to each neuron's time constant ({@link Decays#nearestDash}); a layer whose synapse only stands in
 * for an instantaneous jump ({@code LayerDetail.instantSynapse}) gets the fastest synapse, dash
 * {@link Decays#MIN_DASH}, whatever its nominal tauSyn.
 *
 * @param dashSyn per-neuron {@code dash_syn}
 * @param dashMem per-neuron {@code dash_mem}
 * @param gain    per-neuron synaptic gain g (times the PSP ratio with {@code matchPsp})
 * @param dashSyn2 per-neuron {@code dash_syn} of the second synapse, or null without one
 * @param gain2   per-neuron gain of the second synapse, or null
 * @param psp     per-neuron PSP peak ratio (1 without {@code matchPsp}); for an instantaneous synapse the
 *                ratio of the nominal tauSyn to the chip's, which keeps each spike's total charge
 */
public record NeuronDecays(int[] dashSyn, int[] dashMem, double[] gain, double[] psp, int[] dashSyn2, double[] gain2) {

    /** Decays of a layer with one synapse. */
    public NeuronDecays(int[] dashSyn, int[] dashMem, double[] gain, double[] psp) {
        this(dashSyn, dashMem, gain, psp, null, null);
    }

    /** The decays of {@code layer} under {@code o}. */
    public static NeuronDecays of(LayerSpec layer, CompileOptions o) {
        int n = layer.size();
        int maxDash = o.chipProfile().maxDash();
        int[] ds = new int[n];
        int[] dm = new int[n];
        double[] g = new double[n];
        double[] psp = new double[n];
        for (int i = 0; i < n; i++) {
            double ts = tauSyn(layer, i, o.dt());
            ds[i] = layer.detail().instantSynapse() ? Decays.MIN_DASH : Decays.nearestDash(ts, o.dt(), maxDash);
            dm[i] = Decays.nearestDash(layer.tauMemOf(i), o.dt(), maxDash);
            if (layer.detail().instantSynapse()) {
                // The weights carry the charge of a jump through a synapse of the nominal tauSyn; the chip's
                // fastest synapse at this dt carries tauSyn_chip / tauSyn of it, so scale back (1 when the
                // network was imported for this dt).
                psp[i] = layer.tauSyn() / ts;
            } else {
                psp[i] = o.matchPsp() ? Decays.pspPeakRatio(ts, layer.tauMemOf(i), ds[i], dm[i], o.dt()) : 1.0;
            }
            g[i] = Decays.gain(ds[i], dm[i]) * psp[i];
        }
        var s2 = layer.detail().synapse2();
        if (s2 == null) {
            return new NeuronDecays(ds, dm, g, psp);
        }
        int[] ds2 = new int[n];
        double[] g2 = new double[n];
        for (int i = 0; i < n; i++) {
            ds2[i] = Decays.nearestDash(s2.tauSyn()[i], o.dt(), maxDash);
            double p2 = o.matchPsp() ? Decays.pspPeakRatio(s2.tauSyn()[i], layer.tauMemOf(i), ds2[i], dm[i], o.dt()) : 1.0;
            g2[i] = Decays.gain(ds2[i], dm[i]) * p2;
        }
        return new NeuronDecays(ds, dm, g, psp, ds2, g2);
    }

    /**
     * The synaptic time constant neuron i is compiled for: its own, or for an instantaneous synapse
     * the chip's fastest ({@code Decays.tau(MIN_DASH, dt)}).
     */
    public static double tauSyn(LayerSpec layer, int i, double dt) {
        return layer.detail().instantSynapse() ? Decays.tau(Decays.MIN_DASH, dt) : layer.tauSynOf(i);
    }

    /** Largest gain over the layer (both synapses). */
    public double maxGain() {
        double m = 0;
        for (double v : gain) {
            m = Math.max(m, v);
        }
        if (gain2 != null) {
            for (double v : gain2) {
                m = Math.max(m, v);
            }
        }
        return m;
    }

    /** {@code m} with row i multiplied by the second synapse's {@code gain2[i]}. */
    public double[][] gain2Scaled(double[][] m) {
        return scaleRows(m, gain2);
    }

    /** {@code m} with row i multiplied by {@code gain[i]} (null stays null). */
    public double[][] gainScaled(double[][] m) {
        return scaleRows(m, gain);
    }

    /** {@code m} with row i multiplied by {@code gain[i]} (null stays null); also the quantiser's row scaling. */
    static double[][] scaleRows(double[][] m, double[] gain) {
        if (m == null) {
            return null;
        }
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = new double[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                out[i][j] = gain[i] * m[i][j];
            }
        }
        return out;
    }
}
