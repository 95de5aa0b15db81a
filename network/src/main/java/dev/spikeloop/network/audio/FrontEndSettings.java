package dev.spikeloop.network.audio;

import dev.spikeloop.chipconfig.ChipProfile;
import java.util.Locale;

/**
 * Every parameter of the audio front end ({@link AudioFrontEnd}), immutable. {@link #DEFAULT} suits
 * speech sampled at 8-16 kHz; docs/data.md explains each value and what it follows from the public
 * description of the Xylo Audio front end (Rockpool documentation).
 *
 * @param bands            number of band-pass channels (16: the Xylo Audio front end's channel count,
 *                         the chip's input count)
 * @param lowestCentreHz   centre frequency of the lowest band (100 Hz: Xylo Audio 3's lowest centre)
 * @param highestCentreHz  centre of the highest band; 0 = automatic: {@link #AUTO_HIGHEST_FRACTION} of the
 *                         file's Nyquist frequency, at most 17 kHz (Xylo Audio 3's highest centre), so the
 *                         top band's upper edge stays just under Nyquist
 * @param q                quality factor, centre frequency / bandwidth, of every band (4: with 16 bands
 *                         over the 5 octaves of 8 kHz speech neighbouring bands meet near their -3 dB
 *                         edges; Xylo Audio 3 uses about 6 over its 7.4 octaves)
 * @param filterOrder      Butterworth order of each band-pass (its prototype low-pass order: the band
 *                         pass has twice as many poles); Xylo Audio 3 uses 1, we default to 2 for
 *                         sharper bands at 8 kHz
 * @param smoothingHz      cut-off of the first-order Butterworth low-pass after full-wave rectification
 *                         (the envelope), Hz
 * @param normalise        scale every recording to peak amplitude 1 first (a fixed automatic gain, so loud
 *                         and quiet speakers give similar spike counts)
 * @param spikesPerUnit    integrate-and-fire gain: spikes per second that a steady envelope of 1.0
 *                         (full scale) produces
 * @param floor            envelope level (fraction of full scale) below which nothing is integrated:
 *                         background noise stays silent
 * @param step             the chip's time step, seconds: spikes are counted per step and stamped with the
 *                         start of their step (10 ms: the step Rockpool uses for Xylo Audio 3 examples)
 * @param maxPerStep       largest spike count per channel and step (15: the chip's input limit); more is
 *                         dropped and the integrator keeps less than one threshold
 */
