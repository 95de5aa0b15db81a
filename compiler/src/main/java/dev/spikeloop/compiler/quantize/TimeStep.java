package dev.spikeloop.compiler.quantize;

import dev.spikeloop.network.FloatNetwork;

import java.util.Locale;

/**
 * A chip time step as a user asks for it: a number of seconds, or {@code auto}, the step the
 * compiler chooses for a network's time constants ({@link DtAdvisor#auto}). Every command and study
 * that takes a step parses it with {@link #parse} and resolves it here, so {@code auto} means the same
 * thing everywhere.
 *
 * @param seconds the step (s), or NaN for {@code auto}
 */
public record TimeStep(double seconds) {
    /** The compiler's choice for the network at hand. */
    public static final TimeStep AUTO = new TimeStep(Double.NaN);

    /** Rejects steps that are not positive and finite (NaN is {@code auto}). */
    public TimeStep {
        if (!Double.isNaN(seconds) && !(seconds > 0 && Double.isFinite(seconds))) {
            throw new IllegalArgumentException("a time step must be a finite number of seconds > 0, got " + seconds);
        }
    }

    /**
     * {@code auto} (any case) or seconds, e.g. {@code 0.001}.
     *
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static TimeStep parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equalsIgnoreCase("auto")) {
            return AUTO;
        }
        double s;
        try {
            s = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a time step in seconds (e.g. 0.001) or 'auto', got '" + text + "'");
        }
        if (!(s > 0 && Double.isFinite(s))) {
            throw new IllegalArgumentException("a time step must be a finite number of seconds > 0, got '" + text + "'");
        }
        return new TimeStep(s);
    }

    /** Whether the compiler chooses the step. */
    public boolean isAuto() {
        return Double.isNaN(seconds);
    }

    /** The step for {@code net} on a chip whose decays reach dash {@code maxDash}. */
    public double resolve(FloatNetwork net, int maxDash) {
        return isAuto() ? DtAdvisor.auto(net, maxDash) : seconds;
    }

    /** The step for a network not built yet, given its time constants (s). */
    public double resolve(double[] timeConstants, int maxDash) {
        return isAuto() ? DtAdvisor.auto(timeConstants, maxDash) : seconds;
    }

    /** {@code auto} or the seconds, as a user would type them. */
    @Override
    public String toString() {
        return isAuto() ? "auto" : String.format(Locale.ROOT, "%s", seconds);
    }
}
