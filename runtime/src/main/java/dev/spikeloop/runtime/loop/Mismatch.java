package dev.spikeloop.runtime.loop;

import dev.spikeloop.chipconfig.proto.ChipConfig;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How a physical chip differs from the one the compiler assumed, for the mismatch study: decay
 * shifts off by a few steps (a clock or a trimmed leak that is not what the data sheet says) and
 * thresholds that are scaled, globally and per neuron (comparator offsets, as silicon has).
 *
 * <p>{@link #applyTo} turns the configuration the host believes it wrote into the one the chip
 * effectively runs. The per-neuron factors depend only on {@code seed} and the neuron index, so one
 * {@code Mismatch} is one particular chip: every configuration written to it meets the same offsets.
 *
 * @param dashMemDelta     added to every {@code dash_mem} / {@code dash_mem_out} (result clamped to 0..15)
 * @param dashSynDelta     added to every {@code dash_syn} / {@code dash_syn_out} (clamped to 0..15)
 * @param thresholdScale   every threshold is multiplied by this (> 0)
 * @param thresholdSpread  standard deviation of an extra per-neuron factor {@code 1 + spread * N(0, 1)} (>= 0)
 * @param seed             seed of the per-neuron factors
 */
public record Mismatch(int dashMemDelta, int dashSynDelta, double thresholdScale, double thresholdSpread, long seed) {

    /** A chip exactly as the compiler assumed. */
    public static final Mismatch NONE = new Mismatch(0, 0, 1.0, 0.0, 0);

    private static final int MAX_DASH = 15;
    private static final int MAX_THRESHOLD = 32767;

    public Mismatch {
        if (Math.abs(dashMemDelta) > MAX_DASH || Math.abs(dashSynDelta) > MAX_DASH) {
            throw new IllegalArgumentException("mismatch: dash deltas must lie in -15..15, got dash-mem="
                    + dashMemDelta + ", dash-syn=" + dashSynDelta);
        }
        if (!(thresholdScale > 0) || !Double.isFinite(thresholdScale)) {
            throw new IllegalArgumentException("mismatch: threshold scale must be a finite number > 0, got " + thresholdScale);
        }
        if (!(thresholdSpread >= 0) || thresholdSpread >= 1) {
            throw new IllegalArgumentException("mismatch: threshold spread must lie in [0, 1), got " + thresholdSpread);
        }
    }

    /** True when this changes nothing. */
    public boolean isNone() {
        return dashMemDelta == 0 && dashSynDelta == 0 && thresholdScale == 1.0 && thresholdSpread == 0.0;
    }

    /**
     * Parses {@code key=value} pairs separated by commas: {@code dash-mem}, {@code dash-syn}
     * (integers, signed), {@code threshold} (scale), {@code spread}, {@code seed}; {@code none} for
     * no mismatch. Example: {@code dash-mem=+1,threshold=0.95,spread=0.05,seed=3}.
     */
    public static Mismatch parse(String text) {
        String s = text.trim();
        if (s.isEmpty() || s.equalsIgnoreCase("none")) {
            return NONE;
        }
        int dashMem = 0, dashSyn = 0;
        double scale = 1.0, spread = 0.0;
        long seed = 0;
        for (String part : s.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("mismatch '" + text + "': expected key=value, got '" + part.trim()
                        + "' (keys: dash-mem, dash-syn, threshold, spread, seed)");
            }
            String key = kv[0].trim().toLowerCase(Locale.ROOT);
            String value = kv[1].trim();
            try {
                switch (key) {
                    case "dash-mem" -> dashMem = Integer.parseInt(value.startsWith("+") ? value.substring(1) : value);
                    case "dash-syn" -> dashSyn = Integer.parseInt(value.startsWith("+") ? value.substring(1) : value);
                    case "threshold" -> scale = Double.parseDouble(value);
                    case "spread" -> spread = Double.parseDouble(value);
                    case "seed" -> seed = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("mismatch '" + text + "': unknown key '" + key
                            + "' (keys: dash-mem, dash-syn, threshold, spread, seed)");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("mismatch '" + text + "': '" + value + "' is not a number for " + key, e);
            }
        }
        return new Mismatch(dashMem, dashSyn, scale, spread, seed);
    }

    /** The configuration the mismatched chip effectively runs when {@code config} is written to it. */
    public ChipConfig applyTo(ChipConfig config) {
        if (isNone()) {
            return config;
        }
        ChipConfig.Builder b = config.toBuilder();
        for (int k = 0; k < b.getDashMemCount(); k++) {
            b.setDashMem(k, dash(b.getDashMem(k), dashMemDelta));
        }
        for (int k = 0; k < b.getDashSynCount(); k++) {
            b.setDashSyn(k, dash(b.getDashSyn(k), dashSynDelta));
        }
        for (int k = 0; k < b.getDashMemOutCount(); k++) {
            b.setDashMemOut(k, dash(b.getDashMemOut(k), dashMemDelta));
        }
        for (int k = 0; k < b.getDashSynOutCount(); k++) {
            b.setDashSynOut(k, dash(b.getDashSynOut(k), dashSynDelta));
        }
        // One stream of factors for the hidden neurons and another for the outputs, each in neuron
        // order, so a neuron keeps its factor whatever the configuration written to the chip.
        SplittableRandom random = new SplittableRandom(seed);
        for (int h = 0; h < b.getThresholdCount(); h++) {
            b.setThreshold(h, threshold(b.getThreshold(h), factor(random)));
        }
        random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int o = 0; o < b.getThresholdOutCount(); o++) {
            b.setThresholdOut(o, threshold(b.getThresholdOut(o), factor(random)));
        }
        return b.build();
    }

    private double factor(SplittableRandom random) {
        double g = gaussian(random);
        return thresholdScale * (1 + thresholdSpread * g);
    }

    /** A standard normal number (Box-Muller), so the factors do not depend on java.util.Random's internals. */
    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static int dash(int dash, int delta) {
        return Math.max(0, Math.min(MAX_DASH, dash + delta));
    }

    private static int threshold(int threshold, double factor) {
        long t = Math.round(threshold * factor);
        // A threshold of 0 or less would make the neuron fire every step: the silicon still has a
        // positive comparator level, so stay at 1 at least.
        return (int) Math.max(1, Math.min(MAX_THRESHOLD, t));
    }

    @Override
    public String toString() {
        if (isNone()) {
            return "none";
        }
        return String.format(Locale.ROOT, "dash-mem=%+d,dash-syn=%+d,threshold=%s,spread=%s,seed=%d",
                dashMemDelta, dashSynDelta, thresholdScale, thresholdSpread, seed);
    }
}