public record FrontEndSettings(int bands, double lowestCentreHz, double highestCentreHz, double q, int filterOrder,
                               double smoothingHz, boolean normalise, double spikesPerUnit, double floor, double step,
                               int maxPerStep) {

    /** Fraction of Nyquist for the automatic highest centre. */
    public static final double AUTO_HIGHEST_FRACTION = 0.8;
    /** Highest centre that the automatic choice allows (Xylo Audio 3's top band). */
    public static final double XYLO_HIGHEST_CENTRE_HZ = 17_000;

    /** The defaults for 8-16 kHz speech (docs/data.md). */
    public static final FrontEndSettings DEFAULT = new FrontEndSettings(ChipProfile.XYLO_AUDIO2.maxInputs(), 100, 0, 4,
            2, 100, true, 5000, 0.01, 0.010, ChipProfile.XYLO_AUDIO2.maxInputCount());

    public FrontEndSettings {
        if (bands < 1) {
            throw new IllegalArgumentException("front end: bands must be >= 1, got " + bands);
        }
        if (!(lowestCentreHz > 0)) {
            throw new IllegalArgumentException("front end: lowest centre must be > 0 Hz, got " + lowestCentreHz);
        }
        if (highestCentreHz != 0 && !(highestCentreHz >= lowestCentreHz)) {
            throw new IllegalArgumentException("front end: highest centre (" + highestCentreHz
                    + " Hz) must be 0 (automatic) or >= the lowest (" + lowestCentreHz + " Hz)");
        }
        if (!(q > 0.5) || !Double.isFinite(q)) {
            throw new IllegalArgumentException("front end: Q must be > 0.5, got " + q);
        }
        if (filterOrder < 1 || filterOrder > 8) {
            throw new IllegalArgumentException("front end: filter order must be in 1..8, got " + filterOrder);
        }
        if (!(smoothingHz > 0)) {
            throw new IllegalArgumentException("front end: smoothing cut-off must be > 0 Hz, got " + smoothingHz);
        }
        if (!(spikesPerUnit > 0) || !Double.isFinite(spikesPerUnit)) {
            throw new IllegalArgumentException("front end: spikes per unit must be > 0, got " + spikesPerUnit);
        }
        if (!(floor >= 0) || floor >= 1) {
            throw new IllegalArgumentException("front end: floor must be in [0, 1), got " + floor);
        }
        if (!(step > 0) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("front end: step must be > 0 s, got " + step);
        }
        if (maxPerStep < 1) {
            throw new IllegalArgumentException("front end: max spikes per step must be >= 1, got " + maxPerStep);
        }
    }

    /** The highest centre for audio at {@code sampleRate}. */
    public double highestCentreFor(double sampleRate) {
        double nyquist = sampleRate / 2;
        double top = highestCentreHz > 0 ? highestCentreHz
                : Math.min(XYLO_HIGHEST_CENTRE_HZ, AUTO_HIGHEST_FRACTION * nyquist);
        // the band's upper -3 dB edge, centre * (1 + 1/(2Q)) roughly, must stay below Nyquist
        double upperEdge = top * (Math.sqrt(1 + 1 / (4 * q * q)) + 1 / (2 * q));
        if (upperEdge >= nyquist) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "front end: the top band (centre %.0f Hz, "
                    + "Q %.3g) reaches %.0f Hz, above the Nyquist frequency %.0f Hz of %.0f Hz audio; lower the "
                    + "highest centre", top, q, upperEdge, nyquist, sampleRate));
        }
        if (top < lowestCentreHz) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "front end: at %.0f Hz the highest centre "
                    + "%.0f Hz is below the lowest %.0f Hz", sampleRate, top, lowestCentreHz));
        }
        return top;
    }

    /** The band centres for audio at {@code sampleRate}: log-spaced from the lowest to the highest. */
    public double[] centresFor(double sampleRate) {
        double top = highestCentreFor(sampleRate);
        double[] c = new double[bands];
        for (int b = 0; b < bands; b++) {
            c[b] = bands == 1 ? lowestCentreHz : lowestCentreHz * Math.pow(top / lowestCentreHz, b / (double) (bands - 1));
        }
        return c;
    }

    /** The same settings at another chip step. */
    public FrontEndSettings withStep(double newStep) {
        return new FrontEndSettings(bands, lowestCentreHz, highestCentreHz, q, filterOrder, smoothingHz, normalise,
                spikesPerUnit, floor, newStep, maxPerStep);
    }

    /** The same settings with another integrate-and-fire gain. */
    public FrontEndSettings withSpikesPerUnit(double gain) {
        return new FrontEndSettings(bands, lowestCentreHz, highestCentreHz, q, filterOrder, smoothingHz, normalise,
                gain, floor, step, maxPerStep);
    }

    /** One line {@code key=value,...} that records these settings in a data set file. */
    public String describe() {
        return String.format(Locale.ROOT, "bands=%d,lowest_centre_hz=%s,highest_centre_hz=%s,q=%s,order=%d,"
                        + "smoothing_hz=%s,normalise=%s,spikes_per_unit=%s,floor=%s,step=%s,max_per_step=%d",
                bands, lowestCentreHz, highestCentreHz == 0 ? "auto" : Double.toString(highestCentreHz), q, filterOrder,
                smoothingHz, normalise, spikesPerUnit, floor, step, maxPerStep);
    }

    /** Parses {@link #describe()}'s output (how plots recover the settings a data set was made with). */
    public static FrontEndSettings parse(String text) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (String part : text.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("front end settings: expected key=value, got '" + part + "'");
            }
            m.put(kv[0].trim(), kv[1].trim());
        }
        try {
            String hi = m.get("highest_centre_hz");
            return new FrontEndSettings(Integer.parseInt(m.get("bands")), Double.parseDouble(m.get("lowest_centre_hz")),
                    "auto".equals(hi) ? 0 : Double.parseDouble(hi), Double.parseDouble(m.get("q")),
                    Integer.parseInt(m.get("order")), Double.parseDouble(m.get("smoothing_hz")),
                    Boolean.parseBoolean(m.get("normalise")), Double.parseDouble(m.get("spikes_per_unit")),
                    Double.parseDouble(m.get("floor")), Double.parseDouble(m.get("step")),
                    Integer.parseInt(m.get("max_per_step")));
        } catch (NullPointerException | NumberFormatException e) {
            throw new IllegalArgumentException("front end settings: cannot parse '" + text + "'", e);
        }
    }
}
