package dev.spikeloop.cli.commands;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Progress bars that redraw on a terminal and print plain, occasional lines (no carriage returns, no
 * colour codes) when stderr goes to a file or a pipe, e.g. a CI log.
 */
final class ProgressBars {
    /** How often a plain line is printed when stderr is not a terminal. */
    static final long PLAIN_LINE_MILLIS = 10_000;

    private ProgressBars() {
    }

    /** Builds {@code builder}'s bar for stderr as it is. */
    static ProgressBar build(ProgressBarBuilder builder) {
        return build(builder, System.err, stderrIsTerminal());
    }

    /** As {@link #build(ProgressBarBuilder)} with the stream and the terminal question given (for tests). */
    static ProgressBar build(ProgressBarBuilder builder, PrintStream err, boolean terminal) {
        if (!terminal) {
            builder.setStyle(ProgressBarStyle.ASCII).setConsumer(new PlainLines(err, PLAIN_LINE_MILLIS));
        }
        return builder.build();
    }

    /**
     * Whether file descriptor 2 is a terminal: on Linux by where it points, elsewhere by whether the JVM
     * has a console (which asks about stdin and stdout, the best Java 17 offers).
     */
    static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            // fall through to the console question
        }
        return System.console() != null;
    }

    /** Prints the bar as a plain line at most every {@code millis}, and its last state at the end. */
    static final class PlainLines implements ProgressBarConsumer {
        private final PrintStream out;
        private final long everyNanos;
        private long last;
        private boolean printed;
        private String pending;

        PlainLines(PrintStream out, long millis) {
            this.out = out;
            this.everyNanos = millis * 1_000_000;
        }

        @Override
        public int getMaxRenderedLength() {
            return 160;
        }

        @Override
        public void accept(String rendered) {
            String line = rendered.replaceAll("\u001b\\[[0-9;]*[A-Za-z]", "").replace("\r", "").strip();
            long now = System.nanoTime();
            if (!printed || now - last >= everyNanos) {
                out.println(line);
                printed = true;
                last = now;
                pending = null;
            } else {
                pending = line;
            }
        }

        @Override
        public void close() {
            if (pending != null) {
                out.println(pending);
            }
            out.flush();
        }
    }
}
