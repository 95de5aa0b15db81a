package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.io.ChipConfigFiles;
import dev.spikeloop.chipconfig.npy.Npz;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.rockpool.RockpoolExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code spikeloop export-rockpool}: a chip configuration as a Rockpool specification (.npz). */
@Command(name = "export-rockpool", mixinStandardHelpOptions = true,
        description = {"Write a chip configuration as the arrays Rockpool's XyloSim.from_specification and "
                + "config_from_specification take (weights_in, weights_rec, weights_out, dash_*, threshold*, bias_*, "
                + "weight_shift_*, aliases, dt), as a NumPy .npz file:",
                "  spec = dict(np.load('SPEC.npz')); config, ok, msg = config_from_specification(**spec)",
                "See docs/chip-config.md for names, shapes and dtypes."})
public final class ExportRockpoolCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CHIP.(pb|json)", description = "Chip configuration to export.")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "SPEC.npz", description = "Rockpool specification to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        RockpoolFiles.requireNpz(out, "--out");
        ChipConfig chip = ChipConfigFiles.read(config);
        Npz.write(RockpoolExport.toArrays(chip, config.toString()), out);
        System.out.println("wrote " + out + " (" + chip.getProfile() + ": " + chip.getNumInputs() + " inputs, "
                + chip.getNumHidden() + " hidden x " + chip.getNumSynapses() + " synapse(s), " + chip.getNumOutputs()
                + " outputs)");
        return 0;
    }
}
