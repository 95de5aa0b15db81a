package dev.spikeloop.cli.commands;

import java.nio.file.Path;
import java.util.Locale;

/** File-name checks shared by the Rockpool commands. */
final class RockpoolFiles {
    private RockpoolFiles() {
    }

    /** Refuses a name that does not end in .npz, naming the option. */
    static void requireNpz(Path path, String what) {
        if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
            throw new IllegalArgumentException(what + " " + path + ": a Rockpool specification file must end in .npz"
                    + " (NumPy's np.savez format)");
        }
    }
}
