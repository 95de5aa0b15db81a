package dev.spikeloop.compiler.quantize;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;

import java.util.OptionalDouble;

/**
 * Finds a time step at which the bit-shift decays realise a network's time constants well. Dashes
 * are about a factor 2 apart in time constant, so at a given dt a time constant can be off by up to
 * 41%; moving dt slides every realisable time constant together, and often one dt fits all of them.
 */
public final class DtAdvisor {
    /** Candidate steps: 400 per decade between 10 us and 10 ms. */
    private static final double MIN_DT = 1e-5;
    private static final double MAX_DT = 1e-2;
    private static final int PER_DECADE = 400;
    /**
     * Steps per shortest time constant that {@code auto} asks for at least. Measured on the shipped
     * Yin-Yang model (5 / 10 ms, validation set): 0.657 ms (7.6 steps per tau_syn) loses 5.3 points
     * against float, 0.323 ms (15.5 steps) 1.6 points; the time grid, not the integer range, limits
     * accuracy at the coarser step (docs/benchmarks.md).
     */
    static final double STEPS_PER_TAU = 10;

    private DtAdvisor() {
    }

    /**
     * A suggested step.
     *
     * @param dt       the step (s)
     * @param maxError the largest relative time-constant error at that step, |tau_chip / tau - 1|
     */
    public record Suggestion(double dt, double maxError) {
    }

    /**
     * The longest step {@code --dt auto} considers: {@code ceiling}, or a tenth of the network's
     * shortest time constant if that is shorter, so that the grid resolves the rise of a PSP.
     */
    public static double autoMaxDt(FloatNetwork net, double ceiling) {
        return autoMaxDt(timeConstants(net), ceiling);
    }

    private static double autoMaxDt(double[] taus, double ceiling) {
        double shortest = Double.POSITIVE_INFINITY;
        for (double tau : taus) {
            shortest = Math.min(shortest, tau);
        }
        return Math.min(ceiling, shortest / STEPS_PER_TAU);
    }

    /**
     * What {@code --dt auto} means everywhere (compile, finetune, demo): the {@link #suggest} step
     * no longer than {@link #autoMaxDt(FloatNetwork, double) autoMaxDt(net, ceiling)}; empty when no
     * such step holds every time constant in the decays' range.
     */
    public static OptionalDouble autoDt(FloatNetwork net, double ceiling, int maxDash) {
        return autoDt(timeConstants(net), ceiling, maxDash);
    }

    /**
     * {@link #autoDt(FloatNetwork, double, int)} for a network not built yet, given the time
     * constants (seconds) its layers will have.
     */
    public static OptionalDouble autoDt(double[] timeConstants, double ceiling, int maxDash) {
        Suggestion s = suggest(timeConstants, autoMaxDt(timeConstants, ceiling), maxDash);
        return s.dt() > 0 ? OptionalDouble.of(s.dt()) : OptionalDouble.empty();
    }

    /**
     * The longest step {@code auto} may choose (s): the 1 ms of {@link CompileOptions#DEFAULT_DT}, the
     * step the project's models and benchmarks were first built for.
     */
    public static final double AUTO_CEILING = CompileOptions.DEFAULT_DT;

    /**
     * The one rule behind {@code --dt auto} (compile, finetune, demo, train --chip-dt, bench
     * mismatch): {@link #autoDt(FloatNetwork, double, int)} with the ceiling {@link #AUTO_CEILING}.
     *
     * @throws IllegalArgumentException when no such step holds every time constant
     */
    public static double auto(FloatNetwork net, int maxDash) {
        return auto(timeConstants(net), maxDash);
    }

    /** {@link #auto(FloatNetwork, int)} for a network not built yet, given its time constants (s). */
    public static double auto(double[] timeConstants, int maxDash) {
        return autoDt(timeConstants, AUTO_CEILING, maxDash).orElseThrow(() -> new IllegalArgumentException(
                String.format(java.util.Locale.ROOT, "--dt auto: no time step up to %.3g ms holds every time constant "
                        + "of the network (%s ms) in the decays' range; give the step explicitly", 1e3 * AUTO_CEILING,
                        describe(timeConstants))));
    }

