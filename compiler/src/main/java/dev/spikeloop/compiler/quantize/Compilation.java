package dev.spikeloop.compiler.quantize;

import dev.spikeloop.chipconfig.proto.ChipConfig;
import dev.spikeloop.network.FloatNetwork;

/**
 * The result of compiling a float network.
 *
 * @param config          the chip configuration (valid for its profile)
 * @param report          what was lost
 * @param scales          every scale and shift used; pass this compilation to
 *                        {@link NetworkCompiler#requantize} to quantise updated weights the same way
 * @param mapping         where each layer lives on the chip
 * @param options         the options used
 * @param chipEquivalent  the float network the configuration stands for: the chip's time constants,
 *                        thresholds {@code thresholdInt / scale} and the rounded weights in float
 *                        units (recurrent diagonals 0). Simulating it in float time separates the
 *                        quantisation error from the time-step error.
 */
public record Compilation(ChipConfig config, CompilationReport report, QuantizationScales scales,
                          ChipMapping mapping, CompileOptions options, FloatNetwork chipEquivalent) {
}
