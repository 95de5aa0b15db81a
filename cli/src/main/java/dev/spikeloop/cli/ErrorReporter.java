package dev.spikeloop.cli;

import picocli.CommandLine;

/**
 * Turns an exception from a command into one clear message on stderr and exit code 1. The stack
 * trace is printed only when {@code SPIKELOOP_DEBUG} is set, because users need the message, not
 * the trace.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof java.io.UncheckedIOException u && message.equals(String.valueOf(u.getCause()))
                && u.getCause().getMessage() != null) {
            message = u.getCause().getMessage(); // "new UncheckedIOException(e)" would show the class name first
        }
        cl.getErr().println("spikeloop " + cl.getCommandName() + ": error: " + message);
        if (System.getenv("SPIKELOOP_DEBUG") != null) {
            e.printStackTrace(cl.getErr());
        }
        return 1;
    }
}
