package dev.spikeloop.cli.commands;

import dev.spikeloop.emulator.io.SpikeCsv;
import dev.spikeloop.chipconfig.spikes.SpikeEvent;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.emulator.xylo.SpikeSink;
import dev.spikeloop.emulator.xylo.XyloEmulator;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the emulator for {@code spikeloop emulate} with every spike and state going to its file as it
 * happens, so {@code --steps 2147483647} needs no more memory than {@code --steps 10} (as a board run
 * does). The files are the staged outputs of an {@code OutputSet}: written directly, renamed at commit.
 */
final class StreamingEmulation {
    /** The most steps a raster picture is drawn for: its spikes are kept in memory, and more are unreadable. */
    static final int RASTER_MAX_STEPS = 100_000;

    private StreamingEmulation() {
    }

    /** Spike totals, and the rasters when they were kept for a picture (else null). */
    record Result(long outputSpikes, long hiddenSpikes, SpikeRaster outputs, SpikeRaster hidden) {
    }

    /**
     * @param hidden  hidden spike file, or null
     * @param states  state file, or null
     * @param keep    keep the spikes in memory too (for a raster picture; at most {@link #RASTER_MAX_STEPS} steps)
     */
    static Result run(XyloEmulator emulator, SpikeRaster in, int steps, Path out, Path hidden, Path states,
                      boolean keep) throws IOException {
        if (keep && steps > RASTER_MAX_STEPS) {
            throw new IllegalArgumentException("--raster draws at most " + RASTER_MAX_STEPS + " steps (its spikes "
                    + "are kept in memory), got --steps " + steps + "; leave out --raster for a long run");
        }
        try (FileOutputStream o = new FileOutputStream(out.toFile());
             FileOutputStream h = hidden == null ? null : new FileOutputStream(hidden.toFile());
             FileOutputStream s = states == null ? null : new FileOutputStream(states.toFile())) {
            SpikeCsv.SpikesWriter outWriter = SpikeCsv.spikesWriter(o);
            // Without --hidden-out the hidden spikes are only counted, not formatted for nothing.
            SpikeCsv.SpikesWriter hidWriter = h == null ? null : SpikeCsv.spikesWriter(h);
            long[] hidCount = new long[1];
            SpikeSink hidSink = hidWriter != null ? hidWriter : (step, neuron, count) -> hidCount[0] += count;
            SpikeCsv.StatesWriter stateWriter = s == null ? null : SpikeCsv.statesWriter(s, emulator.numHidden(),
                    emulator.numSynapses(), emulator.numOutputs());
            List<SpikeEvent> keptOut = new ArrayList<>();
            List<SpikeEvent> keptHid = new ArrayList<>();
            emulator.stream(in, steps, keep ? tee(outWriter, keptOut) : outWriter,
                    keep ? tee(hidSink, keptHid) : hidSink, stateWriter);
            outWriter.flush();
            if (hidWriter != null) {
                hidWriter.flush();
            }
            if (stateWriter != null) {
                stateWriter.flush();
            }
            for (FileOutputStream f : new FileOutputStream[] {o, h, s}) {
                if (f != null) {
                    f.getFD().sync(); // on disk before the commit renames them
                }
            }
            return new Result(outWriter.totalCount(), hidWriter != null ? hidWriter.totalCount() : hidCount[0],
                    keep ? SpikeRaster.of(keptOut) : null, keep ? SpikeRaster.of(keptHid) : null);
        } catch (UncheckedIOException e) {
            throw new IOException("cannot write the emulation's output: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static SpikeSink tee(SpikeSink sink, List<SpikeEvent> kept) {
        return (step, neuron, count) -> {
            sink.spike(step, neuron, count);
            kept.add(new SpikeEvent(step, neuron, count));
        };
    }
}
