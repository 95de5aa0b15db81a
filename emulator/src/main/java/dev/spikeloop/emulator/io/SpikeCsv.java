package dev.spikeloop.emulator.io;

import dev.spikeloop.chipconfig.io.AtomicFiles;
import dev.spikeloop.chipconfig.io.FileErrors;
import dev.spikeloop.chipconfig.spikes.SpikeEvent;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.emulator.xylo.SpikeSink;
import dev.spikeloop.chipconfig.spikes.StateTrace;
import dev.spikeloop.chipconfig.spikes.StepObserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Spike count CSV files (docs/emulator.md): input rasters {@code step,channel,count}, output and
 * hidden rasters {@code step,neuron,count}, and the per-step neuron states of {@code --states-out}.
 * Every file is written atomically.
 */
public final class SpikeCsv {
    /** Header of an input raster. */
    public static final String INPUT_HEADER = "step,channel,count";
    /** Header of an output or hidden raster. */
    public static final String SPIKES_HEADER = "step,neuron,count";
    /** Header of a states file; {@code isyn1} is empty for one synapse and for output neurons. */
    public static final String STATES_HEADER = "step,layer,neuron,vmem,isyn0,isyn1";

    private SpikeCsv() {
    }

    /**
     * Reads an input raster; repeated rows of the same step and channel add up.
     *
     * @throws MalformedCsvException naming the line of a wrong header, a malformed row or a negative value
     */
    public static SpikeRaster readInput(Path path) throws IOException {
        return read(path, INPUT_HEADER, Integer.MAX_VALUE, Integer.MAX_VALUE, null);
    }

    /**
     * Reads an input raster for a chip with {@code channels} input channels run for {@code steps}
     * steps; a row outside those limits is reported with its line number.
     */
    public static SpikeRaster readInput(Path path, int channels, int steps) throws IOException {
        return read(path, INPUT_HEADER, channels, steps,
                "the chip configuration has " + channels + " input channel(s)");
    }

    /** Reads an output or hidden raster ({@code step,neuron,count}). */
    public static SpikeRaster readSpikes(Path path) throws IOException {
        return read(path, SPIKES_HEADER, Integer.MAX_VALUE, Integer.MAX_VALUE, null);
    }

    /** Atomically writes a raster as {@code step,neuron,count}, one row per event, sorted. */
    public static void writeSpikes(SpikeRaster raster, Path path) throws IOException {
        AtomicFiles.write(path, out -> {
            SpikesWriter w = spikesWriter(out);
            for (int k = 0; k < raster.size(); k++) {
                w.spike(raster.step(k), raster.neuron(k), raster.count(k));
            }
            w.flush();
        });
    }

    /**
     * A {@link SpikeSink} that writes {@code step,neuron,count} rows (header first) to {@code out} as the
     * spikes come, so a run of any length needs no memory for them. Call {@link SpikesWriter#flush()} at
     * the end; it does not close {@code out}.
     */
    public static SpikesWriter spikesWriter(OutputStream out) {
        return new SpikesWriter(out);
    }

    /** Streams spike rows; I/O errors surface as {@link UncheckedIOException}. */
    public static final class SpikesWriter implements SpikeSink {
        private final AsciiRows rows;
        private long total;

        private SpikesWriter(OutputStream out) {
            rows = new AsciiRows(out);
            rows.text(SPIKES_HEADER).ascii('\n');
        }

        @Override
        public void spike(int step, int neuron, int count) {
            rows.number(step).ascii(',').number(neuron).ascii(',').number(count).ascii('\n');
            total += count;
        }

        /** The spikes written so far (the sum of the counts). */
        public long totalCount() {
            return total;
        }

        /** Writes out what is buffered. */
        public void flush() throws IOException {
            rows.flush();
        }
    }

    /** Atomically writes recorded states in the {@link #STATES_HEADER} format. */
    public static void writeStates(StateTrace trace, Path path) throws IOException {
        AtomicFiles.write(path, out -> {
            StatesWriter w = statesWriter(out, trace.numHidden(), trace.numSynapses(), trace.numOutputs());
            for (int t = 0; t < trace.steps(); t++) {
                w.afterStep(t, trace.membrane(t), trace.synaptic(t), trace.outputMembrane(t), trace.outputSynaptic(t));
            }
            w.flush();
        });
    }

    /**
     * A {@link StepObserver} that streams the states of every step to {@code out} as CSV (header
     * first), so that long runs need no memory for them. Call {@link StatesWriter#flush()} at the end.
     */
    public static StatesWriter statesWriter(OutputStream out, int hidden, int synapses, int outputs) {
        return new StatesWriter(out, hidden, synapses, outputs);
    }

    /** Streams states as CSV rows; I/O errors surface as {@link UncheckedIOException}. */
    public static final class StatesWriter implements StepObserver {
        private final AsciiRows rows;
        private final int hidden;
        private final int synapses;
        private final int outputs;
        private int stepOffset;

