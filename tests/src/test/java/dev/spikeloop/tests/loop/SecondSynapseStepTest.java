package dev.spikeloop.tests.loop;

import dev.spikeloop.compiler.quantize.CompileOptions;
import dev.spikeloop.compiler.quantize.DtAdvisor;
import dev.spikeloop.network.FloatNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chip against float for a second synaptic current at a short step (0.1 ms) and at the automatic step
 * (0.32 ms), with the second tau equal to the first (5 ms) and four times it (20 ms).
 *
 * <p>Regression: the compiler kept the default membrane scale (threshold 4096) whatever the step, so at
 * 0.1 ms a current of one weight was only ~0.2-0.8 x 2^dash_syn integer units; the chip's decay of at
 * least 1 per step then emptied it in a few dozen steps instead of ~64-256, and the emulator gave 55 hidden
 * spikes against 268 and 582 in float (9 outputs against 182 and 659); at 0.32 ms the slow synapse's
 * currents were ~0.5-2.5 x 2^6 and the chip gave 696 hidden spikes against 582. The scale chooser now
 * raises lambda until each synapse's largest current is 8 x 2^dash_syn (CurrentResolution in the compiler;
 * docs/compiler.md "Current resolution").
 *
 * <p>Tolerances, measured after the fix (docs/compiler.md): the reference that isolates the compiler is
 * the chip-equivalent float network (the chip's time constants and rounded weights); the chip is within
 * 20% of it in hidden spikes (+4% to +17%: what remains is the floor of the decay at K = 5..8, which
 * slows large currents; at 0.1 ms the 16-bit threshold caps lambda). Against the float network itself
 * the 0.1 ms step adds its time-constant error (dashes 6 and 7 realise 5 and 10 ms as 6.35 and 12.7 ms,
 * +27%, which alone gives the float network +15% hidden spikes): within 40% at 0.1 ms, 15% at 0.32 ms.
 */
class SecondSynapseStepTest {

    @ParameterizedTest(name = "dt {0} s, second tau {1} s")
    @CsvSource({"1e-4, 0.005", "1e-4, 0.02", "auto, 0.005", "auto, 0.02"})
    void chipAgreesWithFloatOnAProbe(String dtText, double tau2) {
        FloatNetwork net = SecondSynapseProbe.network(tau2);
        boolean auto = dtText.equals("auto");
        double dt = auto ? DtAdvisor.auto(net, CompileOptions.defaults().chipProfile().maxDash()) : Double.parseDouble(dtText);
        SecondSynapseProbe.Counts c = SecondSynapseProbe.counts(net, dt);
        String text = "dt " + dt + " tau2 " + tau2 + ": " + c + "; notes " + c.notes();
        assertTrue(c.floatHidden() > 200, text);
        assertTrue(within(c.chipHidden(), c.equivHidden(), 0.20), text);
        assertTrue(within(c.chipHidden(), c.floatHidden(), auto ? 0.15 : 0.40), text);
        // outputs compound the hidden layer's excess with their own layer's (measured +3% to +18% at 0.32 ms,
        // +18% to +77% at 0.1 ms; before the fix 9 spikes against 182 and 659 at 0.1 ms, +23% at 0.32 ms)
        assertTrue(within(c.chipOut(), c.floatOut(), auto ? 0.20 : 0.80), text);
    }

    private static boolean within(long actual, long reference, double tolerance) {
        return Math.abs(actual - reference) <= tolerance * reference;
    }
}
