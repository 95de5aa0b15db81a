package dev.spikeloop.runtime.train;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

class WorkerPoolTest {

    @Test
    void resultsComeBackInIndexOrderWhateverTheThreadCount() {
        List<Integer> expected = IntStream.range(0, 1000).map(i -> i * i).boxed().toList();
        for (int threads : new int[] {1, 2, 3}) {
            try (WorkerPool pool = new WorkerPool(threads)) {
                assertEquals(expected, pool.map(1000, i -> i * i), threads + " threads");
                assertEquals(List.of(), pool.map(0, i -> i));
            }
        }
    }

    @Test
    void aFailingTaskFailsTheCallWithItsOwnException() {
        try (WorkerPool pool = new WorkerPool(2)) {
            var e = assertThrows(IllegalArgumentException.class, () -> pool.map(100, i -> {
                if (i == 57) {
                    throw new IllegalArgumentException("sample 57 is bad");
                }
                return i;
            }));
            assertEquals("sample 57 is bad", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new WorkerPool(0));
    }
}