    private static String describe(double[] taus) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double t : taus) {
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
        }
        return String.format(java.util.Locale.ROOT, "%.3g to %.3g", 1e3 * lo, 1e3 * hi);
    }

    /** The largest relative error of any layer time constant at step {@code dt}. */
    public static double maxTauError(FloatNetwork net, double dt, int maxDash) {
        return maxTauError(timeConstants(net), dt, maxDash);
    }

    private static double maxTauError(double[] taus, double dt, int maxDash) {
        double worst = 0;
        for (double tau : taus) {
            double chip = Decays.tau(Decays.nearestDash(tau, dt, maxDash), dt);
            worst = Math.max(worst, Math.abs(chip / tau - 1));
        }
        return worst;
    }

    /**
     * The best-fitting step (a local minimum of the largest time-constant error) among the largest
     * steps, no larger than {@code maxDt}, whose error is at most 5% or within 1 percentage point of
     * the best achievable one. Larger steps are preferred: the integer
     * synaptic currents (about {@code lambda dt / tau_mem} per unit weight) then stay large against
     * the truncating decays, which measurably matters more than the finer time grid of a smaller
     * step (docs/compiler.md). Every time constant must stay in range.
     */
    public static Suggestion suggest(FloatNetwork net, double maxDt, int maxDash) {
        return suggest(timeConstants(net), maxDt, maxDash);
    }

    private static Suggestion suggest(double[] taus, double maxDt, int maxDash) {
        int n = (int) Math.round(Math.log10(MAX_DT / MIN_DT) * PER_DECADE);
        double best = Double.POSITIVE_INFINITY;
        double[] errors = new double[n + 1];
        double[] dts = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            dts[k] = MIN_DT * Math.pow(10, (double) k / PER_DECADE);
            errors[k] = dts[k] <= maxDt * (1 + 1e-12) && inRange(taus, dts[k], maxDash)
                    ? maxTauError(taus, dts[k], maxDash) : Double.POSITIVE_INFINITY;
            best = Math.min(best, errors[k]);
        }
        if (best == Double.POSITIVE_INFINITY) {
            return new Suggestion(Double.NaN, Double.POSITIVE_INFINITY); // no step holds every time constant
        }
        double accept = Math.max(best + 0.01, 0.05);
        // the centre (local minimum of the error) of the largest-step window that fits well enough
        for (int k = n; k >= 0; k--) {
            boolean localMin = (k == n || errors[k] <= errors[k + 1]) && (k == 0 || errors[k] <= errors[k - 1]);
            if (localMin && errors[k] <= accept) {
                return new Suggestion(dts[k], errors[k]);
            }
        }
        return new Suggestion(Double.NaN, Double.POSITIVE_INFINITY);
    }

    private static boolean inRange(double[] taus, double dt, int maxDash) {
        for (double tau : taus) {
            if (!Decays.inRange(tau, dt, maxDash)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every neuron's synaptic and membrane time constant, except the synapse of a layer that only
     * stands in for an instantaneous jump (NIR LIF): it gets the chip's fastest synapse at any step,
     * so it must not steer the step (a placeholder tau would).
     */
    private static double[] timeConstants(FloatNetwork net) {
        java.util.List<Double> taus = new java.util.ArrayList<>();
        for (int l = 0; l < net.layerCount(); l++) {
            LayerSpec layer = net.layer(l);
            if (layer.isPlain()) {
                taus.add(layer.tauSyn());
                taus.add(layer.tauMem());
                continue;
            }
            for (int i = 0; i < layer.size(); i++) {
                if (!layer.detail().instantSynapse()) {
                    taus.add(layer.tauSynOf(i));
                }
                taus.add(layer.tauMemOf(i));
                if (layer.detail().synapse2() != null) {
                    taus.add(layer.detail().synapse2().tauSyn()[i]);
                }
            }
        }
        return taus.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