        private StatesWriter(OutputStream out, int hidden, int synapses, int outputs) {
            this.rows = new AsciiRows(out);
            this.hidden = hidden;
            this.synapses = synapses;
            this.outputs = outputs;
            rows.text(STATES_HEADER).ascii('\n');
        }

        /** Adds {@code offset} to the step numbers written from now on (for chunked runs). */
        public void setStepOffset(int offset) {
            this.stepOffset = offset;
        }

        @Override
        public void afterStep(int step, int[] membrane, int[] synaptic, int[] outputMembrane, int[] outputSynaptic) {
            int t = step + stepOffset;
            for (int h = 0; h < hidden; h++) {
                rows.number(t).text(",hidden,").number(h).ascii(',').number(membrane[h]).ascii(',')
                        .number(synaptic[h * synapses]).ascii(',');
                if (synapses > 1) {
                    rows.number(synaptic[h * synapses + 1]);
                }
                rows.ascii('\n');
            }
            for (int o = 0; o < outputs; o++) {
                rows.number(t).text(",output,").number(o).ascii(',').number(outputMembrane[o]).ascii(',')
                        .number(outputSynaptic[o]).text(",\n");
            }
        }

        /** Flushes buffered rows to the stream. */
        public void flush() throws IOException {
            rows.flush();
        }
    }

    private static SpikeRaster read(Path path, String header, int neuronLimit, int stepLimit, String neuronLimitWhy)
            throws IOException {
        if (path.toString().isEmpty()) {
            throw new IOException("cannot read spike CSV: the path is empty");
        }
        if (Files.isDirectory(path)) {
            throw new IOException("cannot read spike CSV " + path + ": is a folder, not a file");
        }
        String neuronName = header.split(",")[1];
        List<SpikeEvent> events = new ArrayList<>();
        int lineNo = 0;
        boolean headerSeen = false;
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                String trimmed = line.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                String[] fields = trimmed.split(",", -1);
                if (!headerSeen) {
                    if (!normalise(fields).equals(header)) {
                        throw new MalformedCsvException(path, lineNo, "expected the header '" + header + "', got '"
                                + abbreviate(trimmed) + "'");
                    }
                    headerSeen = true;
                    continue;
                }
                if (fields.length != 3) {
                    throw new MalformedCsvException(path, lineNo, "expected 3 fields (" + header + "), got "
                            + fields.length + ": '" + abbreviate(trimmed) + "'");
                }
                int step = parseField(path, lineNo, "step", fields[0]);
                int neuron = parseField(path, lineNo, neuronName, fields[1]);
                int count = parseField(path, lineNo, "count", fields[2]);
                if (neuron >= neuronLimit) {
                    throw new MalformedCsvException(path, lineNo, neuronName + " " + neuron + " is outside 0.."
                            + (neuronLimit - 1) + " (" + neuronLimitWhy + ")");
                }
                if (step >= stepLimit) {
                    throw new MalformedCsvException(path, lineNo, "step " + step + " is outside the run of " + stepLimit
                            + " step(s) (0.." + (stepLimit - 1) + ")");
                }
                events.add(new SpikeEvent(step, neuron, count));
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "spike CSV file not found");
        } catch (CharacterCodingException e) {
            throw new MalformedCsvException(path, lineNo + 1, "not UTF-8 text");
        } catch (MalformedCsvException e) {
            throw e;
        } catch (IOException e) {
            throw FileErrors.wrap("read spike CSV", path, e); // e.g. "is a folder", with the path
        }
        if (!headerSeen) {
            throw new MalformedCsvException(path, Math.max(1, lineNo), "empty file: expected the header '" + header + "'");
        }
        try {
            return SpikeRaster.of(events);
        } catch (IllegalArgumentException e) {
            throw new MalformedCsvException(path, lineNo, e.getMessage());
        }
    }

    private static String normalise(String[] fields) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < fields.length; k++) {
            sb.append(k == 0 ? "" : ",").append(fields[k].strip().toLowerCase(java.util.Locale.ROOT));
        }
        return sb.toString();
    }

    private static int parseField(Path path, int lineNo, String name, String raw) throws MalformedCsvException {
        String text = raw.strip();
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            String why = text.matches("[+-]?[0-9]+") ? "is too large (allowed: 0.." + Integer.MAX_VALUE + ")"
                    : "is not an integer";
            throw new MalformedCsvException(path, lineNo, name + " '" + abbreviate(text) + "' " + why);
        }
        if (value < 0) {
            throw new MalformedCsvException(path, lineNo, name + " " + value + " is negative (allowed: 0.."
                    + Integer.MAX_VALUE + ")");
        }
        if (value > Integer.MAX_VALUE) {
            throw new MalformedCsvException(path, lineNo, name + " " + value + " is too large (allowed: 0.."
                    + Integer.MAX_VALUE + ")");
        }
        return (int) value;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
