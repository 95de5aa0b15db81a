package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.network.spikedata.SpikeSample;
import dev.spikeloop.network.spikedata.SpikeTrainDataset;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The named errors for data that does not fit the model or chip, raised before any work starts. */
class SpikeDataChecksTest {
    private static final Path FILE = Path.of("data.h5");

    private static SpikeTrainDataset data(int channels, int classes, int... labels) {
        List<String> names = java.util.stream.IntStream.range(0, classes).mapToObj(String::valueOf).toList();
        List<SpikeSample> samples = java.util.Arrays.stream(labels)
                .mapToObj(l -> new SpikeSample(new double[] {0.01}, new int[] {0}, l, "ann", "x_" + l + ".wav")).toList();
        return SpikeTrainDataset.of(channels, names, samples);
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void emptyDataSetIsNamed() {
        assertEquals("data.h5: the data set is empty (no samples)",
                message(() -> SpikeDataChecks.requireTrainable(data(16, 10), FILE, null, null, null, new int[] {8}, 10)));
        assertEquals("data.h5: the data set is empty (no samples)",
                message(() -> SpikeDataChecks.requireEvaluable(data(16, 10), FILE, 10, "m.json")));
    }

    @Test
    void channelsBeyondTheChipsInputsAreNamed() {
        assertEquals("data.h5: 20 channels exceed the 16 inputs of xylo-audio3", message(() ->
                SpikeDataChecks.requireTrainable(data(20, 10, 1), FILE, null, null, ChipProfile.XYLO_AUDIO3, new int[] {8}, 10)));
    }

    @Test
    void classesBeyondTheChipsOutputsAreNamed() {
        assertEquals("data.h5: 10 classes need as many outputs, but xylo-audio2 has 8 output neurons", message(() ->
                SpikeDataChecks.requireTrainable(data(16, 10, 1), FILE, null, null, ChipProfile.XYLO_AUDIO2, new int[] {8}, 10)));
        assertDoesNotThrow(() ->
                SpikeDataChecks.requireTrainable(data(16, 10, 1), FILE, null, null, ChipProfile.XYLO_AUDIO3, new int[] {64}, 10));
        assertEquals("--hidden: 1000 hidden neurons, but xylo-audio3 has 992", message(() ->
                SpikeDataChecks.requireTrainable(data(16, 10, 1), FILE, null, null, ChipProfile.XYLO_AUDIO3,
                        new int[] {500, 500}, 10)));
    }

    @Test
    void readoutWindowsCountAgainstTheChipsOutputs() {
        assertDoesNotThrow(() ->
                SpikeDataChecks.requireTrainable(data(16, 10, 1), FILE, null, null, ChipProfile.XYLO_AUDIO3, new int[] {64}, 30));
        assertEquals("data.h5: 10 classes x 4 readout windows need 40 outputs, but xylo-audio3 has 32 output neurons",
                message(() -> SpikeDataChecks.requireTrainable(data(16, 10, 1), FILE, null, null, ChipProfile.XYLO_AUDIO3,
                        new int[] {64}, 40)));
    }

    @Test
    void moreOutputsThanClassesIsNamed() {
        assertEquals("m.json has 10 outputs, more than the 3 classes of data.h5 (a model for another task?)",
                message(() -> SpikeDataChecks.requireEvaluable(data(16, 3, 0, 1, 2), FILE, 10, "m.json")));
    }

    @Test
    void aLabelWithoutAnOutputIsNamed() {
        assertEquals("data.h5: sample 1 (x_4.wav) has label 4, but m.json has no output for it (outputs 0..2)",
                message(() -> SpikeDataChecks.requireEvaluable(data(16, 0, 0, 4), FILE, 3, "m.json")));
    }
}
