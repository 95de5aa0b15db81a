package dev.spikeloop.compiler.nir;

/**
 * How to turn a NIR graph into a float network.
 *
 * @param tEnd      the float network's simulation end time in seconds (NIR graphs carry none)
 * @param lifTauSyn the synaptic time constant (s) given to plain {@code LIF} (and {@code IF}, {@code LI})
 *                  nodes, whose input is an instantaneous jump of the membrane: the float model (and
 *                  the chip) always filter input through a synaptic current, so a short one stands in
 *                  for it and the weights are scaled so that each input spike still moves the
 *                  membrane by the same total charge. The chip's shortest synapse at step dt is
 *                  {@code Decays.tau(1, dt)} = dt / ln 2, see {@link #forDt(double)}; the layer is
 *                  marked {@code instantSynapse}, so the compiler re-fits it to any step
 * @param spikeArea the area of one spike in the source's equations: NaN to detect the producer's
 *                  convention (snnTorch: 1e-4, one step of its dt; otherwise NIR's Dirac spikes, 1),
 *                  or a given value
 */
public record NirImportOptions(double tEnd, double lifTauSyn, double spikeArea) {

    /** The default end time, 50 ms (long enough for the Yin-Yang encoding). */
    public static final double DEFAULT_T_END = 0.05;

    public NirImportOptions {
        if (!(tEnd > 0) || !Double.isFinite(tEnd)) {
            throw new IllegalArgumentException("tEnd must be a finite number of seconds > 0, got " + tEnd);
        }
        if (!(lifTauSyn > 0) || !Double.isFinite(lifTauSyn)) {
            throw new IllegalArgumentException("the LIF synaptic time constant must be a finite number of seconds > 0, got "
                    + lifTauSyn);
        }
        if (!Double.isNaN(spikeArea) && !(spikeArea > 0 && Double.isFinite(spikeArea))) {
            throw new IllegalArgumentException("the spike area must be NaN (detect) or a finite number > 0, got " + spikeArea);
        }
    }

    /** Options that detect the producer's spike convention. */
    public NirImportOptions(double tEnd, double lifTauSyn) {
        this(tEnd, lifTauSyn, Double.NaN);
    }

    /** Default end time and, for LIF nodes, the chip's shortest synaptic decay at step {@code dt}: dt / ln 2. */
    public static NirImportOptions forDt(double dt) {
        return new NirImportOptions(DEFAULT_T_END, dt / Math.log(2));
    }

    /** The chip step these options were made for ({@code lifTauSyn ln 2}). */
    public double dt() {
        return lifTauSyn * Math.log(2);
    }
}
