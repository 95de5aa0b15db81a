package dev.spikeloop.cli.commands;

import dev.spikeloop.chipconfig.ChipProfile;
import dev.spikeloop.chipconfig.io.ChipConfigFiles;
import dev.spikeloop.chipconfig.npy.Npz;
import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.chipconfig.rockpool.RockpoolImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code spikeloop import-rockpool}: a Rockpool specification (.npz) as a validated chip configuration. */
@Command(name = "import-rockpool", mixinStandardHelpOptions = true,
        description = {"Read a Rockpool specification (the arrays of a Xylo mapper, saved with np.savez) into a chip "
                + "configuration for the given chip, checked against its limits. Every problem with the arrays, or "
                + "every limit the network breaks, is listed at once and nothing is written (exit code 1).",
                "See docs/chip-config.md for the accepted names, shapes and dtypes."})
public final class ImportRockpoolCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC.npz", description = "Rockpool specification to read.")
    Path spec;

    @Option(names = "--chip", paramLabel = "PROFILE", defaultValue = "xylo-audio2",
            description = "Chip profile: xylo-audio2, xylo-audio3 or xylo-imu (default: ${DEFAULT-VALUE}).")
    String chip;

    @Option(names = "--out", required = true, paramLabel = "CHIP.(pb|json)", description = "Chip configuration to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        ChipProfile profile = ChipProfile.require(chip);
        ChipConfigFiles.encodingOf(out); // refuse a bad extension before any work
        RockpoolFiles.requireNpz(spec, "SPEC");
        ChipConfig config = RockpoolImport.toConfig(Npz.read(spec), profile, spec.toString());
        ChipConfigFiles.write(config, out);
        System.out.println("wrote " + out + " (" + profile.name() + ": " + config.getNumInputs() + " inputs, "
                + config.getNumHidden() + " hidden x " + config.getNumSynapses() + " synapse(s), "
                + config.getNumOutputs() + " outputs, " + config.getAliasesCount() + " alias(es))");
        return 0;
    }
}
