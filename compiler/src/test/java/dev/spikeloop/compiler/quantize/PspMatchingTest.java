package dev.spikeloop.compiler.quantize;

import dev.spikeloop.network.FloatNetwork;
import dev.spikeloop.network.LayerSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PspMatchingTest {
    private static final double DT = 0.001;

    @Test
    void pspPeakIsTheMaximumOfTheKernel() {
        double[][] taus = {{0.005, 0.010}, {0.002, 0.020}, {0.008, 0.004}, {0.006, 0.006}};
        for (double[] t : taus) {
            double max = 0;
            for (int k = 1; k < 200000; k++) {
                max = Math.max(max, DecaysTest.kernel(k * 1e-6, t[0], t[1]));
            }
            assertEquals(max, Decays.pspPeak(t[0], t[1]), 1e-9, t[0] + "/" + t[1]);
        }
    }

    @Test
    void matchedPspPeakEqualsTheFloatPeakOnTheChip() {
        double ts = 0.005;
        double tm = 0.010;
        int ds = Decays.nearestDash(ts, DT, 15);
        int dm = Decays.nearestDash(tm, DT, 15);
        double ratio = Decays.pspPeakRatio(ts, tm, ds, dm, DT);
        assertTrue(ratio > 1.03, "the chip's shorter time constants give a lower peak: ratio " + ratio);
        for (boolean match : new boolean[] {false, true}) {
            double lambda = 4000;
            double w = 3.0;
            double g = Decays.gain(ds, dm) * (match ? ratio : 1);
            ChipNeuronReference n = new ChipNeuronReference(ds, dm, 32767);
            n.input((int) Math.round(lambda * g * w));
            int peak = 0;
            for (int step = 0; step < 60; step++) {
                n.step(1);
                peak = Math.max(peak, n.membrane());
            }
            double expected = lambda * w * (match ? Decays.pspPeak(ts, tm)
                    : Decays.pspPeak(Decays.tau(ds, DT), Decays.tau(dm, DT)));
            // sampling at step ends and truncating decays: within 1.5% of the continuous peak (the ratio is 4.7%)
            assertEquals(expected, peak, 0.015 * expected, "match " + match);
        }
    }

    @Test
    void compilationCarriesTheRatioIntoTheChipEquivalentAndChipForm() {
        FloatNetwork net = Networks.random(21, 3, new int[] {8}, 2, true);
        Compilation off = NetworkCompiler.compile(net, CompileOptions.defaults());
        Compilation on = NetworkCompiler.compile(net, CompileOptions.defaults().withMatchPsp(true));
        double ratio = on.scales().layer(0).pspRatio();
        assertEquals(1.0, off.scales().layer(0).pspRatio());
        assertEquals(Decays.pspPeakRatio(0.005, 0.010, 2, 3, DT), ratio, 1e-12);
        assertEquals(off.scales().layer(0).gain() * ratio, on.scales().layer(0).gain(), 1e-12);
        for (Compilation c : List.of(off, on)) {
            FloatNetwork form = c.chipForm(net);
            FloatNetwork eq = c.chipEquivalent();
            for (int l = 0; l < 2; l++) {
                LayerScale s = c.scales().layer(l);
                double tolerance = s.weightStep(c.scales().shift(c.mapping().feedForwardMatrix(l))) * s.pspRatio();
                LayerSpec a = form.layer(l);
                LayerSpec b = eq.layer(l);
                assertEquals(b.tauSyn(), a.tauSyn());
                for (int i = 0; i < a.size(); i++) {
                    for (int j = 0; j < a.weights()[i].length; j++) {
                        assertEquals(a.weights()[i][j], b.weights()[i][j], 0.5 * tolerance + 1e-12);
                        assertEquals(net.layer(l).weights()[i][j] * s.pspRatio(), a.weights()[i][j], 1e-12);
                    }
                }
            }
        }
        // re-quantisation keeps the ratio
        assertEquals(on.scales(), NetworkCompiler.requantize(net, on).scales());
    }

    @Test
    void dtAdvisorFindsAStepThatFitsBothTimeConstants() {
        FloatNetwork net = Networks.random(22, 3, new int[] {8}, 2, false); // 5 ms / 10 ms
        double now = DtAdvisor.maxTauError(net, DT, 15);
        assertEquals(1 - Decays.tau(2, DT) / 0.005, now, 1e-12); // tau_syn 5 ms -> dash 2: 3.48 ms
        DtAdvisor.Suggestion s = DtAdvisor.suggest(net, DT, 15);
        assertTrue(s.maxError() < 0.05, "error " + s.maxError());
        assertTrue(s.dt() <= DT && s.dt() > 0.6 * DT, "dt " + s.dt()); // dashes 3 and 4 at about 0.657 ms
        assertEquals(s.maxError(), DtAdvisor.maxTauError(net, s.dt(), 15), 1e-12);
        Compilation c = NetworkCompiler.compile(net, CompileOptions.defaults());
        assertTrue(c.report().notes().stream().anyMatch(n -> n.contains("would realise every time constant")),
                c.report().notes().toString());
    }

    @Test
    void autoStepResolvesTheShortestTimeConstantTenTimes() {
        FloatNetwork net = Networks.random(22, 3, new int[] {8}, 2, false); // 5 ms / 10 ms
        assertEquals(0.0005, DtAdvisor.autoMaxDt(net, DT), 1e-15);
        assertEquals(0.0002, DtAdvisor.autoMaxDt(net, 0.0002), 1e-15);
        DtAdvisor.Suggestion s = DtAdvisor.suggest(net, DtAdvisor.autoMaxDt(net, DT), 15);
        assertTrue(s.dt() <= 0.0005 && s.dt() > 0.3e-3, "dt " + s.dt()); // dashes 4 and 5 at about 0.32 ms
        assertTrue(s.maxError() < 0.05, "error " + s.maxError());
        assertEquals(s.dt(), DtAdvisor.autoDt(net, DT, 15).getAsDouble(), 0);
    }

    @Test
    void noStepWhenTheTimeConstantsSpanMoreThanTheDashes() {
        FloatNetwork net = Networks.random(22, 3, new int[] {8}, 2, false);
        var slow = net.layer(0);
        // 5 ms and 10^6 s: no step realises both with dashes 1..15
        FloatNetwork apart = net.withLayer(0, new dev.spikeloop.network.LayerSpec(slow.name(), slow.size(),
                slow.tauSyn(), 1e6, slow.threshold(), slow.weights(), slow.recurrent()));
        assertTrue(Double.isNaN(DtAdvisor.suggest(apart, DT, 15).dt()));
        assertTrue(DtAdvisor.autoDt(apart, DT, 15).isEmpty());
    }
}
