package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.io.ChipConfigFiles;
import dev.spikeloop.chipconfig.io.OutputSet;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.cli.plot.EmulationRasterPlot;
import dev.spikeloop.chipconfig.spikes.SpikeRaster;
import dev.spikeloop.emulator.xylo.XyloEmulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code spikeloop emulate}: runs a chip configuration over an input raster on the bit-accurate
 * emulator (docs/emulator.md) and writes output spikes, optionally hidden spikes, per-step states
 * and a raster picture.
 */
@Command(name = "emulate", mixinStandardHelpOptions = true,
        description = {"Run a chip configuration on the bit-accurate Xylo emulator.",
                "IN.csv has the header step,channel,count (repeated rows add up, counts above 15 are clipped); "
                        + "OUT.csv and HID.csv get step,neuron,count rows for non-zero counts, sorted by step then "
                        + "neuron. STATES.csv gets step,layer,neuron,vmem,isyn0,isyn1 for every neuron and step."})
public final class EmulateCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "CHIP.(json|pb)",
            description = "Chip configuration, protobuf JSON (.json) or binary (.pb).")
    Path config;

    @Mixin
    RasterFileOptions files;

    @Option(names = "--states-out", paramLabel = "STATES.csv",
            description = "Membrane potentials and synaptic currents of every neuron at the end of every step.")
    Path statesOut;

    /** Short spelling of {@code --states-out}, kept out of the help. */
    @Option(names = "--states", paramLabel = "STATES.csv", hidden = true)
    Path statesShort;

    @Option(names = "--raster", paramLabel = "RASTER.png", description = "Raster plot of input, hidden and output spikes.")
    Path raster;

    @Override
    public Integer call() throws IOException {
        if (statesOut != null && statesShort != null) {
            throw new IllegalArgumentException("give --states-out or --states, not both");
        }
        if (statesOut == null) {
            statesOut = statesShort;
        }
        files.checkSteps();
        String summary;
        try (OutputSet outputs = new OutputSet()) { // every output checked before any work, written together
            files.declare(outputs);
            Path states = statesOut == null ? null : outputs.file("--states-out", statesOut);
            Path picture = raster == null ? null : outputs.file("--raster", raster, ".png");
            summary = emulate(states, picture);
            outputs.commit();
        }
        System.out.println(summary);
        return 0;
    }

    /** Runs the emulation into the staged files; returns the line to print once they are committed. */
    private String emulate(Path states, Path picture) throws IOException {
        ChipConfig chip = ChipConfigFiles.readUnvalidated(config);
        XyloEmulator emulator = new XyloEmulator(chip, config.toString()); // validates, naming the file
        SpikeRaster in = files.readInput(chip.getNumInputs());
        int n = files.stepsFor(in);
        StreamingEmulation.Result result = StreamingEmulation.run(emulator, in, n, files.stagedOut(),
                files.stagedHidden(), states, picture != null);
        if (picture != null) {
            EmulationRasterPlot.write(List.of(population("input", chip.getNumInputs(), in),
                            population("hidden", chip.getNumHidden(), result.hidden()),
                            population("output", chip.getNumOutputs(), result.outputs())),
                    n, "emulated " + config.getFileName(), picture);
        }
        return "emulated " + n + " step(s) of " + config + ": " + result.outputSpikes()
                + " output spike(s), " + result.hiddenSpikes() + " hidden spike(s) -> " + files.out;
    }

    private static EmulationRasterPlot.Population population(String name, int rows, SpikeRaster r) {
        int[] s = new int[r.size()];
        int[] nrn = new int[r.size()];
        for (int k = 0; k < s.length; k++) {
            s[k] = r.step(k);
            nrn[k] = r.neuron(k);
        }
        return new EmulationRasterPlot.Population(name, rows, s, nrn);
    }
}
