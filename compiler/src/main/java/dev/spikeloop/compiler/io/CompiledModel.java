package dev.spikeloop.compiler.io;

import dev.spikeloop.compiler.quantize.Compilation;
import dev.spikeloop.network.FloatNetwork;

import java.util.List;

/**
 * A model file compiled for the chip.
 *
 * @param network      the float network read from the file
 * @param compilation  the chip configuration and report
 * @param importNotes  approximations made while importing (NIR), empty for network JSON
 */
public record CompiledModel(FloatNetwork network, Compilation compilation, List<String> importNotes) {
    public CompiledModel {
        importNotes = List.copyOf(importNotes);
    }
}
