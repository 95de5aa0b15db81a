package dev.spikeloop.driver.board;

import dev.spikeloop.driver.protocol.RunRequest;
import dev.spikeloop.chipconfig.spikes.SpikeEvent;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunPlannerTest {
    @Property(tries = 200)
    void batchesFitAndCoverTheRun(@ForAll @IntRange(min = 1, max = 3000) int steps,
                                  @ForAll @IntRange(min = 1, max = 700) int maxSteps,
                                  @ForAll @IntRange(min = 120, max = 4096) int maxPayload,
                                  @ForAll @IntRange(min = 0, max = 100) int ratePercent) {
        SpikeRaster input = TestNets.input(steps, steps * 31L + ratePercent);
        List<SpikeEvent> back = new ArrayList<>();
        int next = 0;
        for (RunPlanner.Batch b : RunPlanner.plan(input, steps, maxSteps, maxPayload, 15)) {
            assertEquals(next, b.start());
            assertTrue(b.steps() >= 1 && b.steps() <= maxSteps);
            int size = new RunRequest(b.steps(), 0, b.input()).toPayload().length;
            assertTrue(size <= maxPayload, size + " > " + maxPayload);
            for (int k = 0; k < b.input().size(); k++) {
                assertTrue(b.input().steps()[k] < b.steps());
                back.add(new SpikeEvent(b.input().steps()[k] + b.start(), b.input().neurons()[k], b.input().counts()[k]));
            }
            next += b.steps();
        }
        assertEquals(steps, next);
        List<SpikeEvent> clipped = input.events().stream()
                .map(e -> new SpikeEvent(e.step(), e.neuron(), Math.min(15, e.count()))).toList();
        assertEquals(SpikeRaster.of(clipped), SpikeRaster.of(back));
    }
}
