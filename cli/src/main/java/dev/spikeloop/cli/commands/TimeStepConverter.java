package dev.spikeloop.cli.commands;

import dev.spikeloop.compiler.quantize.TimeStep;
import picocli.CommandLine;

/**
 * The picocli type of every step option ({@code --dt}, {@code --chip-dt}): seconds or {@code auto},
 * parsed by the compiler's {@link TimeStep} so that all commands accept and mean the same.
 */
public final class TimeStepConverter implements CommandLine.ITypeConverter<TimeStep> {
    /** The label of a step option in help texts. */
    static final String LABEL = "SECONDS|auto";

    @Override
    public TimeStep convert(String value) {
        try {
            return TimeStep.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
